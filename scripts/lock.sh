#!/usr/bin/env bash
# Regenerates the locked Python dependencies (`make lock`): exact versions and sha256 hashes of every
# transitive dependency, resolved for this machine's kind (Linux, CPython 3.11), from PyPI alone.
#   requirements/test.lock     the package's dependencies + its `test` extra + the build backend (make test)
#   requirements/runtime.lock  the package's dependencies + the build backend (make serve/build/validate),
#                              constrained to the versions of test.lock, so the two never disagree
# pip-tools runs in a throwaway virtual environment; nothing is installed into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

PIP_TOOLS_VERSION=7.6.2
PIP_VERSION=25.3

tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
# The machine's own pip configuration (local mirrors, find-links, constraints) stays out of the lock.
export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_INDEX_URL PIP_CONSTRAINT
python3 -m venv "$tool/venv"
"$tool/venv/bin/python" -m pip install --quiet --disable-pip-version-check "pip==$PIP_VERSION" "pip-tools==$PIP_TOOLS_VERSION"

compile() {
  local out=$1; shift
  # CUSTOM_COMPILE_COMMAND is the command pip-compile names in the lock's header.
  CUSTOM_COMPILE_COMMAND="make lock" "$tool/venv/bin/pip-compile" --quiet --generate-hashes --allow-unsafe \
    --strip-extras --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple \
    --all-build-deps --newline LF --output-file "$out" "$@" pyproject.toml
}

rm -f requirements/test.lock requirements/runtime.lock
compile requirements/test.lock --extra test
# pip refuses hashes in a constraints file: give pip-compile the pins of test.lock without them.
grep -E '^[A-Za-z0-9._-]+==' requirements/test.lock | sed 's/ *\\$//' > "$tool/pins.txt"
compile requirements/runtime.lock --constraint "$tool/pins.txt"
# The annotations name the throwaway pins file; name the lock it came from instead, so reruns give the same text.
sed -i "s|$tool/pins.txt|requirements/test.lock|" requirements/runtime.lock
echo "lock: wrote requirements/test.lock and requirements/runtime.lock"
