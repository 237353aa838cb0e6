#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets of Fuzz/ and runs each for FUZZ_SECONDS on its corpus
# in Fuzz/corpus/<name>/, then merges the inputs that found new coverage back into it.
# Prints executions, exec/s and crashes per target; exits 1 if any target crashed.
# Usage: tools/fuzz.sh [name…]   (names: the corpus folders; default all)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
rss_mb=${FUZZ_RSS_MB:-2048}
# A committed corpus that outgrows this is minimised (kept to the inputs that cover the same).
corpus_kb=${FUZZ_CORPUS_KB:-300}
declare -A target=([front-matter]=FuzzFrontMatter [csv]=FuzzCSV [xlsx]=FuzzXLSX [markdown]=FuzzMarkdown
                   [slug]=FuzzSlug [date]=FuzzDate)
if [ $# -gt 0 ]; then names=("$@"); else names=(front-matter csv xlsx markdown slug date); fi

# libFuzzer without its main (the fuzzers have their own); lld as gold cannot link it.
runtime=$(clang --print-file-name="libclang_rt.fuzzer_no_main-$(uname -m).a")
[ -f "$runtime" ] || { echo "no $runtime in this Swift toolchain"; exit 1; }
work=Fuzz/.build/fuzz-runs
mkdir -p "$work"
echo "Building the fuzzers (log: $work/build.log)"
swift build --package-path Fuzz -c debug \
    -Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer \
    -Xswiftc -use-ld=lld -Xlinker "$runtime" > "$work/build.log" 2>&1 || { grep -E 'error' "$work/build.log"; exit 1; }
bin=$(swift build --package-path Fuzz -c debug --show-bin-path)
# The Swift runtime's crash backtracer reads memory ASan has poisoned and reports itself;
# libFuzzer's own handler saves the crashing input.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-handle_sigill=1:detect_leaks=1}
export LSAN_OPTIONS=suppressions=$PWD/tools/sanitizers/lsan.supp:print_suppressions=0

kb() { du -sk --apparent-size "$1" | cut -f1; }
failed=0
summary=()
for name in "${names[@]}"; do
    fuzzer=$bin/${target[$name]:?unknown fuzz target $name}
    corpus=Fuzz/corpus/$name
    new=$work/$name/new
    artifacts=$work/$name/artifacts
    rm -rf "$new" "$artifacts" && mkdir -p "$new" "$artifacts" "$corpus"
    log=$work/$name/fuzz.log
    echo "== $name: ${seconds}s (log: $log)"
    status=0
    "$fuzzer" -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -timeout=20 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$new" "$corpus" > "$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    crashes=$(find "$artifacts" -type f | sort | tr '\n' ' ')
    if [ "$status" -ne 0 ] || [ -n "$crashes" ]; then
        failed=1
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*Fatal error|fuzz property failed)' "$log" | head -5 || true
    fi
    # Keep only what adds coverage to the committed corpus.
    "$fuzzer" -merge=1 -rss_limit_mb="$rss_mb" -timeout=20 "$corpus" "$new" > "$work/$name/merge.log" 2>&1 || true
    added=$(sed -n 's/.*MERGE-OUTER: \([0-9]*\) new files.*/\1/p' "$work/$name/merge.log")
    if [ "$(kb "$corpus")" -gt "$corpus_kb" ]; then
        minimal=$work/$name/minimal && rm -rf "$minimal" && mkdir -p "$minimal"
        "$fuzzer" -set_cover_merge=1 -rss_limit_mb="$rss_mb" -timeout=20 "$minimal" "$corpus" > "$work/$name/minimise.log" 2>&1 \
            && rm -rf "$corpus" && mv "$minimal" "$corpus"
    fi
    summary+=("$(printf '%-13s %10s %8s %6ss %9s %5s KB  %s' "$name" "${runs:-?}" "${rate:-?}" "$seconds" "+${added:-0}" \
        "$(kb "$corpus")" "${crashes:-no crash}")")
done

printf '\n%-13s %10s %8s %7s %9s %8s  %s\n' target executions exec/s time corpus size crashes
printf '%s\n' "${summary[@]}"
[ "$failed" -eq 0 ] || { echo "a fuzzer failed: reproduce with $bin/<Fuzzer> <crash file>"; exit 1; }
