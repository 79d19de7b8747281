#!/usr/bin/env bash
# Times `opscheck summary --by area` and `--by subject` against the floor and the tools a
# manager would use instead, on generated corpora of N reports, and checks they agree.
#
#   bench/summary.sh               # N = 10000 and 100000
#   bench/summary.sh 2000 10000    # other sizes
#   RUNS=10 WARMUP=2 bench/summary.sh 10000
#
# For each N:
#   1. builds opscheck (cargo build --release --locked) and the corpus generator, and makes
#      bench/corpus/N with bench/generate/src/main.rs (kept and reused while its count and the
#      generator's --fingerprint match, so a changed report format regenerates it);
#   2. runs each command once under /usr/bin/time for its peak memory (max RSS) and keeps
#      its JSON output in bench/corpus/out-N/;
#   3. checks with bench/compare_summary.py that opscheck, DuckDB (both readers) and pandas
#      give the same numbers per view; exits 1 if they do not;
#   4. times every command with hyperfine (WARMUP warm-up runs, then RUNS runs; defaults
#      1 and 5, or 0 and 3 above 20,000 reports) and prints the table, with each time's
#      ratio to opscheck's for the same view and to the `cat` floor, into bench/results-N.md.
# Commands timed: cat of all the files to /dev/null (the floor: find | xargs cat);
# `opscheck summary --by area|subject --format json DIR`; bench/duckdb_summary.py with
# read_json and with read_text + from_json; bench/pandas_summary.py. The page cache is warm
# (every timed run is prepared by reading all the files): this measures parsing and
# aggregation, not the disk. Expect about 2 minutes for 10,000 reports and 40 for 100,000
# (pandas and DuckDB take 1-2 minutes per run there).
# Python dependencies go into bench/.venv (bench/setup.sh, run first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

sizes=("$@")
((${#sizes[@]})) || sizes=(10000 100000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "summary.sh: N must be a positive number, got '$n'" >&2; exit 2; }
done

bench/setup.sh
PY=$ROOT/bench/.venv/bin/python
OPSCHECK=$ROOT/target/release/opscheck
GENERATE=$ROOT/target/release/generate

echo "== building opscheck and the corpus generator (release)"
cargo build --release --locked
cargo build --release --locked -p opscheck-generate

fingerprint=$("$GENERATE" --fingerprint)
have_summary=1
if ! "$OPSCHECK" summary --help >/dev/null 2>&1; then
  have_summary=0
  echo "summary.sh: WARNING: this opscheck has no 'summary' command yet; timing the others only" >&2
fi

# The numbers to compare (see bench/README.md). Each entry: NAME|VIEW|COMMAND.
commands_for() {
  local dir=$1
  local q
  q=$(printf '%q' "$dir")
  echo "cat|floor|find $q -name '*.json' -print0 | xargs -0 cat > /dev/null"
  for view in area subject; do
    if ((have_summary)); then
      echo "opscheck $view|$view|$(printf '%q' "$OPSCHECK") summary --by $view --format json $q"
    fi
    echo "duckdb read_json $view|$view|$(printf '%q' "$PY") bench/duckdb_summary.py --by $view --reader read_json $q"
    echo "duckdb read_text $view|$view|$(printf '%q' "$PY") bench/duckdb_summary.py --by $view --reader read_text $q"
    echo "pandas $view|$view|$(printf '%q' "$PY") bench/pandas_summary.py --by $view $q"
  done
}

status=0
for n in "${sizes[@]}"; do
  dir=bench/corpus/$n
  out=bench/corpus/out-$n
  echo
  echo "== $n reports"
  # Reused while its count and the generator's fingerprint (a hash of sample reports: it
  # changes with the report format or the generator) match.
  if [[ -f $dir/.complete ]] && grep -qx "count=$n" "$dir/.complete" &&
     grep -qx "fingerprint=$fingerprint" "$dir/.complete" &&
     [[ $(find "$dir" -name '*.json' | wc -l) -eq $n ]]; then
    echo "corpus: $dir (cached, fingerprint $fingerprint)"
  else
    rm -rf "$dir"
    "$GENERATE" --out "$dir" --count "$n"
  fi
  rm -rf "$out"
  mkdir -p "$out"

  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  mapfile -t entries < <(commands_for "$dir")
  names=() cmds=()
  echo "-- peak memory (one run each, /usr/bin/time -f %M)"
  for entry in "${entries[@]}"; do
    IFS='|' read -r name view cmd <<<"$entry"
    slug=${name// /-}
    names+=("$name")
    cmds+=("$cmd")
    if [[ $view == floor ]]; then
      /usr/bin/time -f %M -o "$out/$slug.rss" bash -c "$cmd"
    else
      /usr/bin/time -f %M -o "$out/$slug.rss" bash -c "$cmd" >"$out/$slug.json"
    fi
    tail -1 "$out/$slug.rss" | awk -v name="$name" '{ printf "  %-24s %8.1f MiB\n", name, $1 / 1024 }'
  done

  echo "-- do they agree?"
  for view in area subject; do
    files=()
    if ((have_summary)); then files+=("opscheck=$out/opscheck-$view.json"); fi
    files+=("duckdb_read_json=$out/duckdb-read_json-$view.json"
            "duckdb_read_text=$out/duckdb-read_text-$view.json"
            "pandas=$out/pandas-$view.json")
    if ! python3 bench/compare_summary.py "${files[@]}" | tee "$out/compare-$view.txt"; then
      status=1
    fi
  done

  runs=${RUNS:-$((n > 20000 ? 3 : 5))}
  # Every run is prepared with a cat of the corpus (below); above 20,000 reports a run of
  # the slow tools takes minutes, so no extra warm-up there.
  warmup=${WARMUP:-$((n > 20000 ? 0 : 1))}
  echo "-- timing (hyperfine, $warmup warm-up, $runs runs)"
  args=()
  for i in "${!names[@]}"; do
    args+=(-n "${names[$i]}" "${cmds[$i]}")
  done
  # --prepare reads every file before each run: DuckDB's read_json takes ~16 GB at 100,000
  # reports and pushes the corpus out of the page cache for whatever runs next.
  hyperfine --warmup "$warmup" --runs "$runs" --style basic --export-json "$out/hyperfine.json" \
    --prepare "find $(printf '%q' "$dir") -name '*.json' -print0 | xargs -0 cat > /dev/null" \
    "${args[@]}"

  python3 bench/results_table.py --count "$n" --corpus "$dir" --out-dir "$out" \
    --opscheck "$OPSCHECK" --have-summary "$have_summary" --load-start "$load_start" --warmup "$warmup" >"bench/results-$n.md"
  echo
  cat "bench/results-$n.md"
done

if ((status)); then
  echo "summary.sh: the tools do NOT agree (see MISMATCH above)" >&2
fi
exit "$status"
