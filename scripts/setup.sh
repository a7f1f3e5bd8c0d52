#!/usr/bin/env bash
# Sets up everything the project needs, idempotently: a local virtual environment with the
# package and its dependencies, the pinned npm assets (mermaid, axe-core) and, with --browser,
# Debian's chromium for the browser tests. A second run reuses what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

stamp() { sha256sum "$@" | sha256sum | cut -c1-16; }

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
py_stamp=$(stamp pyproject.toml)
if [ "$(cat .venv/.cjm-stamp 2>/dev/null)" != "$py_stamp" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  echo "$py_stamp" > .venv/.cjm-stamp
fi

npm_stamp=$(stamp package.json package-lock.json)
if [ "$(cat node_modules/.cjm-stamp 2>/dev/null)" != "$npm_stamp" ]; then
  echo "setup: installing npm assets (mermaid, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npm_stamp" > node_modules/.cjm-stamp
fi

if [ "$want_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null \
    || [ ! -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; }; then
  echo "setup: installing Debian's chromium, poppler-utils and fonts for the browser tests"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium poppler-utils \
    fonts-dejavu-core fonts-noto-color-emoji >/dev/null
fi
