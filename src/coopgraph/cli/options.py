"""What several commands share: settings from options over the environment, and the options
themselves, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coopgraph.cli.app import fail

if TYPE_CHECKING:
    from coopgraph.settings import Settings

__all__ = [
    "DataOption",
    "FullValidationOption",
    "OutOption",
    "get_settings",
    "pipeline_settings",
    "settings_from",
]

DataOption = Annotated[
    Path | None, typer.Option("--data", help="Data folder (documents/, entities.yaml).")
]
OutOption = Annotated[Path | None, typer.Option("--out", help="Where the TriG graph is written.")]
FullValidationOption = Annotated[
    bool,
    typer.Option("--full-validation", help="Validate the whole graph, not only what changed."),
]


def settings_from(**overrides: object) -> Settings:
    """Settings with the given options over the environment; a clear error if they clash."""
    import os
    import sys

    from pydantic import ValidationError

    from coopgraph.settings import Settings

    values: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    if (
        values.get("store_user")
        and not os.environ.get("COOPGRAPH_STORE_PASSWORD")
        and sys.stdin.isatty()
    ):
        values["store_password"] = typer.prompt("store password", hide_input=True)
    try:
        return Settings(**values)
    except ValidationError as error:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        raise fail(f"bad settings: {problems}") from None


def pipeline_settings(data: Path | None = None, out: Path | None = None) -> Settings:
    """The settings with ``--data`` and ``--out`` over them, when given."""
    from coopgraph.settings import Settings, get_settings

    base = get_settings()
    changes: dict[str, Path] = {}
    if data is not None:
        changes["data_dir"] = data
    if out is not None:
        changes["graph_path"] = out
    return Settings(**{**base.model_dump(), **changes}) if changes else base


def get_settings() -> Settings:
    """The settings of the environment, read when a command runs (not for ``--help``)."""
    from coopgraph.settings import get_settings as from_environment

    return from_environment()
