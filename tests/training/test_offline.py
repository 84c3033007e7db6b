"""Training is offline: reviewing (with the shipped model) never imports gkreview.training or scikit-learn."""

from __future__ import annotations

import subprocess
import sys


def test_a_review_imports_no_training_code() -> None:
    code = (
        "import sys, gkreview\n"
        "r = gkreview.Reviewer()\n"
        "r.review_text('关于做好冬季安全生产工作的通知\\n各区人民政府：请认真落实。', name='n.txt')\n"
        "r.describe()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('gkreview.training', 'sklearn'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
