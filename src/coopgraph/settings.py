"""One typed settings object, read from ``COOPGRAPH_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout holding ``data/``, ``ontology/`` and ``queries/``."""
_IN_CHECKOUT = PROJECT_ROOT / "ontology"
ONTOLOGY_DIR = _IN_CHECKOUT if _IN_CHECKOUT.is_dir() else Path(__file__).parent / "ontology"
"""The checkout's ``ontology/``, else the copy an installed package ships as package data
(``src/coopgraph/ontology`` links to it): extraction's type checks read the class tree there."""


class Settings(BaseSettings):
    """Where things live and how the endpoint behaves. Override with ``COOPGRAPH_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="COOPGRAPH_", extra="ignore")

    data_dir: Path = PROJECT_ROOT / "data"
    ontology_dir: Path = ONTOLOGY_DIR
    queries_dir: Path = PROJECT_ROOT / "queries"
    graph_path: Path = PROJECT_ROOT / "out" / "coopgraph.trig"
    docs_dir: Path = PROJECT_ROOT / "ontology" / "docs"
    gold_dir: Path = PROJECT_ROOT / "data" / "gold"
    """The hand-made annotation of the seed documents that ``coopgraph evaluate`` scores."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    processes: int = Field(
        default=2, ge=1, le=64, description="server processes answering on the port"
    )
    query_timeout: float = Field(default=5.0, gt=0, description="seconds a query may run")
    read_timeout: float = Field(
        default=120.0,
        gt=0,
        description="seconds a query of the server's own (VoID, analytics, viewer) may run",
    )
    max_results: int = Field(
        default=100_000, gt=0, description="rows or triples a query may return"
    )
    worker_memory_mb: int = Field(
        default=1024, ge=64, description="address space each query worker may use, in MiB"
    )
    result_cache_mb: int = Field(
        default=64,
        ge=0,
        description="memory for answers to repeated queries, in MiB (0: answer every time)",
    )
    max_body_bytes: int = Field(
        default=512 * 1024, gt=0, description="largest request body accepted (413 above)"
    )
    spacy_model: str = Field(
        default="en_core_web_md",
        description="the English spaCy pipeline extraction uses: a package name or a directory",
    )
    max_document_bytes: int = Field(
        default=20 * 1024 * 1024, gt=0, description="largest document file the build reads"
    )
    extract_timeout: float = Field(
        default=300.0,
        gt=0,
        description="seconds an article's extraction, or the build a review commit runs, may take",
    )
    reviewer: str | None = Field(
        default=None,
        description="the name review decisions are recorded under (coopgraph review DOCUMENT)",
    )
    allow_updates: bool = False
    token: SecretStr | None = None
    cors_origins: list[str] = []
    store_url: str | None = None

    # --- external triple store (coopgraph.store.connection) -------------------------------------
    store_kind: Literal["auto", "generic", "oxigraph", "fuseki", "graphdb", "virtuoso"] = Field(
        default="auto",
        description="how the store lays out its query, update and GSP URLs (auto: ask the store)",
    )
    store_update_url: str | None = None
    store_gsp_url: str | None = None
    store_user: str | None = None
    store_password: SecretStr | None = None
    store_token: SecretStr | None = None
    store_auth: Literal["basic", "digest"] = "basic"
    store_timeout: float = Field(default=30.0, gt=0, description="seconds per store request")
    store_retries: int = Field(default=3, ge=0, le=10, description="retries on failures")

    @model_validator(mode="after")
    def _store_credentials(self) -> Settings:
        if self.store_password is not None and not self.store_user:
            raise ValueError("COOPGRAPH_STORE_PASSWORD is set but COOPGRAPH_STORE_USER is not")
        if self.store_token is not None and self.store_user:
            raise ValueError(
                "give the store either a user and password or a token, not both: "
                "unset COOPGRAPH_STORE_USER or COOPGRAPH_STORE_TOKEN"
            )
        return self

    # --- end of the external triple store block ------------------------------------------

    @model_validator(mode="after")
    def _updates_need_a_token(self) -> Settings:
        if self.allow_updates and not (self.token and self.token.get_secret_value().strip()):
            raise ValueError(
                "updates are enabled but COOPGRAPH_TOKEN is empty: set a bearer token first"
            )
        return self

    @property
    def ontology_path(self) -> Path:
        return self.ontology_dir / "coopgraph.ttl"

    @property
    def shapes_path(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def reviews_dir(self) -> Path:
        """A person's decisions on extracted facts, one file per document."""
        return self.data_dir / "reviews"

    @property
    def registry_path(self) -> Path:
        return self.data_dir / "entities.yaml"

    @property
    def cache_dir(self) -> Path:
        """What builds keep between runs (extractions, fragments), beside the graph."""
        return self.graph_path.parent / "cache"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings`` instead)."""
    return Settings()
