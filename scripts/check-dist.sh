#!/usr/bin/env bash
# Rebuilds every bundle and fails when the committed ones differ: users run what is in dist/, so it must be
# exactly what the sources build. The same goes for the generated sources (schema, schema validators).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
node scripts/build.js
paths=(dist schema actions test/fixtures/echo-action/dist bench/startup/trivial-action/dist $(node scripts/gen-validators.js --list))
if [ -n "$(git status --porcelain -- "${paths[@]}")" ]; then
  echo "The committed bundles or generated files (action.yml, README tables, schema) are stale. Run 'npm run build' and commit the result. Differences:" >&2
  git status --porcelain -- "${paths[@]}" >&2
  git --no-pager diff --stat -- "${paths[@]}" >&2
  exit 1
fi
echo "dist/ is fresh."
