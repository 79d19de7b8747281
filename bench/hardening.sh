#!/usr/bin/env bash
# The attacks of issue 12 at full size: for each, the time, the peak memory
# (GNU time's "Maximum resident set size") and the exit code of the release binary.
# `tests/it/hardening.rs` checks the same behaviour at a size that runs in seconds.
#
#   bench/hardening.sh            # writes bench/results-hardening.md
#
# Needs GNU time (/usr/bin/time) and python3. Data goes to bench/corpus/hardening/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
BIN="$PWD/target/release/opscheck"
WORK="$PWD/bench/corpus/hardening"
OUT="$PWD/bench/results-hardening.md"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"

python3 - <<'EOF'
head = 'format = 1\nid = "big"\ntitle = "Big"\nversion = "1"\nlanguage = "en"\n'
sec = '[[sections]]\nid = "s"\ntitle = "S"\n[[sections.items]]\nid = "i"\ntext = "Q?"\nkind = "yes_no"\n'
with open("keys.toml", "w") as f:  # ~31 MB of unknown keys
    f.write(head)
    f.writelines(f"k{i} = 1\n" for i in range(2_450_000))
    f.write(sec)
with open("array.toml", "w") as f:  # ~31 MB array
    f.write(head + "x = [" + "1," * 15_500_000 + "]\n" + sec)
