#!/usr/bin/env bash
# Builds podsim's libFuzzer targets (Fuzz/, release, -sanitize=fuzzer,address) into .build-fuzz
# and runs each for the given seconds on a copy of its seed corpus. See docs/FUZZING.md.
#
#   scripts/fuzz.sh [seconds] [target…]      seconds per target, default 60; default: every target
#
# Targets: frame-decoder request-body response-body model-file model-file-resealed seed-page jsonl rss
#          feed-repair
# Environment:
#   FUZZ_NO_BUILD=1   skip the build (another run just built the targets)
#   FUZZ_FLAGS="…"    extra libFuzzer flags, e.g. "-seed=1" or "-dict=Fuzz/Dictionaries/xml.dict"
# Prints executions, exec/s and coverage per target; saves crashing inputs under
# fuzz-artifacts/<target>/ and exits 1 if any target crashed, 2 on a usage or build error.
# Runs one target at a time, one process each: the machine's cores are shared.
set -uo pipefail
cd "$(dirname "$0")/.."

all_targets=(frame-decoder request-body response-body model-file model-file-resealed seed-page jsonl rss feed-repair)
seconds=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")

# target → executable, corpus folder, and repository files that also seed it (used in place
# rather than copied into Fuzz/Corpus, so the repository carries them once).
executable() {
  case $1 in
    frame-decoder) echo FuzzFrameDecoder ;;
    request-body) echo FuzzRequestBody ;;
    response-body) echo FuzzResponseBody ;;
    model-file) echo FuzzModelFile ;;
    model-file-resealed) echo FuzzModelFileResealed ;;
    seed-page) echo FuzzSeedPage ;;
    jsonl) echo FuzzJSONL ;;
    rss) echo FuzzRSS ;;
    feed-repair) echo FuzzFeedRepair ;;
    *) return 1 ;;
  esac
}
corpus_folder() {
  case $1 in
    model-file-resealed) echo Fuzz/Corpus/model-file ;;
    *) echo "Fuzz/Corpus/$1" ;;
  esac
}
extra_seeds() {
  case $1 in
    model-file | model-file-resealed) ls Models/*.podsim 2>/dev/null ;;
    seed-page) ls seeds/*.txt Tests/PodsimCatalogueTests/Fixtures/*.txt 2>/dev/null ;;
    jsonl) ls Tests/PodsimCatalogueTests/Fixtures/*.jsonl 2>/dev/null ;;
    rss) ls Tests/PodsimCatalogueTests/Fixtures/*.xml Tests/PodsimCatalogueTests/Fixtures/*.rss 2>/dev/null ;;
    feed-repair) ls Tests/PodsimCatalogueTests/Fixtures/wild/*.xml 2>/dev/null ;;
  esac
}

# Per-target libFuzzer flags: token dictionaries for the text formats, and a cap on input size
# (bytes) where the seed files are large but parsing time grows with size — smaller inputs
# mean more executions per second, and every parser path is reachable within 8 KiB. rss runs
# without leak detection: FoundationXML leaks on every XML error (Fuzz/lsan.supp), and each
# such input makes libFuzzer rescan the heap, which cuts it to ~60 exec/s; check its leaks
# with FUZZ_FLAGS=-detect_leaks=1 (later flags win).
target_flags() {
  case $1 in
    seed-page) echo "-dict=Fuzz/Dictionaries/seed-page.dict -max_len=8192" ;;
    jsonl) echo "-dict=Fuzz/Dictionaries/json.dict" ;;
    rss | feed-repair) echo "-dict=Fuzz/Dictionaries/xml.dict -max_len=8192 -detect_leaks=0" ;;
  esac
}

for target in "${targets[@]}"; do
  executable "$target" >/dev/null || { echo "fuzz: unknown target '$target' (known: ${all_targets[*]})" >&2; exit 2; }
done

build_dir=.build-fuzz
# `--sanitize fuzzer --sanitize address` alone is not enough: SwiftPM passes swiftc one
# `-sanitize=` flag per sanitizer, in the order of a Swift Set (a new one on every run), and the
# last flag wins — so each build instrumented the Swift code either for coverage or for ASan,
# never both. `-Xswiftc -sanitize=fuzzer,address` comes last and names both. (SwiftPM's flags
# still do the linking and make the targets libraries for libFuzzer's main.)
build_target() {
  swift build --package-path Fuzz --scratch-path "$build_dir" -c release \
    --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address \
    --product "$(executable "$1")" >"$build_dir/build.log" 2>&1 || {
    cat "$build_dir/build.log" >&2
    echo "fuzz: build of $1 failed" >&2
    return 1
  }
}
if [[ ${FUZZ_NO_BUILD:-0} != 1 ]]; then
  mkdir -p "$build_dir"
  echo "fuzz: building ${#targets[@]} target(s) into $build_dir (release, fuzzer + address sanitizer)" >&2
  for target in "${targets[@]}"; do
    build_target "$target" || exit 2
  done
fi
bin_dir=$(swift build --package-path Fuzz --scratch-path "$build_dir" -c release --show-bin-path)

# Coverage check: count each target's coverage counters before running it (a few hundred means
# its Swift code is not instrumented and libFuzzer would find nothing); rebuild once if they are
# too few, refuse to run if they still are. It caught the sanitizer-order problem above.
counters() {
  local count
  count=$(SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin_dir/$(executable "$1")" -runs=0 2>&1 |
    sed -n 's/.*Loaded 1 modules *(\([0-9]*\) inline.*/\1/p' | head -1)
  echo "${count:-0}"
}
for target in "${targets[@]}"; do
  if (($(counters "$target") < 5000)); then
    echo "fuzz: $target has too few coverage counters ($(counters "$target")); rebuilding its module" >&2
    touch Fuzz/Sources/"$(executable "$target")"/*.swift
    build_target "$target" || exit 2
    if (($(counters "$target") < 5000)); then
      echo "fuzz: $target is still not instrumented for coverage ($(counters "$target") counters); rm -rf $build_dir and retry" >&2
      exit 2
    fi
  fi
done

# The Swift runtime's own crash handler would race libFuzzer's. ASan's leak check stays on,
# with suppressions for leaks inside the toolchain's libraries (Fuzz/lsan.supp says which).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0}

crashed=()
printf '%-20s %8s %12s %10s %8s %8s %8s  %s\n' target seconds execs exec/s cov ft "+units" result
for target in "${targets[@]}"; do
  work=$build_dir/corpus/$target
  artifacts=fuzz-artifacts/$target
  log=$build_dir/logs/$target.log
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  # A copy: libFuzzer adds every input that finds new coverage to the first corpus folder.
  cp "$(corpus_folder "$target")"/* "$work"/ 2>/dev/null
  for seed in $(extra_seeds "$target"); do cp "$seed" "$work/"; done
  before=$(find "$artifacts" -type f | wc -l)
  # shellcheck disable=SC2086
  "$bin_dir/$(executable "$target")" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" $(target_flags "$target") ${FUZZ_FLAGS:-} "$work" >"$log" 2>&1
  status=$?
  after=$(find "$artifacts" -type f | wc -l)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  units=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  result=ok
  if grep -q "no interesting inputs were found" "$log"; then
    result="NOT INSTRUMENTED (log $log): rebuild with rm -rf $build_dir"
    crashed+=("$target")
  elif ((status != 0 || after > before)); then
    result="CRASH (log $log, inputs in $artifacts/)"
    crashed+=("$target")
  fi
  printf '%-20s %8s %12s %10s %8s %8s %8s  %s\n' "$target" "$seconds" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "${units:-?}" "$result"
done

if ((${#crashed[@]})); then
  echo "fuzz: crashes in ${crashed[*]}; reproduce with: $bin_dir/<Executable> fuzz-artifacts/<target>/crash-…" >&2
  exit 1
fi
