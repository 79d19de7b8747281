#!/usr/bin/env bash
# Peak memory of `opscheck export --format xlsx` over a generated corpus of N reports
# (default 10000: about 1.1 million answers), the whole process measured with GNU time.
# Target: under 200 MB for a million answers (the workbook is streamed: constant-memory
# sheets write each row to a temp file). For comparison, the same export as JSON Lines
# and CSV. Writes bench/results-export-xlsx.md.
#
#   bench/export_xlsx.sh           # N = 10000
#   bench/export_xlsx.sh 20000
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
n=${1:-10000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "export_xlsx.sh: N must be a positive number, got '$n'" >&2; exit 2; }
if [[ ! -x /usr/bin/time ]]; then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq time >/dev/null
fi
OPSCHECK=$ROOT/target/release/opscheck
GENERATE=$ROOT/target/release/generate

echo "== building opscheck and the corpus generator (release)"
cargo build --release --locked
cargo build --release --locked -p opscheck-generate
fingerprint=$("$GENERATE" --fingerprint)
dir=bench/corpus/$n
if [[ -f $dir/.complete ]] && grep -qx "count=$n" "$dir/.complete" &&
   grep -qx "fingerprint=$fingerprint" "$dir/.complete"; then
  echo "corpus: $dir (cached, fingerprint $fingerprint)"
else
  rm -rf "$dir"
  "$GENERATE" --out "$dir" --count "$n"
fi
out=bench/corpus/out-export-$n
rm -rf "$out"
mkdir -p "$out"

# GNU time's -v report: peak RSS (KiB) and wall clock.
measure() {
  local name=$1
  shift
  /usr/bin/time -v -o "$out/$name.time" "$@"
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/$name.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$out/$name.time")
  printf '%s|%s|%s\n' "$name" "$rss" "$wall" >>"$out/rows"
  printf '  %-6s %8.1f MiB  %s\n' "$name" "$(echo "$rss / 1024" | bc -l)" "$wall"
}

echo "-- peak memory and time (one run each, /usr/bin/time -v)"
measure jsonl "$OPSCHECK" export "$dir" --format jsonl -o "$out/answers.jsonl"
measure csv "$OPSCHECK" export "$dir" --format csv -o "$out/answers.csv"
measure xlsx "$OPSCHECK" export "$dir" --format xlsx -o "$out/answers.xlsx"
answers=$(wc -l <"$out/answers.jsonl")
size() { stat -c %s "$1" | awk '{ printf "%.1f MiB", $1 / 1048576 }'; }
echo "answers: $answers; xlsx $(size "$out/answers.xlsx"), csv $(size "$out/answers.csv"), jsonl $(size "$out/answers.jsonl")"

{
  echo "# export --format xlsx: peak memory"
  echo
  echo "$n generated reports (\`bench/generate\`, fingerprint $fingerprint), $answers answers;"
  echo "one run each under \`/usr/bin/time -v\` on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg);"
  echo "$(date -u +%Y-%m-%d), $("$OPSCHECK" --version | head -1)."
  echo
  echo "| format | peak RSS | wall clock | output |"
  echo "|---|---:|---:|---:|"
  while IFS='|' read -r name rss wall; do
    file=$out/answers.$name
    printf '| %s | %.1f MiB | %s | %s |\n' "$name" "$(echo "$rss / 1024" | bc -l)" "$wall" "$(size "$file")"
  done <"$out/rows"
  echo
  echo "Target: a million answers as xlsx in under 200 MB (issue 15)."
} >bench/results-export-xlsx.md
cat bench/results-export-xlsx.md
xlsx_kib=$(awk -F'|' '$1 == "xlsx" { print $2 }' "$out/rows")
if ((xlsx_kib > 200 * 1024)); then
  echo "export_xlsx.sh: peak RSS ${xlsx_kib} KiB is over the 200 MB target" >&2
  exit 1
fi
