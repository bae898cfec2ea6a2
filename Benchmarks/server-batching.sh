#!/usr/bin/env bash
# Throughput of SIMILAR (k = 10) on a large model at 16 connections, with the server's query
# batching (QueryBatcher: queries waiting for a worker answered in one pass over the vectors) and without
# (`--no-batch-queries`), the same binary and model in the same run. Both servers scan exactly
# (`--exact`: batches answer only on the exact path). ROUNDS rounds (default 3), alternating which
# goes first; prints the medians and the ratio. The client is Benchmarks/loadgen (C, one thread,
# one request in flight per connection), every connection asking for one episode.
#
#   flock /work/notes/big.lock flock /work/notes/bench.lock Benchmarks/server-batching.sh MODEL
# Environment: PODSIM (default .build/release/podsim), ROUNDS (3), SECONDS_PER_RUN (8), WARMUP (2),
# CONNECTIONS (16), PORT (7870).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
model=${1:?usage: server-batching.sh MODEL}
podsim=${PODSIM:-$root/.build/release/podsim}
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-8}
warmup=${WARMUP:-2}
connections=${CONNECTIONS:-16}
port=${PORT:-7870}
work=$(mktemp -d)
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cc -O2 -o "$work/loadgen" "$root/Benchmarks/loadgen/loadgen.c"
episode=$("$podsim" episodes --model "$model" --k 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

# One server at a time (a 1M model each); ready when a PING run succeeds.
measure() {  # side, extra serve flags…
  local side=$1; shift
  "$podsim" serve --model "$model" --host 127.0.0.1 --port "$port" --exact --log-level error "$@" >"$work/$side.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do
    "$work/loadgen" --proto podsim --port "$port" --op ping --seconds 0.05 --warmup 0 >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$work/$side.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "{\"round\": $round, \"side\": \"$side\", \"result\": $("$work/loadgen" --proto podsim --port "$port" --op similar \
    --episode "$episode" --k 10 --connections "$connections" --seconds "$seconds" --warmup "$warmup")}" | tee -a "$work/results"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}
for round in $(seq "$rounds"); do
  if [ $((round % 2)) = 1 ]; then
    measure batched; measure alone --no-batch-queries
  else
    measure alone --no-batch-queries; measure batched
  fi
done

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); model $model; SIMILAR k 10, $connections connections, exact scans"
python3 - "$work/results" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
def median(side, field):
    return statistics.median(r["result"][field] for r in runs if r["side"] == side)
for field in ("requests_per_second", "p50_us", "p99_us"):
    b, a = median("batched", field), median("alone", field)
    print(f"{field:<20} batched {b:>10.1f}  one by one {a:>10.1f}  batched/one-by-one {b / a:.2f}")
print(f"medians of {len(runs) // 2} rounds")
PY
