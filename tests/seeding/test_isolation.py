"""The seeders are not part of the running site: no app module imports ``seeding``, and
loading the site's URLs (and with them every app, admin hook and view) leaves it unimported.
Only the two commands that run the seeders may import it."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["elearning", "courses", "quizzes", "supervision", "toolkit"]
COMMANDS = ROOT / "elearning" / "core" / "management" / "commands"
MAY_IMPORT = {COMMANDS / "seed_demo.py", COMMANDS / "seed_volume.py"}


def _mentions_seeding(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # A dotted path handed to import_string or a registry counts as an import.
            names = [node.value] if node.value.startswith("seeding.") else []
        else:
            continue
        if any(name == "seeding" or name.startswith("seeding.") for name in names):
            lines.append(node.lineno)
    return lines


def test_no_app_module_imports_seeding():
    offenders = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path in MAY_IMPORT:
                continue
            lines = _mentions_seeding(ast.parse(path.read_text(), filename=str(path)))
            offenders += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    assert offenders == []


def test_the_commands_that_run_the_seeders_are_the_ones_allowed_to():
    for path in MAY_IMPORT:
        assert _mentions_seeding(ast.parse(path.read_text())), path


def test_loading_the_site_does_not_import_seeding():
    code = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import elearning.urls; "
        "from wagtail import hooks; hooks.search_for_hooks(); "
        "print(sorted(m for m in sys.modules if m == 'seeding' or m.startswith('seeding.')))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "elearning.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
