#!/usr/bin/env bash
# Installs the Debian packages podsim needs, only those that are missing, then checks for Swift.
#   libblas-dev liblapack-dev  BLAS/LAPACK headers and link libraries (SwiftPM system-library target CLAPACK)
#   libstemmer-dev             Snowball stemmers (system-library target CStemmer)
#   libhnswlib-dev             hnswlib's headers (header-only HNSW graph index; C++ target CPodsimGraph)
#   libxxhash-dev              xxHash, the model file's checksums (system-library target CXXHash)
#   libopenblas0-pthread       an optimised BLAS/LAPACK that Debian's alternatives put in place of the
#                              reference libraries at run time — no relink, ~15x faster sgemm here
#   haproxy                    the load balancer of docs/DEPLOYMENT.md; the replicas test (deploy/tests)
#                              starts it on loopback, so `make test` needs it
set -euo pipefail

packages=(libblas-dev liblapack-dev libstemmer-dev libhnswlib-dev libxxhash-dev libopenblas0-pthread haproxy)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  }
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (podsim needs Swift 6)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "setup: python3 is not on PATH (the Python client's tests and scripts need it)" >&2; exit 1; }
