"""The layer contract `lint-imports` checks: every package in a layer, no exception listed."""

from __future__ import annotations

import tomllib

from coopgraph.settings import PROJECT_ROOT

CONFIG = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACTS = CONFIG["tool"]["importlinter"]["contracts"]


def test_no_contract_lists_an_exception() -> None:
    assert CONTRACTS
    for contract in CONTRACTS:
        assert "ignore_imports" not in contract, contract["name"]


def test_every_module_of_the_package_has_a_layer() -> None:
    [layers] = [c for c in CONTRACTS if c["type"] == "layers"]
    assert layers["exhaustive"] is True
    named = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    package = PROJECT_ROOT / "src" / "coopgraph"
    children = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    children |= {p.parent.name for p in package.glob("*/__init__.py")}
    assert named == children


def test_no_package_has_a_cycle_among_its_modules() -> None:
    assert any(
        c["type"] == "acyclic_siblings" and c["ancestors"] == ["coopgraph"] for c in CONTRACTS
    )
