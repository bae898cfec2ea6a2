#!/usr/bin/env python3
"""Times `podsim serve` from exec to its first PING answered, and prints the server's resident
memory then: the "ready" figure of docs/PERFORMANCE.md ("Serving a 1M-episode model").

    python3 Benchmarks/ready.py .build/release/podsim /tmp/s1m.podsim [port]
"""
import socket
import subprocess
import sys
import time

podsim, model = sys.argv[1], sys.argv[2]
port = int(sys.argv[3]) if len(sys.argv) > 3 else 7950
ping = bytes.fromhex("00000008" "01" "01" "0000" "00000007")  # PING, request id 7
started = time.monotonic()
server = subprocess.Popen([podsim, "serve", "--model", model, "--port", str(port), "--log-level", "error"])
try:
    while True:
        if server.poll() is not None:
            sys.exit(f"podsim serve exited with status {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
                connection.sendall(ping)
                if len(connection.recv(12)) == 12:
                    break
        except OSError:
            time.sleep(0.002)
        if time.monotonic() - started > 120:
            sys.exit("no answer within 120 s")
    ready = time.monotonic() - started
    with open(f"/proc/{server.pid}/status") as status:
        rss_kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
    print(f"first PING answered {ready:.3f} s after exec; server RSS {rss_kb / 1024:.0f} MB")
finally:
    server.terminate()
    server.wait()