def template(name, items, per_section=1000):
    with open(name, "w") as f:
        f.write(head.replace('"big"', f'"{name[:-5]}"'))
        for s in range(items // per_section):
            f.write(f'[[sections]]\nid = "s{s}"\ntitle = "Section {s}"\n')
            for i in range(per_section):
                f.write(f'[[sections.items]]\nid = "i{s}-{i}"\ntext = "Is item {i} of section {s} in order?"\nkind = "yes_no"\n')
template("max.toml", 100_000)     # the largest template allowed
template("over.toml", 101_000)    # one section too many
template("wide.toml", 3_000, 3_000)
EOF

row() { # name, expected, command...
  local name=$1 expected=$2; shift 2
  local log="$WORK/$name.time"
  set +e
  timeout 120 /usr/bin/time -v "$@" >"$WORK/$name.out" 2>"$log"
  local code=$?
  set -e
  local secs mem
  secs=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  mem=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
  [ "$code" = 124 ] && secs="timeout (120 s)"
  printf '| %s | %s | %s | %s MB | %s |\n' "$name" "$expected" "$secs" "${mem:-?}" "$code" >>"$OUT.tmp"
}

: >"$OUT.tmp"
mkdir -p reports
mkfifo fifo.json
row "summary fifo.json" "exit 2, no hang" "$BIN" summary fifo.json
row "export fifo.json" "exit 2, no hang" "$BIN" export fifo.json
row "summary /dev/zero" "exit 2, no read" "$BIN" summary /dev/zero
row "summary /proc/self" "exit 2, not walked" "$BIN" summary /proc/self

# One real report, then a symlink cycle and an alias around it.
"$BIN" run -t "$OLDPWD/tests/fixtures/mini.toml" -s "Store 1" -i QA --date 2026-11-29 -o reports <<<$'y\ny\ny\ny\n1\nfine' >/dev/null 2>&1
ln -s "$WORK/reports" reports/cycle
ln -s "$WORK/reports" alias
row "summary cycle (no --follow)" "1 report" "$BIN" summary --format json reports
echo "  count: $(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["totals"]["count"])' "$WORK/summary cycle (no --follow).out")" >>"$WORK/notes.txt"
row "summary --follow cycle+alias" "1 report" "$BIN" summary --format json --follow reports alias
echo "  follow count: $(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["totals"]["count"])' "$WORK/summary --follow cycle+alias.out")" >>"$WORK/notes.txt"
row "export --follow cycle+alias" "6 rows" "$BIN" export --follow reports alias
echo "  export rows: $(wc -l <"$WORK/export --follow cycle+alias.out")" >>"$WORK/notes.txt"

# The largest template: its report, and every reader on it.
yes y | head -n 100000 >max.in
row "run 100,000 items" "exit 0, report under 256 MiB" bash -c '"$0" run -t max.toml -s Max -i QA --date 2026-11-29 -o maxout <max.in' "$BIN"
MAXJSON=$(ls maxout/*.json | head -1)
echo "  100,000-item report: $(stat -c %s "$MAXJSON") bytes" >>"$WORK/notes.txt"
row "verify 100,000-item report" "exit 0" "$BIN" verify -t max.toml "$MAXJSON"
row "summary 100,000-item report" "exit 0" "$BIN" summary "$MAXJSON"
row "export 100,000-item report" "exit 0, streamed" "$BIN" export "$MAXJSON"
row "validate 101,000 items" "exit 1, item limit" "$BIN" validate over.toml
truncate -s $(( (256 << 20) + 1 )) reports/huge.json
row "export 256 MiB + 1 report" "skipped, limit named" "$BIN" export reports/huge.json
row "report 256 MiB + 1 report" "exit 2, limit named" "$BIN" report reports/huge.json
rm reports/huge.json

# Hidden characters and strict verify.
python3 - "$OLDPWD/tests/fixtures/mini.toml" <<'EOF'
import sys
t = open(sys.argv[1]).read().replace("Are the fire exits clear?", "Are the \\u009b31mfire\\u009d0;x\\u009c exits\\u202e clear?")
open("c1.toml", "w").write(t)
EOF
row "show --format json (C1, bidi)" "no raw C1" "$BIN" show c1.toml --format json
echo "  raw C1/bidi bytes in show json: $(python3 -c 'import sys;t=open(sys.argv[1],encoding="utf-8").read();print(sum(t.count(c) for c in "\u009b\u009c\u009d\u202e"))' "$WORK/show --format json (C1, bidi).out")" >>"$WORK/notes.txt"
REPORT=$(ls reports/*.json | head -1)
python3 - "$REPORT" <<'EOF'
import sys
t = open(sys.argv[1]).read()
open("approved.json", "w").write(t.replace("{\n", '{\n  "approved_by": "CEO",\n', 1))
EOF
row "verify approved_by" "INVALID, exit 1" "$BIN" verify -t "$OLDPWD/tests/fixtures/mini.toml" approved.json

# Outputs stay proportional.
{ printf 'n # %s\n' "$(python3 -c 'print("long note " * 10000)')"; yes y | head -n 2999; } >wide.in
row "run 3,000 items, 100 kB note" "md ≈ json" bash -c '"$0" run -t wide.toml -s Wide -i QA --date 2026-11-29 -o wideout <wide.in' "$BIN"
WJSON=$(ls wideout/*.json | head -1)
echo "  3,000 items + 100 kB note: json $(stat -c %s "$WJSON") bytes, md $(stat -c %s "${WJSON%.json}.md") bytes" >>"$WORK/notes.txt"
row "validate 31 MB of unknown keys" "exit 1, < 5 s, < 500 MB" "$BIN" validate keys.toml
echo "  validate keys: $(wc -c <"$WORK/validate 31 MB of unknown keys.time") bytes of diagnostics (with time -v)" >>"$WORK/notes.txt"
row "validate 31 MB array" "exit 1, bounded" "$BIN" validate array.toml

# Many bad files.
mkdir -p junk
python3 -c '
for i in range(10000):
    open(f"junk/{i:05}.json", "w").write("{ not json")'
row "summary 10,000 junk files" "20 warnings + count" "$BIN" summary junk
echo "  warning lines: $(grep -c warning "$WORK/summary 10,000 junk files.time")" >>"$WORK/notes.txt"

{
  echo "# Hardening attacks (issue 12)"
  echo
  echo "Release binary, $(date -u +%Y-%m-%d), $(nproc) cores shared. Wall time and peak RSS from GNU time."
  echo
  echo "| attack | expected | time | peak memory | exit |"
  echo "|---|---|---|---|---|"
  cat "$OUT.tmp"
  echo
  echo "Notes:"
  echo
  cat "$WORK/notes.txt"
} >"$OUT"
rm "$OUT.tmp"
cat "$OUT"
