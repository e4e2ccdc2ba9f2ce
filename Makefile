# One entry point for people and CI: `make demo`, `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := $(wildcard bargaining/locale/*/LC_MESSAGES/bargaining.po)
MO := $(PO:.po=.mo)

.PHONY: setup demo lint test docs messages clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	# Byte-compile now: where PYTHONDONTWRITEBYTECODE is set, every command would compile again.
	$(BIN)/python -m compileall -q domain bargaining projections cli > /dev/null
	# ...and the methods dataclasses writes for every event class (bargaining/startup.py).
	$(BIN)/python -c 'from bargaining.startup import warm; warm()'
	touch $(STAMP)

# An install compiles the catalogs (setup.py); a .po changed since is compiled again here.
$(MO): %.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --domain bargaining --directory bargaining/locale --statistics

setup: $(STAMP) $(MO)

# Extract the messages of the code into each language's .po (new ones untranslated).
messages: $(STAMP)
	$(BIN)/python -m tools.messages update

demo: setup
	$(BIN)/bargaining demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

docs: setup
	$(BIN)/python -m cli.docs > docs/cli.md
	$(BIN)/python -c 'from bargaining.ledgers.headings import ledgers_markdown; print(ledgers_markdown(), end="")' > docs/ledgers.md
	$(BIN)/python -m cli.docs --lang zh > docs/cli.zh.md

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
