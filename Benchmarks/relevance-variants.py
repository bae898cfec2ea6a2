"""Screens ranking variants before any is ported to Swift: a Python twin of podsim's ranking
(analyzer, TF-IDF, SVD, latent/lexical fusion) with switches for the variants issue 14 asked for,
scored on the same labelled sets and Debian subset as Benchmarks/relevance.sh.

    Benchmarks/relevance-variants.sh [--debian-packages 2000 --debian-sample 500] [--no-debian]

The twin is checked against the real podsim in the same run (row `podsim (real)` beside `base`):
it matches podsim's similar-episode MRR to within 0.01 on both sets; search and guest figures are
NOT faithful (podsim's search and guest rankings have rules the twin leaves out), so only the
similar-episode and Debian columns decide. What the twin leaves out of the analyzer: podsim's exact
sentence and glue-split rules are approximated with regular expressions.

Variants (a dict of switches, `{}` is podsim as shipped: sublinear tf, smoothed idf, min df 1
under 1,000 episodes else 2, max df 0.5, bigrams, 24 dimensions (128 for Debian), fused 0.2·latent + 0.8·lexical):
- `w`: lexical weight; `rrf`: reciprocal-rank fusion with that k (weights 1−w, w);
- `title_boost`: the title line counted this many times; `guest_boost`: guest names appended;
- `chargrams` [lo, hi, maxdf, 1]: fastText-style character n-grams (lo..hi, with < > boundary
  marks) of every unigram stem of 4+ letters whose document frequency is at most maxdf, as extra
  features of the TF-IDF (so of the SVD and of the lexical score); `cg_alpha` scales their idf;
  `cg_block` s: grams and words normalised apart, to squared norms s and 1 − s (what podsim ships
  below 1,000 episodes: 4–6-grams, s = 0.5);
- `bm25_k1`, `bm25_b`: BM25 saturation and length normalisation in place of 1 + ln tf;
- `idf`: `smooth` (podsim), `plain`, `bm25`; `dims`; `sigma_pow` p: episode vectors U·Σ^p
  (podsim: p = 1); `mindf` (default podsim's: 1 under 1,000 episodes, else 2; n-grams always
  need 2), `maxdf`;
- `prf` [m, beta, space]: Rocchio pseudo-relevance feedback, the query plus beta × the mean of
  the m best answers, in the lexical (`lex`), latent (`lat`) or both spaces, then ranked again;
- `csls` [m, lam]: hubness reduction, each answer's fused score minus lam × its mean fused score
  against its m nearest episodes.
"""
import json, math, os, re, sys, unicodedata
import numpy as np
import snowballstemmer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
# podsim's English stop words (Snowball's list and contractions), read from the Swift source.
STOP = set(re.findall(r'"([^"]+)"', open(os.path.join(ROOT, "Sources/PodsimText/EnglishStopwords.swift")).read()))
stem = snowballstemmer.stemmer("english").stemWord
# The guest key and the rank of the first relevant answer are relevance.py's, so both scripts
# score the same way.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from relevance import guest_key as gkey, rank_of  # noqa: E402

def fold(w):
    return "".join(c for c in unicodedata.normalize("NFKD", w.lower()) if not unicodedata.combining(c)).replace("\u2019", "'")

URL = re.compile(r"(https?://|ftp://|www\.)\S*", re.I)
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
GLUE = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])")

