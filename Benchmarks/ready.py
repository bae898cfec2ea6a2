#!/usr/bin/env python3
"""Times `podsim serve` from exec to its first answers — a PING, then a SIMILAR (k = 10) for the
model's first episode — and prints the server's resident memory then: the "ready" figures of
docs/PERFORMANCE.md. The server answers nothing before it has read the model and verified every
section's checksum, so the first answer is the time to a verified, serving model. The model file
is read once first so that it is in the page cache; ROUNDS rounds (default 5), then the medians.
With `cold` as the fifth argument, every round starts with the page cache dropped instead
(`sync; echo 3 > /proc/sys/vm/drop_caches`: root only, and it slows everyone's next reads, so run
it under the bench and big locks only).

    python3 Benchmarks/ready.py .build/release/podsim /tmp/s1m.podsim [port] [rounds] [cold]
"""
import json
import socket
import statistics
import struct
import subprocess
import sys
import time

podsim, model = sys.argv[1], sys.argv[2]
port = int(sys.argv[3]) if len(sys.argv) > 3 else 7950
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
cold = len(sys.argv) > 5 and sys.argv[5] == "cold"

episode = json.loads(subprocess.run(
    [podsim, "episodes", "--model", model, "--k", "1", "--json"], check=True, capture_output=True).stdout)[0]["id"]
ping = bytes.fromhex("00000008" "01" "01" "0000" "00000007")  # PING, request id 7
body = struct.pack(">I", len(episode.encode())) + episode.encode() + struct.pack(">HB", 10, 0)  # SIMILAR k=10
similar = struct.pack(">IBBHI", 8 + len(body), 1, 0x10, 0, 8) + body
with open(model, "rb") as f:  # into the page cache
    while f.read(1 << 24):
        pass


def answer(connection):
    """Reads one answer frame; returns its status."""
    data = b""
    while len(data) < 4 or len(data) < 4 + struct.unpack(">I", data[:4])[0]:
        chunk = connection.recv(1 << 16)
        if not chunk:
            raise OSError("closed")
        data += chunk
    return struct.unpack(">H", data[6:8])[0]


def drop_page_cache():
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as control:
        control.write("3\n")


def one_round():
    if cold:
        drop_page_cache()
    started = time.monotonic()
    server = subprocess.Popen([podsim, "serve", "--model", model, "--port", str(port), "--log-level", "error"])
    try:
        while True:
            if server.poll() is not None:
                sys.exit(f"podsim serve exited with status {server.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
                    connection.sendall(ping)
                    answer(connection)
                    first_ping = time.monotonic() - started
                    connection.sendall(similar)
                    status = answer(connection)
                    first_similar = time.monotonic() - started
                    if status != 0:
                        sys.exit(f"SIMILAR answered status {status}")
                    break
            except OSError:
                time.sleep(0.002)
            if time.monotonic() - started > 120:
                sys.exit("no answer within 120 s")
        with open(f"/proc/{server.pid}/status") as status_file:
            rss_kb = next(int(line.split()[1]) for line in status_file if line.startswith("VmRSS"))
        return first_ping, first_similar, rss_kb / 1024
    finally:
        server.terminate()
        server.wait()


results = []
for number in range(rounds):
    ping_s, similar_s, rss = one_round()
    results.append((ping_s, similar_s, rss))
    print(f"round {number + 1}: first PING {ping_s:.3f} s, first SIMILAR {similar_s:.3f} s after exec; RSS {rss:.0f} MB")
print(f"median of {rounds} ({'page cache dropped before each' if cold else 'file in the page cache'}): first PING {statistics.median(r[0] for r in results):.3f} s, "
      f"first SIMILAR {statistics.median(r[1] for r in results):.3f} s after exec "
      f"(min {min(r[1] for r in results):.3f}, max {max(r[1] for r in results):.3f}); "
      f"RSS {statistics.median(r[2] for r in results):.0f} MB")
