"""The service under attack, on loopback only: slow clients and a flood of large uploads (issue #10).

    .venv/bin/python bench/service_attack.py [--seconds 20] [--slowloris 5000] [--slow-bodies 40]
                                            [--uploads 128] [--upload-mb 19.5] [--workers 2]

Starts a real `gkreview serve` on 127.0.0.1 (a free port, a temporary review record, the default
limits, rules only), then runs three phases, each bounded in time (``--seconds``) and in count, and
stops by itself:

1. quiet: the baseline, measured in the same run — /healthz and a normal review (a real State
   Council text of ~3,000 characters with one synthetic contact line) one after the other;
2. slowloris: ``--slowloris`` connections that never finish their headers (one more byte every
   second; a closed one is reopened, at most 4× in all), plus ``--slow-bodies`` uploads that
   announce 19.5 MB and trickle it;
3. uploads: ``--uploads`` clients each posting a 19.5 MB upload (random bytes) again and again.

During each phase a prober asks /healthz and the normal review every 0.25 s on fresh connections and
records their latency; a sampler records the RSS of the server and of each review worker, the
server's open file descriptors and the growth of its log. Prints one table and the goals: server RSS
<= 300 MB, each worker <= its cap (GKREVIEW_WORKER_MEMORY_MB), /healthz and the normal review within
1 s in every phase. Speed figures depend on the machine (and on who else uses it).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GKREVIEW_SHARED", ROOT.parent / "shared"))
HOST = "127.0.0.1"  # loopback only, never anything else
SYNTHETIC_LINE = "联系人：王某某（身份证号11010519491231002X，手机13812345678）"  # synthetic, made up


def normal_document() -> bytes:
    text = ""
    path = SHARED / "corpora" / "govcn_statecouncil.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                t = json.loads(line)["text"]
                if 2000 <= len(t) <= 4000:
                    text = t
                    break
    if not text:  # SYNTHETIC fallback when ../shared is absent
        text = "关于做好有关工作的通知\n各单位：\n" + "现将有关事项通知如下。" * 200
    first, _, rest = text.partition("\n")
    return f"{first}\n{SYNTHETIC_LINE}\n{rest}".encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Phase:
    name: str
    healthz_ms: list[float] = field(default_factory=list)
    review_ms: list[float] = field(default_factory=list)
    review_status: dict[str, int] = field(default_factory=dict)
    healthz_failed: int = 0
    server_rss_mb: float = 0.0
    worker_rss_mb: float = 0.0
    fds: int = 0
    log_bytes: int = 0
    attack: dict[str, int] = field(default_factory=dict)
    server_cpu_s: float = 0.0  # CPU seconds of the server and its workers during the phase
    bench_cpu_s: float = 0.0  # CPU seconds of this script (the attacker and the prober)


class Server:
    def __init__(self, workers: int, tmp: Path) -> None:
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log_path = tmp / "server.log"
        env = {**os.environ, "GKREVIEW_DATA_DIR": str(tmp / "data"), "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
        env.pop("GKREVIEW_API_KEY", None)
        self.cap_mb = int(env.get("GKREVIEW_WORKER_MEMORY_MB", "4096"))
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        cmd = [sys.executable, "-m", "gkreview", "serve", "--host", HOST, "--port", str(self.port)]
        cmd += ["--model", "none", "--review-workers", str(workers), "--log-level", "info"]
        self.proc = subprocess.Popen(cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            if self.proc.poll() is not None:
                raise SystemExit(f"the server stopped: see {self.log_path}")
            time.sleep(0.3)
        raise SystemExit("the server did not start within 180 s")

    def sample(self) -> tuple[float, float, int]:
        p = psutil.Process(self.proc.pid)
        server = p.memory_info().rss / 1e6
        workers = 0.0
        for c in p.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                workers = max(workers, c.memory_info().rss / 1e6)
        return server, workers, p.num_fds()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


def probe(server: Server, phase: Phase, doc: bytes, stop: threading.Event) -> None:
    while not stop.is_set():
        t0 = time.perf_counter()
        try:
            r = httpx.get(server.base + "/healthz", timeout=10)
            if r.status_code == 200:
                phase.healthz_ms.append((time.perf_counter() - t0) * 1000)
            else:
                phase.healthz_failed += 1
        except httpx.HTTPError:
            phase.healthz_failed += 1
        t0 = time.perf_counter()
        try:
            r = httpx.post(
                server.base + "/v1/review", files={"file": ("通知.txt", doc, "text/plain")}, timeout=30
            )
            key = str(r.status_code)
            if r.status_code == 200:
                phase.review_ms.append((time.perf_counter() - t0) * 1000)
        except httpx.HTTPError as exc:
            key = type(exc).__name__
        phase.review_status[key] = phase.review_status.get(key, 0) + 1
        stop.wait(0.25)


def sampler(server: Server, phase: Phase, stop: threading.Event) -> None:
    size0 = server.log_path.stat().st_size
    while not stop.is_set():
        with contextlib.suppress(psutil.Error):
            s, w, fds = server.sample()
            phase.server_rss_mb = max(phase.server_rss_mb, s)
            phase.worker_rss_mb = max(phase.worker_rss_mb, w)
            phase.fds = max(phase.fds, fds)
        stop.wait(0.2)
    phase.log_bytes = server.log_path.stat().st_size - size0


def slowloris(server: Server, phase: Phase, stop: threading.Event, n: int, slow_bodies: int) -> None:
    head = f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: ".encode()
    body_head = (
        f"POST /v1/review HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: multipart/form-data; boundary=zz\r\n"
        f"Content-Length: {int(19.5 * 1024 * 1024)}\r\n\r\n--zz\r\n"
        'Content-Disposition: form-data; name="file"; filename="x.txt"\r\n\r\n'
    ).encode()
    budget = 4 * (n + slow_bodies)  # connection attempts, in all
    socks: list[tuple[socket.socket, bool]] = []
    opened = closed = 0

    def open_one(body: bool) -> None:
        nonlocal opened, budget
        if budget <= 0:
            return
        budget -= 1
        try:
            s = socket.create_connection((HOST, server.port), timeout=5)
            s.sendall(body_head + b"x" * 65536 if body else head)
            s.setblocking(False)
            socks.append((s, body))
            opened += 1
        except OSError:
            pass

    for i in range(n + slow_bodies):
        if stop.is_set():
            break
        open_one(i < slow_bodies)
    while not stop.is_set():
        alive: list[tuple[socket.socket, bool]] = []
        for s, body in socks:
            try:
                s.send(b"y" * 1024 if body else b"a")
                alive.append((s, body))
            except BlockingIOError:
                alive.append((s, body))
            except OSError:
                closed += 1
                s.close()
        socks[:] = alive
        for _ in range(n + slow_bodies - len(socks)):  # the attacker reopens what the server closed
            open_one(False)
        stop.wait(1.0)
    for s, _ in socks:
        s.close()
    phase.attack = {"opened": opened, "closed_by_server": closed}


def uploads(server: Server, phase: Phase, stop: threading.Event, n: int, mb: float) -> None:
    """``n`` clients on raw sockets, each sending a whole multipart upload of ``mb`` MB at once (no
    waiting for the answer first, as an attacker would), then reading the status line; again and again."""
    data = memoryview(random.Random(10).randbytes(int(mb * 1024 * 1024)))  # one buffer shared by all
    pre = b'--zz\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n'
    post = b"\r\n--zz--\r\n"
    head = (
        f"POST /v1/review HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: multipart/form-data; boundary=zz\r\n"
        f"Content-Length: {len(pre) + len(data) + len(post)}\r\nConnection: close\r\n\r\n"
    ).encode()
    counts: dict[str, int] = {}
    lock = threading.Lock()

    def one() -> str:
        with socket.create_connection((HOST, server.port), timeout=120) as s:
            try:
                s.sendall(head + pre)
                s.sendall(data)
                s.sendall(post)
            except OSError:
                pass  # refused before the body was read: the answer is waiting
            try:
                line = s.recv(64).split(b"\r\n", 1)[0]
            except OSError as exc:
                return type(exc).__name__
            parts = line.split()
            return parts[1].decode() if len(parts) > 1 else "closed"

    def client() -> None:
        while not stop.is_set():
            try:
                key = one()
            except OSError as exc:
                key = type(exc).__name__
            with lock:
                counts[key] = counts.get(key, 0) + 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    stop.wait()
    for t in threads:
        t.join(timeout=130)
    phase.attack = counts


def cpu_s(pid: int) -> float:
    total = 0.0
    with contextlib.suppress(psutil.Error):
        p = psutil.Process(pid)
        for q in [p, *p.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                t = q.cpu_times()
                total += t.user + t.system
    return total


def run_phase(
    server: Server, name: str, seconds: float, doc: bytes, attack: object = None, *args: object
) -> Phase:
    phase = Phase(name)
    cpu0 = cpu_s(server.proc.pid), cpu_s(os.getpid())
    stop = threading.Event()
    threads = [threading.Thread(target=sampler, args=(server, phase, stop), daemon=True)]
    if attack is not None:
        threads.append(threading.Thread(target=attack, args=(server, phase, stop, *args), daemon=True))
    for t in threads:
        t.start()
    time.sleep(min(3.0, seconds / 4) if attack is not None else 0)  # let the attack build up first
    prober = threading.Thread(target=probe, args=(server, phase, doc, stop), daemon=True)
    prober.start()
    time.sleep(seconds)
    stop.set()
    prober.join(timeout=60)
    for t in threads:
        t.join(timeout=150)
    phase.server_cpu_s = cpu_s(server.proc.pid) - cpu0[0]
    phase.bench_cpu_s = cpu_s(os.getpid()) - cpu0[1]
    return phase


def stats(ms: list[float]) -> str:
    if not ms:
        return "      —       —"
    return f"{statistics.median(ms):7.0f} {max(ms):7.0f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each phase (default 20)")
    ap.add_argument(
        "--slowloris", type=int, default=5000, help="unfinished-header connections (default 5000)"
    )
    ap.add_argument("--slow-bodies", type=int, default=40, help="slow 19.5 MB bodies (default 40)")
    ap.add_argument("--uploads", type=int, default=128, help="concurrent upload clients (default 128)")
    ap.add_argument("--upload-mb", type=float, default=19.5, help="size of each upload (default 19.5)")
    ap.add_argument("--workers", type=int, default=2, help="review workers of the server (default 2)")
    args = ap.parse_args()
    args.seconds = min(max(args.seconds, 5.0), 120.0)
    args.slowloris = min(args.slowloris, 10_000)
    args.uploads = min(args.uploads, 256)
    doc = normal_document()
    with tempfile.TemporaryDirectory(prefix="gkreview-attack-") as tmp:
        server = Server(args.workers, Path(tmp))
        try:
            phases = [
                run_phase(server, "quiet", args.seconds, doc),
                run_phase(
                    server, "slowloris", args.seconds, doc, slowloris, args.slowloris, args.slow_bodies
                ),
                run_phase(server, "uploads", args.seconds, doc, uploads, args.uploads, args.upload_mb),
            ]
            after = run_phase(server, "after", min(args.seconds, 10.0), doc)
        finally:
            server.stop()
    phases.append(after)
    base = phases[0]
    print(
        f"gkreview serve on {HOST}, {args.workers} review workers, worker cap {server.cap_mb} MB; "
        f"each phase {args.seconds:g} s"
    )
    print(
        f"{'phase':10} {'healthz p50/max ms':>19} {'review p50/max ms':>18} {'x quiet p50':>11} "
        f"{'server MB':>9} {'worker MB':>9} {'fds':>5} {'log KB':>7}  review answers / attack"
    )
    for ph in phases:
        ratio = (
            f"{statistics.median(ph.review_ms) / statistics.median(base.review_ms):11.1f}"
            if ph.review_ms and base.review_ms
            else f"{'—':>11}"
        )
        print(
            f"{ph.name:10} {stats(ph.healthz_ms):>19} {stats(ph.review_ms):>18} {ratio} "
            f"{ph.server_rss_mb:9.0f} {ph.worker_rss_mb:9.0f} {ph.fds:5d} {ph.log_bytes / 1024:7.1f} "
            f"{ph.server_cpu_s:7.1f}/{ph.bench_cpu_s:<7.1f}  "
            f"{ph.review_status} healthz failed {ph.healthz_failed}; {ph.attack}"
        )
    ok = True
    for ph in phases:
        slow = [x for x in ph.healthz_ms + ph.review_ms if x > 1000]
        if ph.healthz_failed or slow or set(ph.review_status) - {"200"}:
            print(
                f"goal missed in {ph.name}: healthz failed {ph.healthz_failed}, answers over 1 s {len(slow)}, "
                f"review answers {ph.review_status}"
            )
            ok = False
        if ph.server_rss_mb > 300:
            print(f"goal missed in {ph.name}: server RSS {ph.server_rss_mb:.0f} MB > 300 MB")
            ok = False
        if server.cap_mb and ph.worker_rss_mb > server.cap_mb:
            print(
                f"goal missed in {ph.name}: a worker at {ph.worker_rss_mb:.0f} MB > its cap {server.cap_mb} MB"
            )
            ok = False
    print("goals met" if ok else "some goals missed (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
