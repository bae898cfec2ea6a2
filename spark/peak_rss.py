#!/usr/bin/env python3
"""peak_rss.py CMD...: runs CMD and prints its wall time and peak memory to stderr, for the
figures of docs/SCALING.md. The peak is the summed resident memory of CMD's whole process tree,
sampled every 0.5 s: a Spark fit is a JVM, Python workers and `podsim analyze` subprocesses, and
ru_maxrss (or GNU time) gives only the largest single process."""
import os, subprocess, sys, time

def children():
    kids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(fields[1]), []).append(int(pid))
        except OSError:
            pass
    return kids

def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0

start = time.monotonic()
process = subprocess.Popen(sys.argv[1:])
peak_tree = peak_one = 0
while process.poll() is None:
    kids = children()
    tree, stack = [], [process.pid]
    while stack:
        p = stack.pop(); tree.append(p); stack.extend(kids.get(p, []))
    sizes = [rss(p) for p in tree]
    peak_tree = max(peak_tree, sum(sizes)); peak_one = max(peak_one, max(sizes))
    time.sleep(0.5)
elapsed = time.monotonic() - start
print(f"peak_rss.py: status {process.returncode}, {elapsed:.1f} s wall, peak tree RSS {peak_tree/2**30:.2f} GiB, "
      f"largest process {peak_one/2**30:.2f} GiB", file=sys.stderr)
sys.exit(process.returncode)
