#!/usr/bin/env bash
# Times `headcheck batch` over all 49,972 FNC-1 training pairs (--format csv) as a whole
# process, on all cores and on one, and the plain scikit-learn TF-IDF cosine script over the
# same pairs, with hyperfine; prints the medians, then each headcheck run's peak resident memory
# (fresh memory is a large part of the cost on a virtual machine, where the kernel's zeroing of
# new pages is slow).
#   bash benches/batch_fnc1.sh      (needs hyperfine and scikit-learn:
#                                    apt-get install hyperfine; pip install scikit-learn)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${HEADCHECK_DATA:-../shared}/data/fnc1"
cargo build --release --quiet
out=$(mktemp)
run="./target/release/headcheck batch $data/train_stances.csv --bodies $data/train_bodies.csv --format csv -o /dev/null -q"
hyperfine -N -i --warmup 2 --runs 15 --export-json "$out.hc" "$run" "$run --threads 1" >/dev/null
hyperfine -N --warmup 1 --runs 5 --export-json "$out.py" "python3 benches/tfidf_cosine.py $data" >/dev/null
python3 - "$out.hc" "$out.py" <<'PY'
import json, sys
for f in sys.argv[1:]:
    for r in json.load(open(f))["results"]:
        print(f"median {r['median']:.3f} s  (min {r['min']:.3f}, max {r['max']:.3f}, {len(r['times'])} runs)  {r['command']}")
PY
for threads in "" "--threads 1"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "peak RSS %M KiB  $run $threads" $run $threads --fail-on never 2>&1 >/dev/null | tail -n 1
done
rm -f "$out" "$out.hc" "$out.py"