def analyze(text):
    terms = []
    text = URL.sub(" . ", text)
    for sentence in re.split(r"[\n!?;…]|[.:](?!\w)|[.:](?=[A-Z])", text):
        prev = None
        for m in WORD.finditer(sentence):
            raw = m.group(0)
            f = fold(raw)
            if f in STOP:
                prev = None; continue
            if re.search(r"['\u2019][sS]$", raw): raw = raw[:-2]
            pieces = GLUE.split(raw) if len(raw) >= 4 else [raw]
            pieces = [p for p in pieces]
            words = [(fold(p), True) for p in pieces]
            if len(pieces) > 1: words.append((fold(raw), False))
            first = True
            for w, linked in words:
                if not linked:
                    if len(w) >= 2 and not w.isdigit() and w not in STOP: terms.append(stem(w))
                    continue
                if not first: prev = None
                first = False
                if w in STOP or len(w) < 2 or w.isdigit():
                    prev = None; continue
                s = stem(w)
                terms.append(s)
                if prev is not None: terms.append(prev + " " + s)
                prev = s
    return terms


class Ranker:
    def __init__(self, docs, ids, v):
        self.v = v
        self.ids = ids
        n = len(docs)
        self.n = n
        counts = []
        for d in docs:
            c = {}
            for t in d: c[t] = c.get(t, 0) + 1
            counts.append(c)
        df = {}
        for c in counts:
            for t in c: df[t] = df.get(t, 0) + 1
        maxdf = v.get("maxdf", 0.5)
        # podsim's default min df: 1 under 1,000 episodes, else 2 (BuildOptions); an n-gram is
        # always kept only when in 2+ episodes (one in a single episode matches nothing).
        mindf = v.get("mindf", 1 if n < 1000 else 2)
        vocab = sorted(t for t, k in df.items() if k >= (max(2, mindf) if t.startswith("#") else mindf) and k <= maxdf * n)
        self.vocab = {t: i for i, t in enumerate(vocab)}
        self.is_gram = [t.startswith("#") for t in vocab]
        self.df = np.array([df[t] for t in vocab], float)
        idfkind = v.get("idf", "smooth")
        if idfkind == "smooth": self.idf = np.log((1 + n) / (1 + self.df)) + 1
        elif idfkind == "plain": self.idf = np.log(n / self.df) + 1
        elif idfkind == "bm25": self.idf = np.log(1 + (n - self.df + 0.5) / (self.df + 0.5))
        alpha = v.get("cg_alpha", 1.0)
        if alpha != 1.0:
            self.idf = self.idf * np.array([alpha if t.startswith("#") else 1.0 for t in vocab])
        self.lens = np.array([sum(c.values()) for c in counts], float)
        self.avglen = self.lens.mean()
        import scipy.sparse as sp
        rows, cols, vals = [], [], []
        for r, c in enumerate(counts):
            ix, wv = self.weigh_sparse(c, self.lens[r])
            rows += [r] * len(ix); cols += ix; vals += wv
        A = sp.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
        self.A = A
        d = min(v.get("dims", 24), n - 1, len(vocab) - 1)
        if n <= 2000:
            U, S, Vt = np.linalg.svd(A.toarray(), full_matrices=False)
        else:
            from scipy.sparse.linalg import svds
            U, S, Vt = svds(A, k=d, random_state=42)
            o = np.argsort(-S); S, Vt = S[o], Vt[o]
        self.V = Vt[:d].T
        # canonical signs not needed for cosine
        L = A @ self.V
        if v.get("sigma_pow") is not None:
            L = (A @ self.V) * (S[:d] ** v["sigma_pow"]) / S[:d]
            self.scale = S[:d] ** v["sigma_pow"] / S[:d]
        else:
            self.scale = np.ones(d)
        self.L = L / np.maximum(np.linalg.norm(L, axis=1, keepdims=True), 1e-30)
        self.order = np.argsort(np.argsort([i.encode() for i in ids], kind="stable"))
        self.hub = None
        if v.get("csls"):
            # Hubness reduction (CSLS, Conneau et al. 2018): each episode's mean score against its
            # m nearest, subtracted (times lam) from every score it takes as an answer.
            m, lam = v["csls"]
            hub = np.zeros(n)
            for r in range(n):
                s = self.fuse(self.L @ self.L[r], self.A.dot(self.A[r].toarray().ravel()), r)
                s[r] = -np.inf
                hub[r] = np.sort(s)[::-1][:m].mean()
            self.hub = lam * hub

    def smooth_by_show(self, shows, gamma):
        """Cluster-based smoothing (Liu & Croft, SIGIR 2004, in the latent space): each episode's
        vector plus gamma times the mean of its show's other episodes, normalised; a SIMILAR then
        compares smoothed vectors. Shows stand in for clusters: a podcast's episodes share a theme
        that one episode's few words may not state."""
        members = {}
        for r, show in enumerate(shows): members.setdefault(show, []).append(r)
        smoothed = self.L.copy()
        for rows in members.values():
            if len(rows) < 2: continue
            total = self.L[rows].sum(axis=0)
            for r in rows: smoothed[r] = self.L[r] + gamma * (total - self.L[r]) / (len(rows) - 1)
        self.Ls = smoothed / np.maximum(np.linalg.norm(smoothed, axis=1, keepdims=True), 1e-30)

    def weigh(self, c, length):
        row = np.zeros(len(self.vocab))
        ix, wv = self.weigh_sparse(c, length)
        row[ix] = wv
        return row

    def weigh_sparse(self, c, length):
        ix, wv = [], []
        k1 = self.v.get("bm25_k1")
        b = self.v.get("bm25_b", 0.75)
        for t, k in c.items():
            i = self.vocab.get(t)
            if i is None: continue
            if k1 is not None:
                tf = k * (k1 + 1) / (k + k1 * (1 - b + b * length / self.avglen))
            else:
                tf = 1 + math.log(k)
            ix.append(i); wv.append(tf * self.idf[i])
        share = self.v.get("cg_block")
        if share is not None:
            # podsim's two blocks (TFIDFWeighting): grams and words normalised apart, to √share
            # and √(1 − share), when a row has both.
            gram = [k for k, i in enumerate(ix) if self.is_gram[i]]
            if gram and len(gram) < len(ix):
                gn = math.sqrt(sum(wv[k] ** 2 for k in gram))
                wn = math.sqrt(sum(wv[k] ** 2 for k in range(len(ix)) if not self.is_gram[ix[k]]))
                return ix, [x / gn * math.sqrt(share) if self.is_gram[i] else x / wn * math.sqrt(1 - share)
                            for i, x in zip(ix, wv)]
        nrm = math.sqrt(sum(x * x for x in wv))
        return ix, [x / nrm for x in wv] if nrm > 0 else wv

    def qvec(self, terms):
        c = {}
        for t in terms: c[t] = c.get(t, 0) + 1
        return self.weigh(c, len(terms))

    def latent(self, q):
        z = (q @ self.V) * self.scale
        nz = np.linalg.norm(z)
        return z / nz if nz > 0 else z

    def scores(self, q, exclude=None):
        v = self.v
        lat = self.L @ self.latent(q)
        if exclude is not None and getattr(self, "Ls", None) is not None:
            lat = self.Ls @ self.Ls[exclude]  # SIMILAR from a stored episode: smoothed on both sides
        lex = self.A.dot(q)
        prf = v.get("prf")
        if prf:
            m, beta, space = prf
            base = self.fuse(lat, lex, exclude)
            top = [r for r in np.lexsort((self.order, -base)) if r != exclude][:m]
            if space in ("lex", "both"):
                q2 = q + beta * np.asarray(self.A[top].mean(axis=0)).ravel()
                q2 /= np.linalg.norm(q2)
                lex = self.A.dot(q2)
            if space in ("lat", "both"):
                z = self.latent(q) + beta * self.L[top].mean(axis=0)
                z /= np.linalg.norm(z)
                lat = self.L @ z
        return self.fuse(lat, lex, exclude)

    def fuse(self, lat, lex, exclude):
        w = self.v.get("w", 0.8)
        if self.v.get("rrf"):
            kk = self.v["rrf"]
            s = np.zeros(self.n)
            for arr, wt in ((lat, 1 - w), (lex, w)):
                ranks = np.empty(self.n)
                ranks[np.lexsort((self.order, -arr))] = np.arange(1, self.n + 1)
                s += wt / (kk + ranks)
            return s
        fused = (1 - w) * lat + w * lex
        return fused - self.hub if self.hub is not None else fused

    def top(self, s, exclude=None, k=10):
        return [r for r in np.lexsort((self.order, -s)) if r != exclude][:k]


