#!/usr/bin/env bash
# Proves that a change kept every number the user sees: compares, between a reference commit
# and the working tree, `scorebound verify --json` (all instances), `scorebound eval` on every
# experiments/configs/*.json, and every figure's data.csv, with tools/numdiff.cpp's rule
# (relative 1e-12 here unless --rel is given; keys only the new output has are listed, not
# failures).
#   usage: tools/compare-with.sh REF [--rel R] [--ref-build DIR] [--build DIR]
#   REF        a commit of this repository (e.g. main~3 or a hash)
#   --ref-build an existing Release build of REF (skips cloning and building it)
#   --build     the build of the working tree (default build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:?usage: tools/compare-with.sh REF [--rel R] [--ref-build DIR] [--build DIR]}
shift
rel=1e-12
ref_build=""
build="$root/build"
while [ $# -gt 0 ]; do
  case "$1" in
    --rel) rel=$2; shift 2 ;;
    --ref-build) ref_build=$(cd "$2" && pwd); shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    *) echo "compare-with: unknown option $1" >&2; exit 2 ;;
  esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -z "$ref_build" ]; then
  echo "== building $ref in $tmp/ref" >&2
  git -C "$root" worktree add --detach -q "$tmp/ref" "$ref"
  trap 'git -C "$root" worktree remove --force "$tmp/ref"; rm -rf "$tmp"' EXIT
  cmake -S "$tmp/ref" -B "$tmp/ref/build" -DCMAKE_BUILD_TYPE=Release -DSB_BUILD_TESTS=OFF > /dev/null
  cmake --build "$tmp/ref/build" -j "$(nproc)" > /dev/null
  ref_build="$tmp/ref/build"
fi
numdiff="$build/tools/sb_numdiff"
status=0
run() {  # name, reference file, candidate file
  if "$numdiff" --rel "$rel" --floor 0 "$2" "$3" > "$tmp/diff" 2>&1; then
    echo "same     $1$(grep -o ': [0-9]* key(s) only in the candidate.*' "$tmp/diff" || true)"
  else
    echo "DIFFERS  $1"; sed 's/^/    /' "$tmp/diff" | head -20; status=1
  fi
}
mkdir -p "$tmp/a" "$tmp/b"
"$ref_build/scorebound" verify --json > "$tmp/a/verify.json" || true
"$build/scorebound" verify --json > "$tmp/b/verify.json" || true
run "verify --json ($(grep -c '"instance"' "$tmp/a/verify.json") instances)" "$tmp/a/verify.json" "$tmp/b/verify.json"
for cfg in "$root"/experiments/configs/*.json; do
  name=$(basename "$cfg" .json)
  "$ref_build/scorebound" eval "$cfg" > "$tmp/a/$name.json" 2>&1 || true
  "$build/scorebound" eval "$cfg" > "$tmp/b/$name.json" 2>&1 || true
  run "eval experiments/configs/$name.json" "$tmp/a/$name.json" "$tmp/b/$name.json"
done
for exe in "$ref_build"/experiments/*; do "$exe" --out "$tmp/a/plots" > /dev/null 2>&1; done
for exe in "$build"/experiments/*; do "$exe" --out "$tmp/b/plots" > /dev/null 2>&1; done
for f in "$tmp"/a/plots/*/data.csv; do
  id=$(basename "$(dirname "$f")")
  run "plots/$id/data.csv" "$f" "$tmp/b/plots/$id/data.csv"
done
exit $status
