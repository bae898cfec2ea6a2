#!/usr/bin/env bash
# Heap allocations and CPU time per request of the podsim server, socket to socket: the release
# server serves the seed model on 127.0.0.1 with Benchmarks/alloccount (an LD_PRELOAD malloc
# counter) loaded; after WARMUP requests the counts are read (SIGUSR2 writes the allocation count;
# /proc/PID/stat gives the CPU time), REQUESTS more are sent by Benchmarks/loadgen (one connection,
# one request in flight), the counts are read again, and the differences divided by REQUESTS —
# every thread of the server (event loops, workers), nothing of the client.
#
#   Benchmarks/server-cost.sh                      OP=similar (default) or ping; REQUESTS=20000;
#                                                  PODSIM=binary (default .build/release/podsim)
#   SERVER=redis Benchmarks/server-cost.sh         Debian's redis-server answering PING, the same way
#                                                  (CPU only: its jemalloc is not counted)
#   SERVER=nio-pong Benchmarks/server-cost.sh      Benchmarks/nio-pong: a bare SwiftNIO server answering
#                                                  PING, podsim's floor (built here; LOOPS=N event loops)
#   CONNECTIONS=16 …                               the load spread over 16 connections
#   SERVE_ARGS='--event-loops 1' …                 more `podsim serve` options
#
# CPU is printed as user + system: on loopback most of a small request's cost is the kernel's
# (the TCP stack, the wake-ups), which both servers pay; the user part is the server's own code.
#
# Instruction counts would be the repeatable measure, but `perf stat -e instructions` is not
# supported on these VMs and Debian 12's valgrind 3.19 cannot read the Swift toolchain's DWARF 5.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
op=${OP:-similar}
kind=${SERVER:-podsim}
connections=${CONNECTIONS:-1}
requests=${REQUESTS:-20000}
warmup=${WARMUP:-2000}
port=${PORT:-7850}
work=$(mktemp -d)
server=
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cc -O2 -o "$work/loadgen" "$root/Benchmarks/loadgen/loadgen.c"
cc -O2 -shared -fPIC -o "$work/alloccount.so" "$root/Benchmarks/alloccount/alloccount.c" -ldl
if [ "$kind" != podsim ]; then  # both answer Redis's PING
  args=(--proto resp --port "$port" --connections "$connections")
  op=ping
fi
if [ "$kind" = nio-pong ]; then
  swift build -c release --package-path "$root/Benchmarks/nio-pong" >/dev/null
  "$root/Benchmarks/nio-pong/.build/release/nio-pong" "$port" "${LOOPS:-$(nproc)}" >"$work/server.log" 2>&1 &
  server=$!
elif [ "$kind" = redis ]; then
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$work/server.log" 2>&1 &
  server=$!
else
  [ -n "${PODSIM:-}" ] || make -C "$root" model >/dev/null  # a given binary is used as it is
  podsim=${PODSIM:-$root/.build/release/podsim}
  model="$root/Models/episodes.podsim"
  episode=$("$podsim" episodes --model "$model" --k 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  args=(--proto podsim --port "$port" --op "$op" --episode "$episode" --k 10 --connections "$connections")
  ALLOCCOUNT_FILE="$work/count" LD_PRELOAD="$work/alloccount.so" \
    "$podsim" serve --model "$model" --host 127.0.0.1 --port "$port" --log-level error ${SERVE_ARGS:-} >"$work/server.log" 2>&1 &
  server=$!
fi
for _ in $(seq 300); do "$work/loadgen" "${args[@]}" --requests 1 >/dev/null 2>&1 && break; sleep 0.1; done
"$work/loadgen" "${args[@]}" --requests "$warmup" >/dev/null

# Allocations so far (podsim only), and the server's user and system CPU time in clock ticks.
counts() {
  local allocations=0
  if [ "$kind" = podsim ]; then
    rm -f "$work/count"
    kill -USR2 "$server"
    for _ in $(seq 100); do [ -s "$work/count" ] && break; sleep 0.02; done
    allocations=$(cat "$work/count")
  fi
  echo "$allocations $(awk '{print $14, $15}' "/proc/$server/stat")"
}
read -r allocations_before user_before system_before < <(counts)
"$work/loadgen" "${args[@]}" --requests "$requests" >"$work/load.json"
read -r allocations_after user_after system_after < <(counts)
python3 - "$kind" "$op" "$connections" "$requests" "$allocations_before" "$allocations_after" "$user_before" "$user_after" \
  "$system_before" "$system_after" "$(getconf CLK_TCK)" "$work/load.json" <<'PY'
import json, sys
kind, op = sys.argv[1], sys.argv[2]
c, n, a0, a1, u0, u1, s0, s1, hz = map(int, sys.argv[3:12])
load = json.load(open(sys.argv[12]))
per = lambda ticks: ticks / hz / n * 1e6
allocations = "" if kind != "podsim" else f"{(a1 - a0) / n:.2f} heap allocations and "
print(f"{kind} {op}: {n} requests on {c} connection{'s' if c > 1 else ''}: {allocations}"
      f"{per(u1 - u0 + s1 - s0):.1f} µs of server CPU per request (user {per(u1 - u0):.1f}, system {per(s1 - s0):.1f}; "
      f"all threads); p50 {load['p50_us']:.1f} µs, {load['requests_per_second']:.0f} requests/s")
PY
