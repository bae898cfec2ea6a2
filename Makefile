# podsim — the two commands of the README:
#   make serve   set up, build, (re)build Models/episodes.podsim from seeds/ when missing or stale, serve it
#   make test    set up, build, run every test (Swift, the Python client against a real server, and
#                the deployment: two replicas behind a real HAProxy, the systemd unit)
# Both install missing Debian packages themselves (scripts/setup.sh).

# bash for `pipefail` in the test recipe.
SHELL      := /bin/bash
SWIFT      ?= swift
CONFIG     ?= release
BUILD_DIR  := .build/$(CONFIG)
PODSIM     := $(BUILD_DIR)/podsim
MODEL      := Models/episodes.podsim
# The seed model's build parameters: fixed so that `make model` is reproducible.
MODEL_SEED ?= 42
MODEL_DIMS ?= 24
HOST       ?= 127.0.0.1
PORT       ?= 7411

.PHONY: setup spark-setup build model serve test soak fuzz bench clean

setup:
	@scripts/setup.sh

# The environment `podsim build --spark` runs its job in: a venv with pyspark (Java 17 needed),
# in ~/.local/share/podsim/spark — podsim finds it there by itself (scripts/setup-spark.sh).
spark-setup:
	@scripts/setup-spark.sh

build: setup
	$(SWIFT) build -c $(CONFIG) --product podsim

# Rebuilds the model only when its inputs (seed files, options, pipeline version) changed:
# the model records a digest of them and `--if-stale` compares it.
model: build
	$(PODSIM) build --if-stale --seed $(MODEL_SEED) --dimensions $(MODEL_DIMS) -o $(MODEL) seeds

serve: model
	$(PODSIM) serve --model $(MODEL) --host $(HOST) --port $(PORT)

# The Python client's tests start the debug `podsim` that `--build-tests` just built.
# A failing run repeats its failures at the end: CI keeps only the tail of a long log.
test: setup spark-setup
	$(SWIFT) build --build-tests
	@set -o pipefail; $(SWIFT) test --skip-build 2>&1 | tee .build/test.log || { \
		echo "--- failures (repeated from above) ---"; grep -E "✘|error:|XCTAssert|failed" .build/test.log | grep -v " passed" | head -40; exit 1; }
	PODSIM_BIN=.build/debug/podsim python3 -m unittest discover -s clients/python -v
	PODSIM_BIN=.build/debug/podsim python3 -m unittest discover -s deploy/tests -v

# The fault soak: 60 s of load with reloads, mid-frame drops, 1,000 idle connections and a
# slowloris, against a release server on loopback (scripts/soak.py; SOAK_SECONDS to change).
SOAK_SECONDS ?= 60
soak: build
	python3 -u scripts/soak.py --duration $(SOAK_SECONDS) --podsim $(PODSIM)

# The libFuzzer targets of Fuzz/, each for FUZZ_SECONDS (docs/FUZZING.md).
FUZZ_SECONDS ?= 60
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)

# The micro-benchmarks of Benchmarks/ (a package of its own); BENCH_FILTER is a regex over names.
BENCH_FILTER ?= .*
bench: setup
	cd Benchmarks && $(SWIFT) package benchmark --filter "$(BENCH_FILTER)"

clean:
	rm -rf .build
