"""The reports read other apps only through their public modules (models, selectors,
constants and the like), never through their forms, views or services, so that an app can
change how it handles requests without breaking the partnership reports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The report modules: the reports app itself and each app's report section.
REPORT_MODULES = [
    *sorted((ROOT / "elearning" / "reports").rglob("*.py")),
    ROOT / "supervision" / "report.py",
    ROOT / "toolkit" / "report.py",
]

INTERNAL = {"forms", "views", "services"}

# The shared GOV.UK form fields every app builds its forms from: public by design.
SHARED = {"elearning.core.forms"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str:
    """The app a dotted module belongs to: ``elearning.<app>`` or a top-level app."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "elearning" else parts[0]


def imported_modules(path: Path, source: str) -> list[tuple[int, str]]:
    """Every module the file imports, as absolute dotted names, with its line."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module
            found.append((node.lineno, name))
            # ``from courses import services`` imports the internals too.
            found.extend((node.lineno, f"{name}.{alias.name}") for alias in node.names)
    return found


def project_module(name: str) -> bool:
    """Whether a module is the project's own (not Django's, Wagtail's or Python's)."""
    return (ROOT / name.split(".")[0] / "__init__.py").exists()


def internal_imports(path: Path, source: str | None = None) -> list[str]:
    own_app = app_of(module_name(path))
    problems = set()
    for line, name in imported_modules(path, path.read_text() if source is None else source):
        if not project_module(name) or app_of(name) == own_app:
            continue
        if any(name == s or name.startswith(f"{s}.") for s in SHARED):
            continue
        parts = name.split(".")
        for index, part in enumerate(parts[1:], start=1):
            if part in INTERNAL:
                problems.add(
                    f"{path.relative_to(ROOT)}:{line} imports {'.'.join(parts[: index + 1])}"
                )
                break
    return sorted(problems)


@pytest.mark.parametrize("path", REPORT_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_reports_import_only_public_modules_of_other_apps(path):
    assert internal_imports(path) == []


def test_the_check_finds_an_internal_import():
    path = ROOT / "elearning" / "reports" / "sections" / "content_review.py"
    source = (
        "from elearning.library.services import REVIEW_WARNING_DAYS\n"
        "from courses.services.no_shows import REASON_KEYS\n"
        "from courses import views\n"
        "import quizzes.forms\n"
        "from ..filters import ReportFilters\n"
        "from elearning.core.forms import DateField\n"
    )
    assert len(internal_imports(path, source)) == 4
