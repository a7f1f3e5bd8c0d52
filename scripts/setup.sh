#!/usr/bin/env bash
# Sets up everything the project needs, idempotently: a local virtual environment with the package and
# its locked dependencies, the pinned npm assets (mermaid, axe-core) and, with --test, the test
# dependencies and Debian's chromium for the browser tests; Debian's pango and a font for WeasyPrint's posters.
# A second run reuses what is already there.
#   scripts/setup.sh         requirements/runtime.lock (make serve, build, validate)
#   scripts/setup.sh --test  requirements/test.lock = runtime + test extras (make test)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

stamp() { sha256sum "$@" | sha256sum | cut -c1-16; }
quiet_pip() { grep -v "is ignored: it is neither a file nor a directory" || true; }

# WeasyPrint (the workshop posters) lays text out with the system's Pango and takes the system's fonts.
libraries=$(ldconfig -p 2>/dev/null || true) fonts=$(fc-list 2>/dev/null || true)
if ! grep -q "libpangoft2-1.0.so.0" <<<"$libraries" || ! grep -qi dejavu <<<"$fonts"; then
  echo "setup: installing Debian's pango and fonts for the posters (WeasyPrint)"
  scripts/apt-get-waiting update -qq
  scripts/apt-get-waiting install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fontconfig \
    fonts-dejavu-core
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
# The stamp names the lock last installed, by content (with pyproject.toml, which the editable install
# reads). test.lock holds every pin of runtime.lock (make lock resolves it under test.lock's versions),
# so a .venv set up for the tests serves the runtime too; one set up for the runtime lacks the extras.
runtime_stamp="runtime.lock $(stamp requirements/runtime.lock pyproject.toml)"
test_stamp="test.lock $(stamp requirements/test.lock pyproject.toml)"
installed=$(cat .venv/.cjm-stamp 2>/dev/null || true)
if [ "$want_test" = 1 ]; then
  lock=requirements/test.lock wanted=$test_stamp
else
  lock=requirements/runtime.lock wanted=$runtime_stamp
fi
if [ "$installed" != "$wanted" ] && { [ "$want_test" = 1 ] || [ "$installed" != "$test_stamp" ]; }; then
  echo "setup: installing the Python packages of $lock into .venv"
  rm -f .venv/.cjm-stamp
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$lock" 2>&1 \
    | quiet_pip
  # The package itself, against the setuptools just installed from the lock: nothing unpinned is fetched.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 \
    | quiet_pip
  .venv/bin/python -m pip check --disable-pip-version-check >/dev/null \
    || { .venv/bin/python -m pip check --disable-pip-version-check; exit 1; }
  echo "$wanted" > .venv/.cjm-stamp
fi

npm_stamp=$(stamp package.json package-lock.json)
if [ "$(cat node_modules/.cjm-stamp 2>/dev/null)" != "$npm_stamp" ]; then
  echo "setup: installing npm assets (mermaid, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npm_stamp" > node_modules/.cjm-stamp
fi

if [ "$want_test" = 1 ] && { [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null \
    || [ ! -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; }; then
  echo "setup: installing Debian's chromium, poppler-utils and fonts for the browser tests"
  scripts/apt-get-waiting update -qq
  scripts/apt-get-waiting install -y -qq --no-install-recommends chromium poppler-utils fonts-dejavu-core fonts-noto-color-emoji
fi
