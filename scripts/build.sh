#!/usr/bin/env bash
# `make build`: builds the site (mkdocs build --strict) into a fresh folder beside site/ and, only when the
# build passed, swaps it into place (the old site/ is renamed aside, the new one renamed in, the old one
# deleted). A failed or interrupted build leaves the previous site/ whole; a web server publishing site/
# never sees a half-written one. Extra arguments go to mkdocs build.
set -euo pipefail
cd "$(dirname "$0")/.."

new=""
old=""
finish() {
  # Interrupted between the two renames: put the previous site back.
  if [ -n "$old" ] && [ ! -e site ] && [ -d "$old/site" ]; then mv "$old/site" site; fi
  rm -rf ${new:+"$new"} ${old:+"$old"}
}
trap finish EXIT
trap 'exit 130' INT TERM HUP
new=$(mktemp -d site.tmp-XXXXXX)

.venv/bin/mkdocs build --strict -d "$PWD/$new" "$@"
chmod 755 "$new"   # mktemp makes it private; the site is for everyone to read

if [ -e site ]; then
  old=$(mktemp -d site.old-XXXXXX)
  mv site "$old/site"
fi
mv "$new" site
echo "build: site/ replaced by the new build"
