#!/usr/bin/env bash
# JSON Lines throughput and peak memory of `headcheck batch`: writes a JSON Lines file of
# SIZE_MB (default 1024) from the team's corpus articles (cargo run --example gen_jsonl), runs
# `headcheck batch FILE --format csv -o /dev/null -q` under /usr/bin/time -v, and prints wall
# time, MB/s of input (the whole file) and of article text (its headlines and bodies as UTF-8,
# as counted by the generator), and the maximum resident set size.
#   bash benches/batch_jsonl.sh [SIZE_MB] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
threads=()
if [ -n "${2:-}" ]; then threads=(--threads "$2"); fi
cargo build --release --quiet --example gen_jsonl
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
text=$(./target/release/examples/gen_jsonl "$dir/articles.jsonl" "$size")
bytes=$(stat -c %s "$dir/articles.jsonl")
/usr/bin/time -v ./target/release/headcheck batch "$dir/articles.jsonl" --format csv -o /dev/null -q "${threads[@]}" 2>"$dir/time" || true
python3 - "$dir/time" "$bytes" "$text" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    k, _, v = line.strip().rpartition(": ")
    t[k] = v
wall = t["Elapsed (wall clock) time (h:mm:ss or m:ss)"]
parts = [float(x) for x in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
mb, text = int(sys.argv[2]) / 1e6, int(sys.argv[3]) / 1e6
print(f"{mb:.0f} MB in {secs:.2f} s wall: {mb / secs:.1f} MB/s of input, {text / secs:.1f} MB/s of article text ({text:.0f} MB); peak RSS {int(t['Maximum resident set size (kbytes)']) / 1024:.1f} MiB; user {t['User time (seconds)']} s")
PY
