# One entry point for people and CI: `make demo`, `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo lint test docs clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	# Byte-compile now: where PYTHONDONTWRITEBYTECODE is set, every command would compile again.
	$(BIN)/python -m compileall -q domain bargaining projections cli > /dev/null
	# ...and the methods dataclasses writes for every event class (bargaining/startup.py).
	$(BIN)/python -c 'from bargaining.startup import warm; warm()'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/bargaining demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/python -m cli.docs > docs/cli.md

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
