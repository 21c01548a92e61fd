"""Dependencies run one way: site (companion) -> features (conditions, conversations, programme) -> people and pairs
(partners) and the content machinery (editorial). The rule itself is the import-linter contract in pyproject.toml,
which `make lint` checks; these tests keep it covering every app, and run it with the suite."""

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())
OURS = {"companion", "conditions", "conversations", "programme", "partners", "editorial"}


def test_the_contract_names_every_app_in_its_layer():
    linter = CONFIG["tool"]["importlinter"]
    assert set(linter["root_packages"]) == OURS
    (contract,) = linter["contracts"]
    layered = {app.strip() for layer in contract["layers"] for app in layer.split("|")}
    assert layered == OURS


def test_no_import_runs_back_up():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_every_app_of_ours_is_tested():
    assert set(CONFIG["tool"]["pytest"]["ini_options"]["testpaths"]) >= OURS