def document_terms(corpus, v):
    """Each episode's terms under variant `v` (field boosts, character n-grams), and the function
    that adds the n-grams to a query's terms."""
    tb = v.get("title_boost", 1)
    gb = v.get("guest_boost", 0)
    docs = []
    for e in corpus:
        title, _, body = e["text"].partition("\n")
        docs.append("\n".join([title] * tb + [body] + [", ".join(e["guests"])] * gb))
    terms = [analyze(t) for t in docs]
    if not v.get("chargrams"):
        return terms, lambda ts: []
    lo, hi, maxdf_terms, wt = v["chargrams"]
    df = {}
    for ts in terms:
        for t in set(ts):
            if " " not in t: df[t] = df.get(t, 0) + 1
    def grams(ts):
        out = []
        for t in ts:
            if " " in t or len(t) < 4 or df.get(t, 0) > maxdf_terms: continue
            s = "<" + t + ">"
            for n in range(lo, hi + 1):
                out += ["#" + s[i:i + n] for i in range(len(s) - n + 1)] * wt
        return out
    return [ts + grams(ts) for ts in terms], grams


def evaluate(corpus, labels, v):
    ids = [e["id"] for e in corpus]
    terms, grams = document_terms(corpus, v)
    R = Ranker(terms, ids, v)
    if v.get("show_smooth"):
        R.smooth_by_show([e.get("show", "") for e in corpus], v["show_smooth"])
    row = {i: r for r, i in enumerate(ids)}
    res = {"similar": [], "search": [], "guests": []}
    for c in labels.get("similar", []):
        r = row[c["query"]]
        s = R.scores(R.A[r].toarray().ravel(), exclude=r)
        res["similar"].append(rank_of([ids[x] for x in R.top(s, r)], c["relevant"]))
    for c in labels.get("search", []):
        t = analyze(c["text"]); q = R.qvec(t + grams(t))
        if not q.any(): res["search"].append(None); continue
        s = R.scores(q)
        res["search"].append(rank_of([ids[x] for x in R.top(s)], c["relevant"]))
    guests = {}
    for r, e in enumerate(corpus):
        for g in e["guests"]: guests.setdefault(gkey(g), (g, []))[1].append(r)
    for c in labels.get("guests", []):
        t = analyze(c["topic"]); q = R.qvec(t + grams(t))
        if not q.any(): res["guests"].append(None); continue
        s = R.scores(q)
        ranked = sorted((-max(s[x] for x in rows), min(R.order[x] for x in rows if s[x] == max(s[y] for y in rows)), name)
                        for key, (name, rows) in guests.items())
        res["guests"].append(rank_of([n for _, _, n in ranked[:10]], c["relevant"], key=gkey))
    return {k: (sum(1 / x for x in v if x) / len(v) if v else None) for k, v in res.items()}, res


