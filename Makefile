# The two commands of the README: `make serve` (the sample site) and `make test` (every test).
SHELL := /bin/bash
VENV := .venv/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup setup-test serve build validate test bench lock messages

# The runtime: requirements/runtime.lock (serve, build, validate).
setup:
	@scripts/setup.sh

# The runtime and the test extras: requirements/test.lock, plus Debian's chromium (test, bench).
setup-test:
	@scripts/setup.sh --test

validate: setup
	$(VENV)/cjm validate journeys

# Builds into a temporary folder and swaps it in only when the build passed: site/ is always complete.
build: validate
	@scripts/build.sh

# DIRTY=1: rebuild only the pages a change shows up on (`mkdocs serve --dirty`; for a large catalog, see README).
serve: build
	$(VENV)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000 $(if $(DIRTY),--dirty)

test: setup-test
	$(VENV)/python -m pytest

bench: setup-test
	$(VENV)/python -m bench

# Re-resolves pyproject.toml's dependencies into requirements/runtime.lock and requirements/test.lock.
lock:
	@scripts/lock.sh

# Adds the messages new code tells editors to the German catalogue (and drops those no code uses any more);
# translate the entries left empty: tests/test_core_messages.py fails on them.
messages: setup
	$(VENV)/python scripts/messages.py
