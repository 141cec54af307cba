"""Tasks the background-work tests queue (a task must live at an importable path)."""

from django_tasks import task


@task()
def always_fails() -> None:
    raise RuntimeError("The mail relay refused the connection")


@task()
def succeeds() -> str:
    return "done"
