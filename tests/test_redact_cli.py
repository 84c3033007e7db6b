"""`gkreview redact` makes the checks `review` makes: a regular file within the size limit, never a FIFO
(it used to block forever) or a device (/dev/zero used to run out of memory)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gkreview.cli import main
from gkreview.errors import GkreviewError
from gkreview.readers.limits import Limits
from gkreview.redact import redact


def _redact_cli(path, out):
    # a subprocess, so that a regression (a blocked open) fails the test instead of hanging the run
    return subprocess.run(
        [sys.executable, "-m", "gkreview", "redact", str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )


def test_redact_refuses_a_fifo(tmp_path):
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    done = _redact_cli(fifo, tmp_path / "out.txt")
    assert done.returncode != 0
    assert "not a regular file" in done.stderr
    assert not (tmp_path / "out.txt").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_redact_refuses_a_device(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    done = _redact_cli(device, tmp_path / "out.txt")
    assert done.returncode != 0
    assert "not a regular file" in done.stderr


def test_redact_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: no disk used
        fh.truncate(4096)
    with pytest.raises(GkreviewError, match="limit"):
        redact(big, tmp_path / "out.txt", reviewer=_SmallLimits())


class _SmallLimits:
    """Stands for a Reviewer configured with a 1 KiB file limit (only ``limits`` is consulted first)."""

    limits = Limits(max_file_bytes=1024)


def test_redact_of_a_regular_file_still_works(tmp_path, capsys):
    src = tmp_path / "draft.txt"
    src.write_text("关于某事项的通知\n联系人手机13812345678\n", encoding="utf-8")  # SYNTHETIC
    assert main(["redact", str(src), "-o", str(tmp_path / "out.txt")]) == 0
    assert "13812345678" not in (tmp_path / "out.txt").read_text(encoding="utf-8")
