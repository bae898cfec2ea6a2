#!/usr/bin/env bash
# podsim's server against Redis, with one client for both: Benchmarks/loadgen/loadgen.c (C, one
# thread, epoll, one request in flight per connection). Redis 7 from Debian answers PING (RESP);
# podsim answers SIMILAR k = 10 on the seed model (Models/episodes.podsim, `make model`). Both
# listen on 127.0.0.1 only. Three rounds (ROUNDS), each measuring 1 and 16 connections on both
# servers in alternating order; prints the medians and the ratios of issue 12's table:
#   p50 latency at 1 connection (podsim / Redis; goal ≤ 1.1×)
#   requests/s at 16 connections (podsim / Redis; goal ≥ 0.9×)
#
#   Benchmarks/server-vs-redis.sh            (installs redis-server with apt-get when missing)
# Environment: ROUNDS (3), SECONDS_PER_RUN (4), WARMUP (1), PORT_BASE (7800), OP (similar|ping),
# PODSIM (the binary; default .build/release/podsim), SERVE_ARGS (more `podsim serve` options),
# MODEL (default Models/episodes.podsim).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-4}
warmup=${WARMUP:-1}
port_base=${PORT_BASE:-7800}
op=${OP:-similar}
redis_port=$((port_base + 1))
podsim_port=$((port_base + 2))
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v redis-server >/dev/null; then
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get install -y --no-install-recommends redis-server >/dev/null 2>&1 || {
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y --no-install-recommends redis-server >/dev/null
  }
fi
cc -O2 -o "$work/loadgen" "$root/Benchmarks/loadgen/loadgen.c"
[ -n "${PODSIM:-}" ] || make -C "$root" model >/dev/null  # a given binary is used as it is
podsim=${PODSIM:-$root/.build/release/podsim}
model=${MODEL:-$root/Models/episodes.podsim}
episode=$("$podsim" episodes --model "$model" --k 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --logfile "$work/redis.log" &
pids+=($!)
# shellcheck disable=SC2086  # SERVE_ARGS is a list of options
"$podsim" serve --model "$model" --host 127.0.0.1 --port "$podsim_port" --log-level error ${SERVE_ARGS:-} >"$work/podsim.log" 2>&1 &
pids+=($!)

# Ready when a 0.05 s run succeeds (loadgen exits 1 while nothing listens).
ready() {
  for _ in $(seq 200); do
    "$work/loadgen" "$@" --seconds 0.05 --warmup 0 >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server-vs-redis: no answer from $*" >&2; exit 1
}
ready --proto resp --port "$redis_port"
ready --proto podsim --port "$podsim_port" --op ping

redis=(--proto resp --port "$redis_port")
pod=(--proto podsim --port "$podsim_port" --op "$op" --episode "$episode" --k 10)
for round in $(seq "$rounds"); do
  for connections in 1 16; do
    # Alternate who goes first, so drift on a shared machine falls on both sides.
    if [ $((round % 2)) = 1 ]; then order=(redis pod); else order=(pod redis); fi
    for side in "${order[@]}"; do
      if [ "$side" = redis ]; then args=("${redis[@]}"); else args=("${pod[@]}"); fi
      echo "{\"round\": $round, \"side\": \"$side\", \"result\": $("$work/loadgen" "${args[@]}" --connections "$connections" --seconds "$seconds" --warmup "$warmup")}" >>"$work/results"
    done
  done
done

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(redis-server --version | cut -d' ' -f1-3); podsim op $op (episode $episode, k 10)"
python3 - "$work/results" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
def median(side, connections, field):
    return statistics.median(r["result"][field] for r in runs if r["side"] == side and r["result"]["connections"] == connections)
for connections in (1, 16):
    for field in ("p50_us", "p99_us", "requests_per_second"):
        p, r = median("pod", connections, field), median("redis", connections, field)
        print(f"{connections:>2} conn  {field:<20} podsim {p:>10.1f}  redis {r:>10.1f}  podsim/redis {p / r:.2f}")
print(f"issue 12: p50 at 1 connection {median('pod', 1, 'p50_us') / median('redis', 1, 'p50_us'):.2f}x Redis (goal <= 1.1); "
      f"requests/s at 16 connections {median('pod', 16, 'requests_per_second') / median('redis', 16, 'requests_per_second'):.2f}x Redis (goal >= 0.9); "
      f"medians of {len(runs) // 4} rounds")
PY