def debian(path, packages, sample, v):
    lines = [json.loads(l) for l in open(path) if l.strip()]
    step = max(1, len(lines) // packages)
    lines = sorted(lines[::step][:packages], key=lambda e: e["id"].encode())
    corpus = [{"id": e["id"], "show": e["show"], "text": e["title"] + "\n" + e["description"], "guests": []}
              for e in lines]
    v = dict(v); v.setdefault("dims", 128)
    ids = [e["id"] for e in corpus]
    terms, _ = document_terms(corpus, v)
    R = Ranker(terms, ids, v)
    shows = [e["show"] for e in corpus]
    stride = max(1, len(corpus) // sample)
    rows = list(range(0, len(corpus), stride))[:sample]
    agree = []
    for r in rows:
        s = R.scores(R.A[r].toarray().ravel(), exclude=r)
        top = R.top(s, r)
        agree.append(sum(shows[x] == shows[r] for x in top) / 10)
    return float(np.mean(agree))




def real_catalogue(corpus, kind):
    """A JSON Lines catalogue of `corpus` (podsim's dump) that feeds a variant to the real podsim
    with no code change: `title2` starts each description with the title again; `cg4-6` appends
    the text's 4-6-grams of its unigram stems found in 2+ episodes (`<` `>` written `0` `9`,
    `gx` in front) as pseudo-words, one per line so they form no bigrams; `base` changes nothing
    (it reproduces podsim's own figures)."""
    records, grams = [], []
    for e in corpus:
        title, _, description = e["text"].partition("\n")
        records.append({"id": e["id"], "show": e["show"], "title": title, "guests": e["guests"],
                        "description": (title + "\n" + description) if kind == "title2" else description})
        own = []
        if kind == "cg4-6":
            for t in analyze(e["text"]):
                if " " not in t and len(t) >= 4:
                    marked = "0" + t + "9"
                    own += ["gx" + marked[i:i + n] for n in range(4, 7) for i in range(len(marked) - n + 1)]
        grams.append(own)
    df = {}
    for own in grams:
        for g in set(own): df[g] = df.get(g, 0) + 1
    for record, own in zip(records, grams):
        kept = [g for g in own if df[g] >= 2]
        if kept: record["description"] += "\n" + "\n".join(kept)
    return records


# Every variant screened for issue 14 (Benchmarks/relevance-variants.md has the results).
VARIANTS = [
    ("base", {}),
    ("w0.6", {"w": 0.6}),
    ("w0.9", {"w": 0.9}),
    ("w1.0", {"w": 1.0}),
    ("w0", {"w": 0.0}),
    ("title2", {"title_boost": 2}),
    ("title3", {"title_boost": 3}),
    ("guest1", {"guest_boost": 1}),
    ("guest2", {"guest_boost": 2}),
    ("title2+guest1", {"title_boost": 2, "guest_boost": 1}),
    ("cg3-5 df<=2", {"chargrams": [3, 5, 2, 1]}),
    ("cg3-5 df<=5", {"chargrams": [3, 5, 5, 1]}),
    ("cg4-6 df<=3", {"chargrams": [4, 6, 3, 1]}),
    ("cg3-6", {"chargrams": [3, 6, 1000, 1]}),
    ("bm25 1.2/.75", {"bm25_k1": 1.2, "bm25_b": 0.75}),
    ("bm25 1.2/.3", {"bm25_k1": 1.2, "bm25_b": 0.3}),
    ("bm25 0.9/0", {"bm25_k1": 0.9, "bm25_b": 0.0}),
    ("bm25 2/.75", {"bm25_k1": 2.0, "bm25_b": 0.75}),
    ("bm25 1.2/.75 idfbm25", {"bm25_k1": 1.2, "bm25_b": 0.75, "idf": "bm25"}),
    ("idf plain", {"idf": "plain"}),
    ("idf bm25", {"idf": "bm25"}),
    ("rrf60 w.5", {"rrf": 60, "w": 0.5}),
    ("rrf60 w.8", {"rrf": 60, "w": 0.8}),
    ("rrf10 w.5", {"rrf": 10, "w": 0.5}),
    ("dims8", {"dims": 8}),
    ("dims12", {"dims": 12}),
    ("dims16", {"dims": 16}),
    ("dims32", {"dims": 32}),
    ("sigma0", {"sigma_pow": 0.0}),
    ("sigma0.5", {"sigma_pow": 0.5}),
    ("sigma2", {"sigma_pow": 2.0}),
    ("mindf2", {"mindf": 2}),
    ("maxdf0.3", {"maxdf": 0.3}),
    ("maxdf1", {"maxdf": 1.0}),
    ("prf3 .5 lex", {"prf": [3, 0.5, "lex"]}),
    ("prf3 .5 lat", {"prf": [3, 0.5, "lat"]}),
    ("prf2 .3 both", {"prf": [2, 0.3, "both"]}),
    ("prf5 .3 both", {"prf": [5, 0.3, "both"]}),
    ("prf1 .5 lex", {"prf": [1, 0.5, "lex"]}),
    ("cg3-6 alpha.5", {"chargrams": [3, 6, 1000, 1], "cg_alpha": 0.5}),
    ("cg3-6 alpha.3", {"chargrams": [3, 6, 1000, 1], "cg_alpha": 0.3}),
    ("cg3-6 alpha2", {"chargrams": [3, 6, 1000, 1], "cg_alpha": 2}),
    ("cg3-5", {"chargrams": [3, 5, 1000, 1]}),
    ("cg4-6", {"chargrams": [4, 6, 1000, 1]}),
    ("cg3-4", {"chargrams": [3, 4, 1000, 1]}),
    ("cg5-6", {"chargrams": [5, 6, 1000, 1]}),
    ("cg3-6 df<=10", {"chargrams": [3, 6, 10, 1]}),
    ("cg3-6 w.6", {"chargrams": [3, 6, 1000, 1], "w": 0.6}),
    ("cg3-6 w1", {"chargrams": [3, 6, 1000, 1], "w": 1.0}),
    ("cg3-6 w0", {"chargrams": [3, 6, 1000, 1], "w": 0.0}),
    ("cg3-6 title2", {"chargrams": [3, 6, 1000, 1], "title_boost": 2}),
    ("cg3-6 dims16", {"chargrams": [3, 6, 1000, 1], "dims": 16}),
    ("cg3-6 prf5 .3 both", {"chargrams": [3, 6, 1000, 1], "prf": [5, 0.3, "both"]}),
    ("cg3-6 prf3 .5 lex", {"chargrams": [3, 6, 1000, 1], "prf": [3, 0.5, "lex"]}),
    ("title2 prf5 .3", {"title_boost": 2, "prf": [5, 0.3, "both"]}),
    ("title2 dims16", {"title_boost": 2, "dims": 16}),
    # Issue 14, second round: the grams as a block of their own in each row (podsim's choice).
    ("cg4-6 block.5", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5}),
    ("cg4-6 block.35", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.35}),
    ("cg4-6 block.6", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.6}),
    ("cg4-6 block.7", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.7}),
    ("cg4-5 block.5", {"chargrams": [4, 5, 1000, 1], "cg_block": 0.5}),
    ("cg3-6 block.5", {"chargrams": [3, 6, 1000, 1], "cg_block": 0.5}),
    ("cg4-6 block.5 dims16", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "dims": 16}),
    ("cg4-6 block.5 dims32", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "dims": 32}),
    ("cg4-6 block.5 prf3 .5 lex", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "prf": [3, 0.5, "lex"]}),
    ("cg4-6 block.5 title2", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "title_boost": 2}),
    ("cg4-6 block.5 bm25 1.2/.75", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "bm25_k1": 1.2, "bm25_b": 0.75}),
    ("cg4-6 block.5 sigma2", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "sigma_pow": 2.0}),
    # Third round (2026-12-03, later): hubness reduction on top of what ships.
    ("cg4-6 block.5 csls5 .5", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "csls": [5, 0.5]}),
    ("cg4-6 block.5 csls5 1", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "csls": [5, 1.0]}),
    ("cg4-6 block.5 csls10 .5", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "csls": [10, 0.5]}),
    ("cg4-6 block.5 csls10 1", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "csls": [10, 1.0]}),
    ("cg4-6 block.5 csls3 1", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "csls": [3, 1.0]}),
    # Fourth round (2026-12-03, night): each episode smoothed toward its show's other episodes.
    ("cg4-6 block.5 show.1", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "show_smooth": 0.1}),
    ("cg4-6 block.5 show.25", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "show_smooth": 0.25}),
    ("cg4-6 block.5 show.5", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "show_smooth": 0.5}),
    ("cg4-6 block.5 show1", {"chargrams": [4, 6, 1000, 1], "cg_block": 0.5, "show_smooth": 1.0}),
]


