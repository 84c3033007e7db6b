"""Bounded logging: a flood of like records (one per refused request or dropped connection) is cut
to ``per_window`` lines per ``window_s`` seconds per message, then one line saying how many were
suppressed. The log of a service under attack grows by a bounded amount, whatever the attack."""

from __future__ import annotations

import logging
import threading
import time

__all__ = ["LOGGERS", "RateLimitFilter", "install"]

# loggers that write a line per request, connection or parse error
LOGGERS = (
    "gkreview.service",
    "uvicorn",
    "uvicorn.error",
    "asyncio",
    "multipart.multipart",
    "python_multipart.multipart",
)


class RateLimitFilter(logging.Filter):
    def __init__(self, per_window: int = 100, window_s: float = 10.0, max_keys: int = 1000) -> None:
        super().__init__()
        self.per_window = per_window
        self.window_s = window_s
        self.max_keys = max_keys
        self._seen: dict[tuple[str, str, int], list[float]] = {}  # key -> [window start, count, suppressed]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg), record.levelno)
        now = time.monotonic()
        with self._lock:
            entry = self._seen.get(key)
            if entry is None or now - entry[0] >= self.window_s:
                suppressed = int(entry[2]) if entry is not None else 0
                if entry is None and len(self._seen) >= self.max_keys:
                    self._seen.clear()  # many distinct messages: start over rather than grow
                self._seen[key] = [now, 1, 0]
                if suppressed:
                    record.msg = f"{record.msg} ({suppressed} like messages suppressed before this one)"
                return True
            entry[1] += 1
            if entry[1] <= self.per_window:
                return True
            entry[2] += 1
            return False


_installed: RateLimitFilter | None = None


def install(per_window: int = 100, window_s: float = 10.0) -> RateLimitFilter:
    """Put one rate-limiting filter on the chatty loggers (idempotent)."""
    global _installed
    if _installed is None:
        _installed = RateLimitFilter(per_window, window_s)
        for name in LOGGERS:
            logging.getLogger(name).addFilter(_installed)
    return _installed
