"""Service settings, read from the environment (prefix ``GKREVIEW_``) by pydantic-settings.

GKREVIEW_API_KEY            bearer key; when set every route but /healthz needs it
GKREVIEW_DATABASE_URL       SQLAlchemy URL (postgresql+psycopg://…); default a SQLite file in DATA_DIR
GKREVIEW_DATA_DIR           where the default SQLite review record lives
GKREVIEW_MAX_UPLOAD_BYTES   larger request bodies get 413
GKREVIEW_REQUEST_TIMEOUT_S  per-request time limit for a review
GKREVIEW_HOST / GKREVIEW_PORT
GKREVIEW_WORKER_MEMORY_MB, GKREVIEW_MAX_PENDING, GKREVIEW_MAX_LARGE_PENDING, GKREVIEW_MAX_CONNECTIONS, GKREVIEW_HEADER_TIMEOUT_S,
GKREVIEW_BODY_TIMEOUT_S, GKREVIEW_AUTH_FAILURES_PER_MINUTE   limits against load and slow clients
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from gkreview.errors import ConfigurationError

__all__ = ["Settings", "ensure_safe_bind", "is_loopback"]


MIN_KEY_CHARS = 16


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "gkreview"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GKREVIEW_", extra="ignore", frozen=True)

    api_key: SecretStr | None = None
    database_url: str | None = None
    data_dir: Path = Field(default_factory=_default_data_dir)
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    request_timeout_s: float = Field(default=60.0, gt=0)
    review_workers: int = Field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)), ge=1, le=64)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    # the Reviewer's own options (same meaning as the CLI's review options)
    config: str | None = None
    profile: str | None = None
    model: str | None = "default"
    negative_lists: tuple[str, ...] = ()
    allow_lists: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()  # extra Host names accepted without an API key (loopback only)
    review_cache_size: int = Field(default=2000, ge=1)  # recent reviews a decision can refer to
    max_text_view_chars: int = Field(default=300_000, ge=0)
    # bounds against load and slow clients (see the service README, "Limits")
    worker_memory_mb: int = Field(default=4096, ge=0)  # RLIMIT_AS per review worker, as scan --memory-mb
    # review/redact requests at once (uploading, queued, reviewed); 503 over. Of those with a body over
    # 1 MiB (or of unknown length) at most max_large_pending
    max_pending: int = Field(default=16, ge=1)
    max_large_pending: int = Field(default=4, ge=1)
    # open connections; over it the oldest one still waiting for its headers is dropped
    max_connections: int = Field(default=2000, ge=16)
    header_timeout_s: float = Field(default=10.0, gt=0)  # a request's headers must arrive within this
    body_timeout_s: float = Field(default=120.0, gt=0)  # and its body within this after the headers
    auth_failures_per_minute: int = Field(default=30, ge=1)  # per client address; 429 over it

    @field_validator("api_key")
    @classmethod
    def _strong_enough(cls, value: SecretStr | None) -> SecretStr | None:
        """'' means no key; anything else must be a real key: at least MIN_KEY_CHARS, spaces trimmed."""
        if value is None or value.get_secret_value() == "":
            return value
        key = value.get_secret_value().strip()
        if len(key) < MIN_KEY_CHARS:
            raise ValueError(
                f"GKREVIEW_API_KEY is too short ({len(key)} characters after trimming spaces; at least "
                f"{MIN_KEY_CHARS} needed): use a random key, e.g. python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))'"
            )
        return SecretStr(key)

    @property
    def key(self) -> str | None:
        """The API key, or None when the service runs without one ('' counts as none)."""
        if self.api_key is None:
            return None
        value = self.api_key.get_secret_value()
        return value or None

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'reviews.sqlite3').as_posix()}"

    def reviewer_kwargs(self) -> dict[str, Any]:
        model: str | None = self.model
        if model in ("none", "off", ""):
            model = None
        return {
            "config": self.config,
            "profile": self.profile,
            "model": model,
            "negative_lists": list(self.negative_lists),
            "allow_lists": list(self.allow_lists),
        }

    def worker_options(self) -> dict[str, Any]:
        """What a review worker process needs to build its Reviewer (picklable)."""
        return {
            **self.reviewer_kwargs(),
            "max_file_bytes": self.max_upload_bytes,
            "timeout_s": self.request_timeout_s,
        }


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ensure_safe_bind(settings: Settings) -> None:
    """Refuse to listen beyond this machine without an API key."""
    if not is_loopback(settings.host) and settings.key is None:
        raise ConfigurationError(
            f"refusing to listen on {settings.host!r} without an API key: set GKREVIEW_API_KEY, "
            "or listen on 127.0.0.1"
        )
