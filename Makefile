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

demo: setup
	$(VENV)/bin/gkreview scan corpora/demo --format html -o demo-out/report.html --fail-on none
	$(VENV)/bin/gkreview scan corpora/demo --format jsonl -o demo-out/report.jsonl --fail-on none
	@echo "demo: open demo-out/report.html (the reviewer's report); demo-out/report.jsonl holds the report objects"

lint: $(STAMP)
	$(VENV)/bin/ruff check src service tests bench
	$(VENV)/bin/ruff format --check src service tests bench

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

clean:
	rm -rf $(VENV) build dist demo-out .pytest_cache .mypy_cache .ruff_cache
