"""How the decision and the --fail-on gate treat the real published documents (all labelled active).

Prints, over ../shared/corpora (or the files given), the suggested attributes, how many reach
``--fail-on high``, how many carry content cues, and how often each rule fired. Run it on two trees
(PYTHONPATH=<tree>/src) to compare before/after a rules change; the model is the shipped default.

    PYTHONPATH=$PWD/src:$PWD GKREVIEW_SHARED=../shared .venv/bin/python bench/gate_on_real.py
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path


def main(argv: list[str]) -> int:
    from gkreview.review import Reviewer
    from gkreview.training.corpus import load

    shared = Path(os.environ.get("GKREVIEW_SHARED", "../shared"))
    sources = argv or sorted(str(p) for p in (shared / "corpora").glob("*.jsonl.gz"))
    reviewer = Reviewer()
    attrs: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    reach = cues = human = n = 0
    for ex in load(sources):
        if ex.synthetic:
            continue
        r = reviewer.review_text(ex.text, name=ex.id)
        d = r.to_dict()
        s = d["suggestion"]
        n += 1
        attrs[s["attribute"]] += 1
        rules.update(s.get("rules_fired") or [])
        reach += r.reaches("high")
        cues += bool(s.get("content_cues"))
        human += bool(s.get("needs_human_review"))
    out = {
        "documents": n,
        "attributes": dict(attrs),
        "reach_fail_on_high": reach,
        "content_cues": cues,
        "needs_human_review": human,
        "rules_fired": dict(rules.most_common()),
    }
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
