#!/usr/bin/env bash
# Checks the README's DuckDB example over `opscheck export` against opscheck's own figures
# (bench/export_duckdb.py), on a generated corpus of N reports (default 2000).
#
#   bench/export_duckdb.sh          # N = 2000
#   bench/export_duckdb.sh 10000
#
# Builds opscheck and the corpus generator (release), makes bench/corpus/export-N with
# examples/generate.rs (reused while its count and fingerprint match), then runs the
# check; exits 1 when a figure differs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
n=${1:-2000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "export_duckdb.sh: N must be a positive number, got '$n'" >&2; exit 2; }

bench/setup.sh
cargo build --release --locked
cargo build --release --locked --example generate
GENERATE=$ROOT/target/release/examples/generate
fingerprint=$("$GENERATE" --fingerprint)
dir=bench/corpus/export-$n
if [[ -f $dir/.complete ]] && grep -qx "count=$n" "$dir/.complete" &&
   grep -qx "fingerprint=$fingerprint" "$dir/.complete"; then
  echo "corpus: $dir (cached, fingerprint $fingerprint)"
else
  rm -rf "$dir"
  "$GENERATE" --out "$dir" --count "$n"
fi
# The generated templates live beside the reports; export reads reports only.
time bench/.venv/bin/python bench/export_duckdb.py "$ROOT/target/release/opscheck" "$dir"
