"""Dependencies run one way: site (companion) -> features (conditions, conversations, programme) -> people and pairs
(partners) and the content machinery (editorial). No import runs back up."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"companion", "conditions", "conversations", "programme", "partners", "editorial"}
MAY_IMPORT = {
    "companion": OURS,
    "conditions": {"conditions", "editorial", "partners"},
    "conversations": {"conversations", "editorial", "partners"},
    "programme": {"programme", "editorial", "partners"},
    "partners": {"partners"},
    "editorial": {"editorial"},
}


def imported_apps(path):
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & OURS


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_no_import_runs_back_up(app):
    wrong = {}
    for path in (ROOT / app).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if bad := imported_apps(path) - MAY_IMPORT[app]:
            wrong[str(path.relative_to(ROOT))] = sorted(bad)
    assert wrong == {}


def test_every_app_of_ours_is_tested():
    import tomllib

    testpaths = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"])
    assert OURS <= testpaths
