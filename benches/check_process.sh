#!/usr/bin/env bash
# Times `headcheck check` on the 1,000-word bench article as a whole process (start, table
# load, check, output) with hyperfine, and prints the medians.
#   bash benches/check_process.sh        (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=$(mktemp)
hyperfine -N --warmup 20 --runs 300 --export-json "$out" \
  './target/release/headcheck check corpus/bench/long-article.md' \
  './target/release/headcheck check corpus/bench/long-article.md --format json' >/dev/null
python3 - "$out" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"median {r['median'] * 1000:.2f} ms  (min {r['min'] * 1000:.2f}, max {r['max'] * 1000:.2f}, {len(r['times'])} runs)  {r['command']}")
PY
rm -f "$out"
