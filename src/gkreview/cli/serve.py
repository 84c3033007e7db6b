"""gkreview serve [--host H] [--port P] [--review-workers N]: the HTTP service (needs the ``service`` extra).

Settings come from GKREVIEW_* environment variables (service/settings.py); options given here win.
Refuses a non-loopback host unless GKREVIEW_API_KEY is set.
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

from gkreview.cli._common import add_reviewer_options
from gkreview.errors import ConfigurationError


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name, help="start the HTTP service (API, reviewer's page, review record)"
    )
    p.add_argument("--host", help="address to listen on (default 127.0.0.1; others need GKREVIEW_API_KEY)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument(
        "--review-workers", type=int, help="review worker processes (default: the CPUs, at most 4)"
    )
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
        "review_workers": args.review_workers,
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
        from service.protocol import guarded_protocol
        from service.settings import Settings, ensure_safe_bind
    except ModuleNotFoundError as exc:
        raise ConfigurationError(
            f"gkreview serve needs the service extra ({exc.name} is missing): pip install 'gkreview[service]'"
        ) from exc
    overrides = _overrides(args)
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        # never the input values: one of them may be the API key
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors(include_url=False, include_input=False)
        )
        raise ConfigurationError(f"bad service settings: {problems}") from exc
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
        # bounds against slow clients and connection floods (service/protocol.py); no websockets
        "http": guarded_protocol(settings),
        "ws": "none",
        "timeout_keep_alive": 5,
        "h11_max_incomplete_event_size": 16 * 1024,  # the request line and headers
    }
    # one server process: the event loop only moves bytes; reviews run in the review worker processes,
    # and the recent-review cache that decisions refer to lives in this process
    uvicorn.run(create_app(settings), **common)
    return 0
