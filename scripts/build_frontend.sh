#!/usr/bin/env bash
# Build the front-end assets into static/dist/ (git-ignored build output).
#
#   static/src/app.scss  -> static/dist/app.css   (dart-sass, compressed, no map)
#   static/src/app.js    -> static/dist/app.js    (GOV.UK Frontend initAll)
#   govuk-frontend.min.js (+ .map) -> static/dist/
#   static/src/images/*  -> static/dist/images/   (our own favicon only)
#
# This service is not on GOV.UK, so no GOV.UK assets are copied: no fonts
# (we use system fonts, so "GDS Transport" must never appear in the CSS), no
# crown/crest images and no GOV.UK favicons or app icons.
#
# Safe to run from any directory, repeatedly; it only does work when inputs
# have changed. Requires Node.js 20+ and npm.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SRC=static/src
DIST=static/dist
GOVUK=node_modules/govuk-frontend/dist/govuk
SASS=node_modules/.bin/sass

log() { echo "build_frontend: $*"; }
fail() { echo "build_frontend: ERROR: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || fail "node is not installed (need Node.js 20+)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed"

# True if $1 is missing or any of the other paths (files or directories,
# searched recursively) has been modified more recently than it.
stale() {
  local target=$1
  shift
  [[ -e "$target" ]] || return 0
  [[ -n "$(find "$@" -newer "$target" -print -quit 2>/dev/null)" ]]
}

# Copy a file only if the destination differs (keeps mtimes stable).
copy_if_changed() {
  local from=$1 to=$2
  if ! cmp -s "$from" "$to"; then
    mkdir -p "$(dirname "$to")"
    cp "$from" "$to"
    log "copied $from -> $to"
  fi
}

# 1. npm dependencies: (re)install when node_modules is missing or older than
#    package-lock.json. npm writes node_modules/.package-lock.json on install.
STAMP=node_modules/.package-lock.json
if [[ ! -x "$SASS" || ! -d "$GOVUK" ]] || stale "$STAMP" package-lock.json; then
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
  touch "$STAMP"
fi

mkdir -p "$DIST"

# 2. CSS.
if stale "$DIST/app.css" "$SRC" package-lock.json scripts/build_frontend.sh; then
  log "compiling $SRC/app.scss -> $DIST/app.css"
  tmp="$(mktemp "$DIST/.app.css.XXXXXX")"
  trap 'rm -f "$tmp"' EXIT
  "$SASS" --pkg-importer=node --no-source-map --style=compressed --quiet-deps \
    "$SRC/app.scss" "$tmp"
  # GOV.UK Frontend's footer styles reference the GOV.UK crest image, which a
  # non-GOV.UK service must not use or ship. Neutralise those references so the
  # CSS has no url() to a missing file (ManifestStaticFilesStorage would fail
  # on it during collectstatic).
  sed -i -E 's#url\("?[^")]*govuk-crest\.svg"?\)#none#g' "$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$DIST/app.css"
  trap - EXIT
fi

# Checked on every run, not only after compiling.
if grep -q "GDS Transport" "$DIST/app.css"; then
  rm -f "$DIST/app.css"
  fail "$DIST/app.css mentions the \"GDS Transport\" font, which only GOV.UK may use"
fi
if grep -q "govuk-crest" "$DIST/app.css"; then
  rm -f "$DIST/app.css"
  fail "$DIST/app.css references the GOV.UK crest image"
fi

# 3. JavaScript: GOV.UK Frontend ES module (+ its source map, which
#    ManifestStaticFilesStorage needs because the .js file references it) and
#    our initialiser.
copy_if_changed "$GOVUK/govuk-frontend.min.js" "$DIST/govuk-frontend.min.js"
copy_if_changed "$GOVUK/govuk-frontend.min.js.map" "$DIST/govuk-frontend.min.js.map"
copy_if_changed "$SRC/app.js" "$DIST/app.js"

# 4. Images: only our own (neutral favicon). Nothing from GOV.UK Frontend.
for image in "$SRC"/images/*; do
  [[ -f "$image" ]] && copy_if_changed "$image" "$DIST/images/$(basename "$image")"
done

log "ok ($DIST up to date)"
