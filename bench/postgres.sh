#!/usr/bin/env bash
# The team store benchmark: push throughput against the `psql \copy` floor, and
# `summary --db --by area|subject` against `summary` over the files and DuckDB over the
# files, on N generated reports (default 10000), in a throwaway PostgreSQL
# (scripts/with-postgres.sh). Writes bench/results-postgres-N.md.
#
#   bench/postgres.sh              # N = 10000
#   bench/postgres.sh 100000       # 6.4 GB of reports, a 13 GB store: needs ~40 GB free
#   RUNS=5 SLOW_RUNS=1 bench/postgres.sh 10000
#   ASVS=/path/to/asvs-5.0.0-en.json bench/postgres.sh   # default ../shared/external/asvs/
#
# Push: one timed `opscheck push` into an empty store (verification, binary COPY, the
# sections/answers/findings rows built by `opscheck.ingest`, the sums per day kept by
# triggers), its peak memory by GNU time. The floor: the same rows (reports with jsonb
# and bytes, sections, answers, findings), copied out of the store in binary, loaded into
# an empty table of the same shape (same indices) by `psql \copy ... (FORMAT binary)`, one
# table at a time (each dump and copy deleted before the next, to bound the disk); the
# floor is the sum of the four loads. Summary: hyperfine on a warm cache, RUNS runs of
# `summary --db` (default 10) and SLOW_RUNS of the files and DuckDB (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
n=${1:-10000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "postgres.sh: N must be a positive number" >&2; exit 2; }
RUNS=${RUNS:-10}
SLOW_RUNS=${SLOW_RUNS:-3}

if [ -z "${OPSCHECK_TEST_DATABASE_URL:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

OPSCHECK=$ROOT/target/release/opscheck
GENERATE=$ROOT/target/release/generate
cargo build --release --locked -p opscheck -p opscheck-generate
corpus=$ROOT/bench/corpus/$n
out=$ROOT/bench/corpus/out-postgres-$n
mkdir -p "$out"
# The ASVS checklist makes a fifth of the reports (as in summary.sh); without it the
# generator uses the ops checklist for those subjects and says so.
asvs=${ASVS:-$ROOT/../shared/external/asvs/asvs-5.0.0-en.json}
if [ ! -f "$corpus/.complete" ]; then
  rm -rf "$corpus"
  if [ -f "$asvs" ]; then
    "$GENERATE" --out "$corpus" --count "$n" --asvs "$asvs"
  else
    "$GENERATE" --out "$corpus" --count "$n"
  fi
fi
size=$(du -sb "$corpus" | cut -f1)
url=$OPSCHECK_TEST_DATABASE_URL

"$OPSCHECK" db migrate --db "$url" >/dev/null
load_before=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s.%N)
/usr/bin/time -f %M -o "$out/push.rss" \
  "$OPSCHECK" push "$corpus" --db "$url" --batch 1000 > "$out/push.txt"
end=$(date +%s.%N)
push_s=$(echo "$end - $start" | bc -l)
push_rss=$(tail -1 "$out/push.rss")
cat "$out/push.txt"
store_bytes=$(psql -qAt -c "SELECT pg_database_size(current_database())")

# Reads: the same view over the store, over the files, and DuckDB over the files.
have_duckdb=0
if bench/setup.sh >/dev/null 2>&1 && [ -x bench/.venv/bin/python ]; then
  have_duckdb=1
fi
for view in area subject; do
  "$OPSCHECK" summary --db "$url" --by $view --format json > "$out/db-$view.json"
  "$OPSCHECK" summary "$corpus" --by $view --format json > "$out/files-$view.json"
  cmp "$out/db-$view.json" "$out/files-$view.json" \
    || { echo "postgres.sh: summary --by $view differs over --db" >&2; exit 1; }
done
fast=() slow=()
for view in area subject; do
  fast+=(-n "db-$view" "$OPSCHECK summary --db '$url' --by $view --format json")
  slow+=(-n "files-$view" "$OPSCHECK summary '$corpus' --by $view --format json")
  if ((have_duckdb)); then
    slow+=(-n "duckdb-$view" "bench/.venv/bin/python bench/duckdb_summary.py --by $view --reader read_text '$corpus'")
  fi
done
hyperfine --warmup 2 --runs "$RUNS" --export-json "$out/hyperfine-db.json" "${fast[@]}" >/dev/null
hyperfine --warmup 1 --runs "$SLOW_RUNS" --export-json "$out/hyperfine-files.json" "${slow[@]}" >/dev/null

# The floor, one table at a time.
copy_s=0
psql -qAt -c "DROP SCHEMA IF EXISTS floor CASCADE; CREATE SCHEMA floor"
for t in reports sections answers findings; do
  psql -qAt -c "\\copy opscheck.$t TO '$out/$t.bin' WITH (FORMAT binary)"
  psql -qAt -c "CREATE TABLE floor.$t (LIKE opscheck.$t INCLUDING ALL)"
  start=$(date +%s.%N)
  psql -qAt -c "\\copy floor.$t FROM '$out/$t.bin' WITH (FORMAT binary)"
  end=$(date +%s.%N)
  copy_s=$(echo "$copy_s + $end - $start" | bc -l)
  psql -qAt -c "DROP TABLE floor.$t"
  rm -f "$out/$t.bin"
done
psql -qAt -c "DROP SCHEMA floor CASCADE"
load_after=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$out" "$n" "$size" "$push_s" "$copy_s" "$(grep -o 'pushed [0-9]*' "$out/push.txt")" \
  "$push_rss" "$store_bytes" "$load_before" "$load_after" "$(nproc)" > "bench/results-postgres-$n.md" <<'PY'
import json, sys
out, n, size, push_s, copy_s, pushed, rss, store, load_before, load_after, cores = sys.argv[1:]
n, size, push_s, copy_s = int(n), int(size), float(push_s), float(copy_s)
runs = {}
for name in ("hyperfine-db.json", "hyperfine-files.json"):
    runs.update({r["command"]: r for r in json.load(open(f"{out}/{name}"))["results"]})
print(f"# Team store (PostgreSQL 15) on {n:,} generated reports ({size / 1e9:.2f} GB)\n")
print(f"{cores} cores; load average {load_before} before the push, {load_after} after the floor; "
      f"the store takes {int(store) / 1e9:.1f} GB.\n")
print("| what | time | reports/s | vs floor | peak memory |")
print("|---|---:|---:|---:|---:|")
print(f"| `opscheck push` ({pushed}) | {push_s:.1f} s | {n / push_s:,.0f} | {push_s / copy_s:.2f}× | {int(rss) / 1024:.0f} MiB |")
print(f"| floor: `psql \\copy` of the same rows (binary) | {copy_s:.1f} s | {n / copy_s:,.0f} | 1× | |")
print()
print("| view | `summary --db` | `summary` over files | DuckDB over files | files / db |")
print("|---|---:|---:|---:|---:|")
for view in ("area", "subject"):
    db = runs[f"db-{view}"]
    files = runs[f"files-{view}"]
    duck = runs.get(f"duckdb-{view}")
    duck_text = f"{duck['mean']:.3f} s" if duck else "—"
    print(f"| `--by {view}` | {db['mean']:.3f} s ± {db['stddev'] or 0:.3f} | {files['mean']:.3f} s | {duck_text} | {files['mean'] / db['mean']:.0f}× |")
PY
cat "bench/results-postgres-$n.md"
