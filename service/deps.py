"""Dependencies: the objects built once at start-up (settings, Reviewer, database, runner, cache)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request

from service.db import Database
from service.reviews import NameMasker, ReviewCache, Runner
from service.settings import Settings

__all__ = ["ServiceState", "State", "get_state"]


@dataclass
class ServiceState:
    settings: Settings
    db: Database
    runner: Runner  # runs reviews: worker processes (default) or a given Reviewer in threads
    cache: ReviewCache
    info: dict[str, Any]  # {"detectors": [...], "model_card": {...} | None}, asked of a worker at start-up
    mask_name: NameMasker  # a document's name as the review record keeps it
    upload_dir: Path  # private (0700) folder of the uploads being reviewed, one 0600 file each


def get_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.gkreview
    return state


State = Annotated[ServiceState, Depends(get_state)]
