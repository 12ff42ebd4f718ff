# Slate: `make run` starts it, `make test` tests it. Both set up the virtualenv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	# Slate's own bytecode, as a non-editable install has it: each start then compiles nothing
	# (an edited module is recompiled in memory until the next `make`).
	$(BIN)/python -m compileall -q bot slack_emulator
	# The playground's demo, lived once through Slate and kept, so its first start copies it
	# (if this fails, the playground builds the demo on its first start instead).
	-$(BIN)/python -m bot.playground
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/slate db upgrade
	$(BIN)/slate run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
