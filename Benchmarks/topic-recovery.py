import json, random, subprocess, sys
podsim, model, truth_path, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
truth = {}
for line in open(truth_path):
    id_, topics = line.rstrip("\n").split("\t")
    truth[id_] = int(topics.split(" ")[0].split(":")[0])
ids = sorted(truth)
random.seed(1)
same = total = 0
for id_ in random.sample(ids, n):
    out = subprocess.run([podsim, "similar", id_, "--k", "10", "--json", "--model", model], capture_output=True, text=True, check=True)
    hits = json.loads(out.stdout)
    same += sum(truth[h["id"]] == truth[id_] for h in hits)
    total += len(hits)
topics = len(set(truth.values()))
print(f"{n} queries: {same / total:.3f} of top-10 neighbours share the query's dominant topic (chance ≈ {1 / topics:.3f})")
