# The two commands of the README: `make serve` (the sample site) and `make test` (every test).
SHELL := /bin/bash
VENV := .venv/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build validate test bench

setup:
	@scripts/setup.sh

validate: setup
	$(VENV)/cjm validate journeys

build: validate
	$(VENV)/mkdocs build --strict

serve: build
	$(VENV)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test:
	@scripts/setup.sh --browser
	$(VENV)/python -m pytest

bench: setup
	$(VENV)/python -m bench
