"""Bounded load test of the HTTP service on loopback: requests/s, p50/p99 latency, server memory.

    .venv/bin/python bench/service.py [--requests 500] [--clients 1,4,8] [--pages 20]

Starts `gkreview serve` on 127.0.0.1 (a free port, a temporary review record), renders a 20-page
text PDF from real published State Council documents (../shared/corpora) with one synthetic ID
number line (made up, so that there is a finding), and posts it to /v1/review from 1, 4 and 8
concurrent clients. The baseline, measured in the same run, is the library call the service
wraps (`Reviewer.review(pdf_bytes)` in this process, one at a time); the ratio is service p50 / library p50.
Targets of issue #6: p99 <= 300 ms and >= 15 requests/s at 4 clients, server RSS flat and < 300 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GKREVIEW_SHARED", ROOT.parent / "shared"))
SYNTHETIC_LINE = "联系人：王某某（身份证号11010519491231002X，手机13812345678）"  # synthetic, made up


def corpus_text(chars: int) -> str:
    parts: list[str] = []
    total = 0
    with gzip.open(SHARED / "corpora" / "govcn_statecouncil.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            parts.append(text)
            total += len(text)
            if total >= chars:
                break
    return "\n".join(parts)


def render_pdf(pages: int, out: Path, font: str = "auto") -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    import pypdfium2 as pdfium
    from render import paragraphs, write_pdf  # type: ignore[import-not-found]

    paras = paragraphs(corpus_text(pages * 1400))
    paras.insert(3, SYNTHETIC_LINE)

    def count(n: int) -> int:
        write_pdf("\n".join(paras[:n]), out, font=font)
        doc = pdfium.PdfDocument(str(out))
        try:
            return len(doc)
        finally:
            doc.close()

    lo, hi = 1, len(paras)
    while lo < hi:  # the fewest paragraphs that make `pages` pages
        mid = (lo + hi) // 2
        if count(mid) < pages:
            lo = mid + 1
        else:
            hi = mid
    got = count(lo)
    if got != pages:
        print(f"note: rendered {got} pages (wanted {pages})")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status(pid: int) -> dict[str, float]:
    values: dict[str, float] = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return values
    for line in text.splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, val = line.split(":", 1)
            values[key] = int(val.split()[0]) / 1024
    return values


def children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(x) for x in (task / "children").read_text().split()]
    return out


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) in MB of the largest process of the server: itself or a worker."""
    procs = [pid, *children(pid)]
    stats = [_status(p) for p in procs]
    return max((s.get("VmRSS", 0.0) for s in stats), default=0.0), max(
        (s.get("VmHWM", 0.0) for s in stats), default=0.0
    )


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (/proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_by_process(pid: int) -> str:
    parts = [f"server {_status(pid).get('VmRSS', 0.0):.0f}"]
    parts += [f"child {_status(k).get('VmRSS', 0.0):.0f}" for k in children(pid)]
    return ", ".join(parts) + " MB"


def rss_total_mb(pid: int) -> float:
    return sum(_status(p).get("VmRSS", 0.0) for p in [pid, *children(pid)])


def pct(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return float("nan")
    k = min(len(sorted_ms) - 1, max(0, round(q * (len(sorted_ms) - 1))))
    return sorted_ms[k]


@dataclass(frozen=True)
class Load:
    rps: float
    p50: float
    p99: float
    codes: dict[int, int]
    n: int


def load(base: str, data: bytes, name: str, requests: int, clients: int) -> Load:
    import httpx

    lat: list[float] = []
    codes: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            while True:
                with lock:
                    if next(counter, None) is None:
                        return
                t0 = time.perf_counter()
                r = c.post("/v1/review", files={"file": (name, data, "application/pdf")})
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    lat.append(ms)
                    codes[r.status_code] = codes.get(r.status_code, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    return Load(rps=len(lat) / wall, p50=pct(lat, 0.50), p99=pct(lat, 0.99), codes=codes, n=len(lat))


def baseline(data: bytes, name: str, n: int) -> float:
    from gkreview.review import Reviewer

    reviewer = Reviewer()
    reviewer.review(data, name=name)
    lat = []
    for _ in range(n):
        t0 = time.perf_counter()
        reviewer.review(data, name=name)
        lat.append((time.perf_counter() - t0) * 1000)
    return statistics.median(lat)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=500, help="requests per concurrency level (default 500)")
    ap.add_argument("--clients", default="1,4,8", help="concurrency levels (default 1,4,8)")
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument(
        "--font",
        default="auto",
        choices=("auto", "embedded", "STSong-Light"),
        help="PDF font (scripts/render.py): embedded TrueType subset as office software writes, or the "
        "built-in STSong-Light that every reader must map through a CJK CMap (much slower to read)",
    )
    ap.add_argument(
        "--review-workers", type=int, default=0, help="review worker processes (default: the service's)"
    )
    args = ap.parse_args()
    levels = [int(x) for x in args.clients.split(",")]
    with tempfile.TemporaryDirectory(prefix="gkreview-bench-") as tmp:
        pdf = render_pdf(args.pages, Path(tmp) / "draft-20p.pdf", args.font)
        data = pdf.read_bytes()
        name = pdf.name
        base_ms = baseline(data, name, 20)
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k != "GKREVIEW_API_KEY"}
        env["GKREVIEW_DATA_DIR"] = str(Path(tmp) / "data")
        if args.review_workers:
            env["GKREVIEW_REVIEW_WORKERS"] = str(args.review_workers)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gkreview",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            import httpx

            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            start_rss, _ = rss_mb(proc.pid)
            by_process = [("start", rss_by_process(proc.pid))]
            warm = load(base, data, name, 20, 2)
            warm_rss, _ = rss_mb(proc.pid)
            by_process.append(("after warm-up", rss_by_process(proc.pid)))
            print(
                f"document: {name}, {args.pages} pages, {len(data) / 1024:.0f} KiB, font {args.font} "
                "(real corpus text + 1 synthetic line)"
            )
            print(
                f"server: pid {proc.pid}, {len(children(proc.pid))} child process(es); largest RSS at start {start_rss:.0f} MB, "
                f"after warm-up {warm_rss:.0f} MB; all processes {rss_total_mb(proc.pid):.0f} MB"
            )
            print(f"warm-up answers: {warm.codes}")
            print(f"baseline (library Reviewer.review in-process, 1 at a time): p50 {base_ms:.1f} ms")
            print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
            print(
                f"{'clients':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'p50/base':>8} {'RSS MB':>7}  answers"
            )
            results = {}
            cpu_rows = []
            for c in levels:
                kids = children(proc.pid)
                cpu0 = (cpu_s(proc.pid), sum(cpu_s(k) for k in kids))
                res = load(base, data, name, args.requests, c)
                cpu1 = (cpu_s(proc.pid), sum(cpu_s(k) for k in children(proc.pid)))
                cpu_rows.append((c, (cpu1[0] - cpu0[0]) / res.n * 1000, (cpu1[1] - cpu0[1]) / res.n * 1000))
                rss, _peak = rss_mb(proc.pid)
                by_process.append((f"after {c} client(s)", rss_by_process(proc.pid)))
                results[c] = (res, rss)
                print(
                    f"{c:>7} {res.n:>8} {res.rps:>7.1f} {res.p50:>7.1f} {res.p99:>7.1f} "
                    f"{res.p50 / base_ms if base_ms else float('nan'):>8.2f} {rss:>7.0f}  {res.codes}"
                )
            for when, text in by_process:
                print(f"RSS by process {when}: {text}")
            for c, server_ms, worker_ms in cpu_rows:
                print(
                    f"CPU per request at {c} client(s): server process {server_ms:.1f} ms, "
                    f"review workers {worker_ms:.1f} ms (library baseline wall time {base_ms:.1f} ms)"
                )
            end_rss, peak = rss_mb(proc.pid)
            print(
                f"server RSS (largest process): before {warm_rss:.0f} MB, after {end_rss:.0f} MB, peak {peak:.0f} MB; "
                f"all processes after: {rss_total_mb(proc.pid):.0f} MB"
            )
            if 4 in results:
                r4, _ = results[4]
                ok = r4.p99 <= 300 and r4.rps >= 15 and peak < 300
                print(
                    f"targets at 4 clients (p99 <= 300 ms, >= 15 req/s, RSS < 300 MB): "
                    f"{'met' if ok else 'NOT met'} (p99 {r4.p99:.0f} ms, {r4.rps:.1f} req/s, peak {peak:.0f} MB)"
                )
            answered = {k for res, _ in results.values() for k in res.codes}
            if answered != {200}:
                print(
                    f"warning: answers other than 200 ({sorted(answered)}): the figures are not those of full reviews"
                )
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
