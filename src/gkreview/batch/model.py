"""The scan's options and one file's result (``ScanResult``, defined with the writers that take it); and the
usage error of a scan asked for something impossible (``ScanUsageError``, in ``gkreview.errors``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gkreview.errors import ScanUsageError
from gkreview.outputs.result import ScanResult

__all__ = ["ScanOptions", "ScanResult", "ScanUsageError"]


@dataclass(frozen=True)
class ScanOptions:
    jobs: int = 0  # 0: the number of cores
    timeout_s: float = 120.0  # hard bound per file (the worker is killed past it)
    memory_mb: int = 4096  # RLIMIT_AS per worker; 0 for no bound
    reviewer: Mapping[str, Any] = field(default_factory=dict)  # keyword arguments of Reviewer(...)
    start_method: str = "spawn"  # no threads or state inherited from the caller
    context_chars: int = 30  # evidence window each side of a finding (for the HTML)
    factory: str = "gkreview.review:Reviewer"  # "module:callable" building the per-worker reviewer

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else max(os.cpu_count() or 1, 1)
