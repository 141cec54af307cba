"""Fails when a locked dependency has a known vulnerability that a released version fixes.

Vulnerabilities without a fix are printed but do not fail the run: there is nothing to upgrade
to, and they are reviewed by hand.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

result = subprocess.run(  # noqa: S603 (a fixed command line)
    [
        str(Path(sys.executable).parent / "pip-audit"),
        "-r",
        str(ROOT / "constraints.txt"),
        "--no-deps",
        "--disable-pip",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ],
    capture_output=True,
    text=True,
    check=False,
)
try:
    report = json.loads(result.stdout)
except json.JSONDecodeError:
    print(result.stderr)
    raise SystemExit(
        "pip-audit produced no report: is the vulnerability service reachable?"
    ) from None

fixable, unfixable = [], []
for dependency in report["dependencies"]:
    for vuln in dependency.get("vulns", []):
        line = f"{dependency['name']} {dependency['version']}: {vuln['id']}"
        if vuln.get("fix_versions"):
            fixable.append(f"{line} (fixed in {', '.join(vuln['fix_versions'])})")
        else:
            unfixable.append(line)

for line in unfixable:
    print(f"known, no fix released yet: {line}")
if fixable:
    print("Dependencies with known vulnerabilities and a fix available:")
    print("\n".join(f"  {line}" for line in fixable))
    raise SystemExit(1)
count = len(report["dependencies"])
print(f"pip-audit: {count} locked dependencies, none with a fixable vulnerability")
