#!/usr/bin/env bash
# Installs the Debian packages scorebound needs, if any is missing. Run by `make deps` (and so
# by `make test` / `make figures`). As root it uses apt-get; otherwise it prints the command.
set -euo pipefail

pkgs=(
  cmake make g++
  libeigen3-dev libboost-math-dev libboost-iostreams-dev libboost-system-dev
  libboost-filesystem-dev libfmt-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libbenchmark-dev libgnuplot-iostream-dev gnuplot-nox
)

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "scorebound: installing missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "scorebound: not root. Install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  echo "or ask your administrator, then re-run make." >&2
  exit 1
fi
