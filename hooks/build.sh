#!/usr/bin/env bash
# ASK CLI v2 build hook (the "custom" build flow: a hooks/build.sh takes precedence over the CLI's
# npm flow). `ask deploy` copies the code folder (./lambda) to .ask/lambda, then runs, from there:
#   hooks/build.sh <OUT_FILE> <DO_DEBUG>
# and deploys OUT_FILE (.ask/lambda/build.zip) with the Lambda deployer. This builds the bundle
# and zips the code folder into OUT_FILE. Run by hand, OUT_FILE defaults to lambda/build.zip.
#   LAMBDA_DIR   the code folder to build into and zip (default: lambda/ of this project)
# Needs node and the project's node_modules (npm ci); no system zip.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lambda_dir="${LAMBDA_DIR:-$root/lambda}"
out="${1:-$lambda_dir/build.zip}"
debug="${2:-false}"

# Relative paths are the caller's, before the cd below.
case "$lambda_dir" in /*) ;; *) lambda_dir="$PWD/$lambda_dir" ;; esac
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

if [[ "$debug" == "true" ]]; then
  echo "hooks/build.sh: building $lambda_dir/index.js, packaging into $out" >&2
fi
cd "$root"
if [[ ! -d node_modules/esbuild || ! -d node_modules/jszip ]]; then
  echo "hooks/build.sh: node_modules is missing: run npm ci in $root first" >&2
  exit 1
fi

node scripts/build.mjs --lambda-only --lambda-out "$lambda_dir/index.js"
node scripts/zipLambda.mjs "$lambda_dir" "$out"
