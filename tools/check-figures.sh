#!/usr/bin/env bash
# The figure regression check (`make check-figures`, run by CI): reruns every experiment binary
# into a temporary folder and compares every number of every tracked plots/<id>/data.csv with
# the fresh one. Rule (tools/numdiff.cpp): two numbers agree when
#     |a − b| <= 1e-9·max(|a|, |b|) + 1e-12·(largest |value| of that column in the block),
# so rounding differences between CPUs, compilers or -march settings pass, and any change of a
# computed number beyond them fails with the figure, the line and the column.
# When a number moves on purpose: `make figures`, then commit plots/ and say why.
#   usage: tools/check-figures.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for exe in "$build"/experiments/*; do
  if ! "$exe" --out "$tmp" > "$tmp/.log" 2>&1; then
    cat "$tmp/.log" >&2
    echo "check-figures: $exe failed" >&2
    exit 1
  fi
done

status=0
checked=0
for ref in "$root"/plots/*/data.csv; do
  [ -e "$ref" ] || continue
  id=$(basename "$(dirname "$ref")")
  if [ ! -f "$tmp/$id/data.csv" ]; then
    echo "check-figures: plots/$id/data.csv is tracked but no experiment produces it" >&2
    status=1
    continue
  fi
  if ! "$build"/tools/sb_numdiff "$ref" "$tmp/$id/data.csv" | sed "s|$root/||"; then
    status=1
  fi
  checked=$((checked + 1))
done
for fresh in "$tmp"/*/data.csv; do
  id=$(basename "$(dirname "$fresh")")
  if [ ! -f "$root/plots/$id/data.csv" ]; then
    echo "check-figures: the experiments produce plots/$id/ but it is not tracked (make figures, then commit it)" >&2
    status=1
  fi
done
if [ $status -eq 0 ]; then
  echo "check-figures: $checked figures, every number within the tolerance"
else
  echo "check-figures: a number moved; if on purpose, run 'make figures' and commit plots/ saying why" >&2
fi
exit $status
