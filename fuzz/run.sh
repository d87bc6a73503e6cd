#!/usr/bin/env bash
# Runs every fuzz target (libFuzzer through cargo-fuzz) for SECONDS each, JOBS at a time, and
# prints a line per target: runs, executions per second, and what it found. Exits 1 when any
# target found a crash, a hang (an input taking over 1 s) or a leak.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]      # default 600 s, every target; JOBS=2
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The machine's toolchain is stable Rust, so
# RUSTC_BOOTSTRAP=1 lets it take the -Z sanitizer flags cargo-fuzz passes. New inputs go to
# fuzz/corpus/TARGET (not committed); the committed seeds (fuzz/seeds, from `python3
# fuzz/seeds.py`) are read too. Findings land in fuzz/artifacts/TARGET, logs in fuzz/logs.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
jobs=${JOBS:-2}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
mkdir -p fuzz/logs
run() {
    local t=$1
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    # -timeout=1: an input over 1 s is a hang; -rss_limit_mb: a run over 2 GiB is a leak or a
    # blow-up; LeakSanitizer (on by default) reports leaks.
    cargo fuzz run -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$secs" -timeout=1 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1 || true
}
running=0
for t in "${targets[@]}"; do
    run "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
status=0
printf '%-10s %12s %10s %s\n' target runs exec/s found
for t in "${targets[@]}"; do
    log="fuzz/logs/$t.log"
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    found=$(find "fuzz/artifacts/$t" -type f | wc -l)
    if [ "$found" -gt 0 ] || grep -qE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|panicked at|SUMMARY:' "$log"; then
        status=1
        printf '%-10s %12s %10s %s\n' "$t" "$runs" "$rate" "$found finding(s): see $log and fuzz/artifacts/$t"
    else
        printf '%-10s %12s %10s %s\n' "$t" "$runs" "$rate" "nothing"
    fi
done
exit $status
