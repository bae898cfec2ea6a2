#!/usr/bin/env bash
# The offload-threshold experiment of docs/PERFORMANCE.md ("Off the event loop"): for each model,
# serve it with every query offloaded (--offload-threshold 0) and with every query inline (10^12);
# measure SIMILAR alone (16 connections × 2 in flight), then PING from one more connection while
# that SIMILAR load runs.
#
#   Benchmarks/offload-threshold.sh MODEL…      (release podsim: swift build -c release --product podsim)
#
# Models: e.g. `podsim synth --episodes 300 --seed 3 -o s300.jsonl && podsim build --seed 1
# --dimensions 128 -o s300.podsim s300.jsonl`, and Models/episodes.podsim.
set -euo pipefail
P=${PODSIM:-$(dirname "$0")/../.build/release/podsim}
port=${PORT:-7700}
out=$(mktemp -d)
for model in "$@"; do
  for threshold in 0 1000000000000; do
    port=$((port + 1))
    "$P" serve --model "$model" --port $port --offload-threshold $threshold --log-level error >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 100); do "$P" bench server 127.0.0.1:$port --op ping --duration 0.1 --warmup 0 >/dev/null 2>&1 && break; sleep 0.2; done
    "$P" bench server 127.0.0.1:$port --op similar --connections 16 --pipeline 2 --duration 5 --warmup 1 --model "$model" >"$out/alone" 2>&1
    "$P" bench server 127.0.0.1:$port --op similar --connections 16 --pipeline 2 --duration 6 --warmup 1 --model "$model" >/dev/null 2>&1 &
    load=$!
    sleep 1.5
    "$P" bench server 127.0.0.1:$port --op ping --duration 4 --warmup 0 >"$out/ping" 2>&1
    wait $load
    kill $server; wait $server 2>/dev/null || true
    echo "$model, offload threshold $threshold"
    echo "  SIMILAR alone:        $(grep -E '^answered|^latency' "$out/alone" | tr '\n' ' ')"
    echo "  PING under that load: $(grep -E '^answered|^latency' "$out/ping" | tr '\n' ' ')"
  done
done
rm -rf "$out"
