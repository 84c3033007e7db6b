"""gkreview serve [--host H] [--port P] [--workers N]: the HTTP service (needs the ``service`` extra).

Settings come from GKREVIEW_* environment variables (service/settings.py); options given here win.
Refuses a non-loopback host unless GKREVIEW_API_KEY is set.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
from typing import Any

from gkreview.cli._common import add_reviewer_options
from gkreview.errors import ConfigurationError


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name, help="start the HTTP service (API, reviewer's page, review record)"
    )
    p.add_argument("--host", help="address to listen on (default 127.0.0.1; others need GKREVIEW_API_KEY)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--database-url", help="SQLAlchemy URL of the review record (default: SQLite in --data-dir)"
    )
    p.add_argument("--data-dir", help="folder of the default SQLite review record")
    p.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    add_reviewer_options(p)
    p.set_defaults(model=None)  # unset: GKREVIEW_MODEL or the settings' default
    return p


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "database_url": args.database_url,
        "data_dir": args.data_dir,
        "config": args.config,
        "profile": args.profile,
        "model": args.model,
        "negative_lists": tuple(args.negative_list) or None,
        "allow_lists": tuple(args.allow_list) or None,
    }
    return {k: v for k, v in values.items() if v is not None}


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
        from pydantic import ValidationError

        from service.app import create_app
        from service.settings import Settings, ensure_safe_bind
    except ModuleNotFoundError as exc:
        raise ConfigurationError(
            f"gkreview serve needs the service extra ({exc.name} is missing): pip install 'gkreview[service]'"
        ) from exc
    if args.workers < 1:
        raise ConfigurationError("--workers must be at least 1")
    overrides = _overrides(args)
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        raise ConfigurationError(f"bad service settings: {exc}") from exc
    ensure_safe_bind(settings)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.log_level != "debug":
        logging.getLogger("alembic").setLevel(logging.WARNING)
    common: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": args.log_level,
        "access_log": False,  # the service logs each request itself (path only, never a body)
    }
    if args.workers > 1:
        for key, value in overrides.items():  # each worker builds its settings from the environment
            os.environ[f"GKREVIEW_{key.upper()}"] = (
                json.dumps(list(value)) if isinstance(value, tuple) else str(value)
            )
        uvicorn.run("service.app:create_app", factory=True, workers=args.workers, **common)
    else:
        uvicorn.run(create_app(settings), **common)
    return 0
