#!/usr/bin/env bash
# Runs Benchmarks/ann-vs-hnswlib.py with hnswlib from a venv OUTSIDE the repository (VENV, default
# /work/venv-anchors; created with --system-site-packages and hnswlib installed when missing)
# against the release podsim (built when missing; or $PODSIM). Arguments go to the .py file.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${VENV:-/work/venv-anchors}
case "$(cd "$(dirname "$venv")" 2>/dev/null && pwd)/" in "$root"/*) echo "VENV must be outside the repository" >&2; exit 2;; esac
[ -x "$venv/bin/python" ] || python3 -m venv --system-site-packages "$venv"
"$venv/bin/python" -c "import hnswlib, numpy" 2>/dev/null || "$venv/bin/pip" install -q hnswlib numpy
# PODSIM names another binary (a release build in another scratch path) and skips the build.
podsim=${PODSIM:-$root/.build/release/podsim}
[ -n "${PODSIM:-}" ] || [ -x "$podsim" ] || swift build --package-path "$root" -c release --product podsim
exec "$venv/bin/python" "$root/Benchmarks/ann-vs-hnswlib.py" --podsim "$podsim" "$@"
