#!/usr/bin/env bash
# Sets up the environment `podsim build --spark` runs its PySpark job in, once per machine
# (again only when the pinned versions below change):
#   ${XDG_DATA_HOME:-~/.local/share}/podsim/spark/venv   a virtual environment with pyspark and numpy
#                                                        (pyspark brings spark-submit and Spark's jars)
#   …/podsim/spark/podsim_fit.py                         the job, for a podsim built away from its checkout
# podsim finds it there by itself: no activation, no variable to export. `make spark-setup` runs
# this; `make test` runs it before the Spark tests. Needs Java 17 (Spark 4 runs on 17 and 21).
set -euo pipefail

# Pinned so that every machine fits with the same Spark (the model's info records the version).
PYSPARK_VERSION=4.3.0
NUMPY_VERSION=2.4.6

home="${XDG_DATA_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.local/share}/podsim/spark"
venv="$home/venv"
stamp="$venv/.podsim-spark-versions"
want="pyspark==$PYSPARK_VERSION numpy==$NUMPY_VERSION"

command -v python3 >/dev/null || { echo "spark-setup: python3 is not on PATH (the Spark job is a PySpark script)" >&2; exit 1; }
if ! command -v java >/dev/null && [ -z "${JAVA_HOME:-}" ]; then
  echo "spark-setup: no Java found (java is not on PATH and JAVA_HOME is unset); Spark $PYSPARK_VERSION needs Java 17 or 21: apt-get install openjdk-17-jre-headless" >&2
  exit 1
fi

mkdir -p "$home"
cp "$(dirname "$0")/../spark/podsim_fit.py" "$home/podsim_fit.py"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/spark-submit" ]; then
  exit 0
fi

echo "spark-setup: creating $venv with $want" >&2
if ! python3 -m venv "$venv" 2>/dev/null; then
  # Debian splits ensurepip into python3-venv.
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends python3-venv >/dev/null 2>&1 || {
    apt-get update -qq && apt-get install -y --no-install-recommends python3-venv; }
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check $want
"$venv/bin/python" -c 'import pyspark, numpy; print("spark-setup: pyspark", pyspark.__version__, "numpy", numpy.__version__)' >&2
echo "$want" > "$stamp"
