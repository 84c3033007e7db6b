"""The HTTP protocol of ``gkreview serve``: uvicorn's h11 protocol with bounds against slow clients.

uvicorn alone waits forever for a request's headers (a slowloris holds a connection, and its file
descriptor, with one byte every few seconds) and its connection count is bounded only by the file
descriptors. Here:

- a request's headers must arrive within ``header_timeout_s`` of its first byte (or of the
  connection), and its body within ``body_timeout_s`` after the headers; else the connection closes;
- at most ``max_connections`` are open: over it, the oldest connection still waiting for its headers
  is closed (a client that is slow to send headers is the one to go), or the new one if none waits.

Every drop is counted; the log gets a summary line at most every ``LOG_EVERY_S`` seconds, never one
line per connection.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["GuardedH11Protocol", "guarded_protocol"]

log = logging.getLogger("gkreview.service")


class _Drops:
    """Counts of closed connections by reason, logged as one summary line now and then."""

    LOG_EVERY_S = 30.0

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.last = 0.0

    def add(self, reason: str) -> None:
        self.counts[reason] = self.counts.get(reason, 0) + 1
        now = time.monotonic()
        if now - self.last >= self.LOG_EVERY_S:
            self.last = now
            summary = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
            log.warning("connections closed by the server's limits so far: %s", summary)


class GuardedH11Protocol(H11Protocol):
    header_timeout_s = 10.0
    body_timeout_s = 120.0
    max_connections = 2000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state: Any = self.server_state  # shared by the server's connections; carries our two fields
        if not hasattr(state, "gk_waiting"):
            state.gk_waiting = {}  # protocols waiting for a request's headers, oldest first
            state.gk_drops = _Drops()
        self._waiting: dict[GuardedH11Protocol, None] = state.gk_waiting
        self._drops: _Drops = state.gk_drops
        self._phase: str | None = None
        self._timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()
        if len(self.connections) > self.max_connections:
            victim = next(iter(self._waiting), None)
            if victim is None or victim is self:
                self._close("over the connection limit")
            else:
                victim._close("over the connection limit (oldest waiting for headers)")

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._set_phase(None)
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self.transport is None or self.transport.is_closing():
            self._set_phase(None)
            return
        state = self.conn.their_state
        if state is h11.IDLE:
            self._set_phase("headers")
        elif state is h11.SEND_BODY:
            self._set_phase("body")
        else:
            self._set_phase(None)

    def _set_phase(self, phase: str | None) -> None:
        if phase == self._phase:
            return  # the deadline runs from the phase's start: a trickle of bytes does not extend it
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._waiting.pop(self, None)
        self._phase = phase
        if phase == "headers":
            self._waiting[self] = None
            self._timer = self.loop.call_later(self.header_timeout_s, self._expire, phase)
        elif phase == "body":
            self._timer = self.loop.call_later(self.body_timeout_s, self._expire, phase)

    def _expire(self, phase: str) -> None:
        self._timer = None
        if self._phase == phase:
            self._close(f"{phase} not received in time")

    def _close(self, reason: str) -> None:
        self._set_phase(None)
        self._drops.add(reason)
        if self.transport is not None and not self.transport.is_closing():
            if self.cycle is not None and not self.cycle.response_complete:
                self.cycle.disconnected = True
                self.cycle.message_event.set()
            self.transport.abort()  # no lingering: the descriptor is freed now


def guarded_protocol(settings: Any) -> type[GuardedH11Protocol]:
    """The protocol class with this service's bounds (``Settings``)."""
    return type(
        "GkreviewH11Protocol",
        (GuardedH11Protocol,),
        {
            "header_timeout_s": settings.header_timeout_s,
            "body_timeout_s": settings.body_timeout_s,
            "max_connections": settings.max_connections,
        },
    )
