"""The harness's output: a Markdown table of the runs, each compared with /healthz."""


def ceiling_rps(rows) -> float | None:
    """The requests a second of the run's /healthz, if it was measured."""
    return next((figures["rps"] for run, figures in rows if run.scenario.ceiling), None)


def table(rows, meta: str, notes: list[str] = ()) -> str:
    """``rows`` are (Run, figures) pairs, in the order they are shown."""
    ceiling = ceiling_rps(rows)
    lines = [
        meta,
        "",
        "| scenario | requests/s | p50 ms | p95 ms | errors | vs /healthz | target | met |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for run, r in rows:
        ratio = f"{r['rps'] / ceiling:.0%}" if ceiling else "n/a"
        target = run.target
        lines.append(
            f"| {run.label} | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} "
            f"| {r['p95_us'] / 1000:.1f} | {r['errors']} | {ratio} | {target.describe()} "
            f"| {target.met(r, ceiling)} |"
        )
    output = "\n".join(lines) + "\n"
    if notes:
        output += "\n" + "\n".join(f"- {note}" for note in notes) + "\n"
    return output


def reload_table(name: str, r: dict, args, meta: str, preload: str) -> str:
    stopped = r["old_stopped_at"]
    when = f"{r['reloaded_at']:.0f} s"
    if args.reload == "release":
        when += f", old master stopped at {stopped:.0f} s" if stopped is not None else ", n/a"
    output = (
        f"{meta}\n\n"
        "| scenario | reload (at, of the run) | preload | requests/s | p50 ms | p95 ms | max ms "
        "| errors (time-outs) | non-2xx |\n"
        "|---|---|---|---:|---:|---:|---:|---:|---:|\n"
        f"| {name} | {args.reload} ({when}) | {preload} | {r['rps']:.0f} "
        f"| {r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | {r['max_us'] / 1000:.0f} "
        f"| {r['errors']} ({r['timeouts']}) | {r['non2xx']} |\n"
    )
    if args.reload == "release" and (stopped is None or stopped > args.duration):
        output += (
            f"\nThe release took {r['release_s']:.0f} s and the old master was stopped after the "
            f"load ended, so the handover was not measured: run again with a longer --duration.\n"
        )
    return output


def duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
