# gkreview — one command per job. `make demo` and `make test` work on a fresh machine
# (Python 3.11, make, Debian apt): they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SYSSTAMP := $(VENV)/.sysdeps

.PHONY: setup sysdeps demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

$(SYSSTAMP): scripts/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	bash scripts/system-deps.sh
	touch $(SYSSTAMP)

setup: $(STAMP) $(SYSSTAMP)

sysdeps: $(SYSSTAMP)

# The demo folder holds a scanned, an encrypted and a damaged file on purpose: scan exits 1 for them
# (fail closed: a file that cannot be reviewed is never clean), which is the expected outcome here.
demo: setup
	mkdir -p demo-out
	$(VENV)/bin/gkreview scan corpora/demo --format jsonl -o demo-out/report.jsonl || [ $$? -eq 1 ]
	$(VENV)/bin/gkreview scan corpora/demo --format html -o demo-out/report.html || [ $$? -eq 1 ]
	@echo "demo: open demo-out/report.html (the reviewer's report); demo-out/report.jsonl holds the report objects"

lint: $(STAMP)
	$(VENV)/bin/ruff check src service tests bench scripts corpora
	$(VENV)/bin/ruff format --check src service tests bench scripts corpora
	$(VENV)/bin/lint-imports  # the arrows of the house plan: [tool.importlinter] in pyproject.toml

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: setup
	$(PY) -m pytest -q

test: setup lint typecheck pytest

bench: setup
	$(PY) bench/extract.py
	$(PY) bench/detect.py
	$(PY) bench/scan.py
	$(PY) bench/service.py
	$(PY) bench/model_load.py

clean:
	rm -rf $(VENV) build dist demo-out .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache

# Measurements that are not benchmarks: accuracy on the real corpora (see the closing notes).
# The real corpora: ../shared/corpora beside the repository when present, else the copies shipped in
# corpora/real (see corpora/real/PROVENANCE.md), so that both targets work in a plain clone.
CORPORA ?= $(if $(wildcard ../shared/corpora/*.jsonl.gz),../shared/corpora,corpora/real)

.PHONY: evaluate train serve
evaluate: setup
	$(VENV)/bin/gkreview evaluate-detectors --corpora $(CORPORA)
	$(VENV)/bin/gkreview evaluate $(CORPORA)/*.jsonl.gz --titles
	$(VENV)/bin/gkreview evaluate $(CORPORA)/*.jsonl.gz --inject-secrecy
	$(PY) scripts/eval_gongwen.py --corpora $(CORPORA) --demo

train: setup
	$(VENV)/bin/gkreview train $(CORPORA)/*.jsonl.gz corpora/synthetic/synthetic.jsonl.gz -o models/default --with-findings

serve: setup
	$(VENV)/bin/gkreview serve