def main():
    import argparse, subprocess, tempfile
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--podsim", default=os.path.join(ROOT, ".build", "release", "podsim"))
    parser.add_argument("--labels", nargs="*", default=["Tests/Labels/seeds.json", "Tests/Labels/feeds.json"])
    parser.add_argument("--debian", default="/work/data/debian.jsonl")
    parser.add_argument("--no-debian", action="store_true")
    parser.add_argument("--debian-packages", type=int, default=2000, help="evenly spaced subset (Debian is slow in Python)")
    parser.add_argument("--debian-sample", type=int, default=500)
    parser.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    parser.add_argument("--real", action="store_true",
                        help="instead, feed base, title2 and cg4-6 to the real podsim (real_catalogue) and print its MRRs")
    args = parser.parse_args()
    variants = [(n, v) for n, v in VARIANTS if not args.only or n in args.only]
    sets = []
    with tempfile.TemporaryDirectory() as workdir:
        real = []
        for path in args.labels:
            labels = json.load(open(os.path.join(ROOT, path), encoding="utf-8"))
            model = os.path.join(workdir, os.path.basename(path) + ".podsim")
            run = lambda c: subprocess.run(c, check=True, capture_output=True, text=True, cwd=ROOT).stdout
            run([args.podsim, "build", "--seed", "42", "--dimensions", str(labels.get("dimensions", 24)), "-o", model,
                 *labels.get("sources", ["seeds"])])
            report = json.loads(run([args.podsim, "evaluate", "--model", model, "--labels", path, "--json",
                                     "--corpus", model + ".corpus.jsonl"]))
            real.append(f"{report['similar']['meanReciprocalRank']:.3f}")
            corpus = [json.loads(line) for line in open(model + ".corpus.jsonl", encoding="utf-8") if line.strip()]
            sets.append((os.path.basename(path), corpus, labels))
            if args.real:
                for kind in ("base", "title2", "cg4-6"):
                    catalogue = os.path.join(workdir, f"{kind}.jsonl")
                    with open(catalogue, "w", encoding="utf-8") as handle:
                        handle.writelines(json.dumps(r) + "\n" for r in real_catalogue(corpus, kind))
                    run([args.podsim, "build", "--seed", "42", "--dimensions", str(labels.get("dimensions", 24)),
                         "-o", model, catalogue])
                    m = json.loads(run([args.podsim, "evaluate", "--model", model, "--labels", path, "--json"]))
                    print(f"{os.path.basename(path)} {kind}: similar / search / guests MRR "
                          + " / ".join(f"{m[t]['meanReciprocalRank']:.3f}" for t in ("similar", "search", "guests")))
    if args.real:
        return
    header = ["variant"] + [f"{name} similar" for name, _, _ in sets] + ([] if args.no_debian else ["Debian same-section@10"]) + ["sum"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    print("| podsim (real) | " + " | ".join(real) + " |" + (" |" if not args.no_debian else "") + " |", flush=True)
    for name, v in variants:
        figures = [evaluate(corpus, labels, v)[0]["similar"] for _, corpus, labels in sets]
        if not args.no_debian:
            figures.append(debian(args.debian, args.debian_packages, args.debian_sample, v))
        print(f"| {name} | " + " | ".join(f"{f:.3f}" for f in figures) + f" | {sum(figures):.3f} |", flush=True)


if __name__ == "__main__":
    main()
