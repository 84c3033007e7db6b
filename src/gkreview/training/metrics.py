"""Classification metrics without scikit-learn (evaluate must not pay its import cost)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["classification_report", "f_beta", "format_report"]


def f_beta(precision: float, recall: float, beta: float) -> float:
    b2 = beta * beta
    denom = b2 * precision + recall
    return (1 + b2) * precision * recall / denom if denom > 0 else 0.0


def classification_report(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]
) -> dict[str, Any]:
    """Per-class precision/recall/F1/F2/support, the confusion matrix (rows true, columns predicted)."""
    index = {label: i for i, label in enumerate(labels)}
    cm = [[0] * len(labels) for _ in labels]
    for t, p in zip(y_true, y_pred, strict=True):
        if t in index and p in index:
            cm[index[t]][index[p]] += 1
    per: dict[str, dict[str, float]] = {}
    for label, i in index.items():
        tp = cm[i][i]
        pred = sum(cm[r][i] for r in range(len(labels)))
        true = sum(cm[i])
        precision = tp / pred if pred else 0.0
        recall = tp / true if true else 0.0
        per[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f_beta(precision, recall, 1.0),
            "f2": f_beta(precision, recall, 2.0),
            "support": true,
            "predicted": pred,
        }
    n = sum(map(sum, cm))
    return {
        "labels": list(labels),
        "per_class": per,
        "confusion": cm,
        "n": n,
        "accuracy": sum(cm[i][i] for i in range(len(labels))) / n if n else 0.0,
    }


def format_report(rep: dict[str, Any], title: str = "") -> str:
    labels = rep["labels"]
    lines = [title] if title else []
    lines.append(f"{'class':<12}{'precision':>10}{'recall':>10}{'F1':>8}{'F2':>8}{'support':>9}")
    for label in labels:
        m = rep["per_class"][label]
        if m["support"] == 0 and m["predicted"] == 0:
            continue
        lines.append(
            f"{label:<12}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{m['f2']:>8.3f}{m['support']:>9d}"
        )
    lines.append("confusion (rows = true, columns = suggested): " + " | ".join(labels))
    for label, row in zip(labels, rep["confusion"], strict=True):
        if sum(row):
            lines.append(f"  {label:<12}" + "".join(f"{v:>9d}" for v in row))
    return "\n".join(lines)
