"""Offline work on the attribute model: corpora, training and evaluation (never imported when reviewing).

``corpus`` reads labelled corpora (folders of documents, JSONL/JSONL.gz) and splits them by a hash;
``labels`` reads attribute labels as people write them; ``train`` selects, fits and exports a model
with scikit-learn; ``metrics`` computes per-class precision/recall/F-scores without scikit-learn;
``evaluate`` runs the whole review over a labelled corpus (what ``gkreview evaluate`` prints).

This package may use ``gkreview.review`` and ``gkreview.decide``; nothing on the review path
imports it (an import-linter contract in ``pyproject.toml`` keeps it so).
"""
