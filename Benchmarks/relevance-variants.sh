#!/usr/bin/env bash
# Runs Benchmarks/relevance-variants.py (the Python twin of podsim's ranking that screens
# variants; Benchmarks/relevance-variants.md) through relevance.sh: the same venv outside the
# repository, plus the `snowballstemmer` package, against the release podsim. Arguments go to the .py.
RELEVANCE_SCRIPT=relevance-variants.py RELEVANCE_EXTRA=snowballstemmer exec "$(dirname "$0")/relevance.sh" "$@"
