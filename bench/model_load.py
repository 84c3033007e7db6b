#!/usr/bin/env python3
"""Start-up and model cost, each in a fresh process, with baselines measured in the same run.

    .venv/bin/python bench/model_load.py

Prints: bare interpreter, `import gkreview`, importing scikit-learn (what the review path avoids),
loading the shipped model, the first review in a new process (model load included), peak memory, and
word segmentation speed of rjieba against jieba (HMM off; tokens compared for identity).
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GKREVIEW_SHARED", ROOT.parent / "shared"))
# ../shared/corpora beside the repository when present, else the same files shipped in corpora/real
CORPORA = SHARED / "corpora" if (SHARED / "corpora").is_dir() else ROOT / "corpora" / "real"
PY = sys.executable
REPEAT = 3

SNIPPETS = {
    "python (baseline)": "pass",
    "import gkreview": "import gkreview",
    "import sklearn (avoided)": "import sklearn.linear_model",
    "load shipped model": "from gkreview.decide.model import load_model, default_model_dir; load_model(default_model_dir())",
    "first review (new process)": (
        "import gkreview; from gkreview.review import Reviewer; "
        "r = Reviewer(); rep = r.review_text(open(%r, encoding='utf-8').read()); "
        "assert rep.suggestion.model['status'] == 'loaded'"
    ),
}


def _sample_text() -> Path:
    out = Path("/tmp/gkreview_bench_sample.txt")
    with gzip.open(CORPORA / "govcn_statecouncil.jsonl.gz", "rt", encoding="utf-8") as fh:
        out.write_text(json.loads(fh.readline())["text"], encoding="utf-8")
    return out


def _time(code: str) -> tuple[float, float]:
    """(median wall seconds, peak RSS MB) of running ``code`` in a fresh interpreter."""
    runs, rss = [], 0.0
    wrapper = (
        "import time, resource; t = time.perf_counter()\n"
        + code
        + "\nprint(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        out = subprocess.run([PY, "-c", wrapper], capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(time.perf_counter() - t0)
        rss = max(rss, float(out.stdout.split()[-1]) / 1024)
    return statistics.median(runs), rss


def segmentation() -> None:
    texts = []
    with gzip.open(CORPORA / "waystowork.jsonl.gz", "rt", encoding="utf-8") as fh:
        for _, line in zip(range(300), fh, strict=False):
            texts.append(json.loads(line)["text"])
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t = time.perf_counter()
    import rjieba

    t_load_r = time.perf_counter() - t
    t = time.perf_counter()
    a = [rjieba.cut(x, hmm=False) for x in texts]
    r_speed = mb / (time.perf_counter() - t)
    try:
        import jieba
    except ImportError:
        print(f"segmentation: rjieba {r_speed:.1f} MB/s (jieba not installed)")
        return
    jieba.setLogLevel(60)
    t = time.perf_counter()
    jieba.initialize()
    t_load_j = time.perf_counter() - t
    t = time.perf_counter()
    b = [jieba.lcut(x, HMM=False) for x in texts]
    j_speed = mb / (time.perf_counter() - t)
    print(
        f"segmentation of {mb:.1f} MB: rjieba {r_speed:.1f} MB/s (load {t_load_r:.2f}s), "
        f"jieba {j_speed:.1f} MB/s (load {t_load_j:.2f}s) → rjieba ×{r_speed / j_speed:.1f}; "
        f"identical tokens: {a == b}"
    )


def main() -> int:
    sample = _sample_text()
    results = {}
    for name, code in SNIPPETS.items():
        code = code % str(sample) if "%r" in code else code
        results[name] = _time(code)
    base = results["python (baseline)"][0]
    print(f"{'fresh process':<30}{'wall s':>9}{'× python':>10}{'peak MB':>9}")
    for name, (sec, rss) in results.items():
        print(f"{name:<30}{sec:>9.2f}{sec / base:>10.1f}{rss:>9.0f}")
    first = results["first review (new process)"][0]
    print(
        f"target: first review in a new process < 2 s → {'met' if first < 2 else 'NOT met'} ({first:.2f} s)"
    )
    model_dir = ROOT / "models" / "default"
    if model_dir.exists():
        size = sum(f.stat().st_size for f in model_dir.iterdir()) / 1e6
        print(f"shipped model: {size:.1f} MB on disk")
    segmentation()
    return 0


if __name__ == "__main__":
    sys.exit(main())
