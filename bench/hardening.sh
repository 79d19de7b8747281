#!/usr/bin/env bash
# The attacks of issue 12 at full size, each against the release binary: wall time, peak
# memory (GNU time's "Maximum resident set size"), exit code, and what came out.
# `tests/it/hardening.rs` and `tests/it/hardening_stores.rs` check the same behaviour at a
# size that runs in seconds.
#
#   bench/hardening.sh            # writes bench/results-hardening.md
#
# Needs GNU time (/usr/bin/time), python3, mkfifo and about 2 GB of disk. Data goes
# to bench/corpus/hardening/ (ignored by git). Every command is bounded by `timeout`
# (120 s): a hang shows as "timeout" in the table instead of stopping the script.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
cargo build --release --locked --quiet
BIN="$ROOT/target/release/opscheck"
MINI="$ROOT/tests/fixtures/mini.toml"
WORK="$ROOT/bench/corpus/hardening"
OUT="$ROOT/bench/results-hardening.md"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"

python3 - <<'EOF'
head = 'format = 1\nid = "big"\ntitle = "Big"\nversion = "1"\nlanguage = "en"\n'
sec = '[[sections]]\nid = "s"\ntitle = "S"\n[[sections.items]]\nid = "i"\ntext = "Q?"\nkind = "yes_no"\n'
with open("keys.toml", "w") as f:  # ~31 MiB: 3 million unknown keys
    f.write(head)
    f.writelines(f"k{i:x} =1\n" for i in range(3_000_000))
    f.write(sec)
with open("array.toml", "w") as f:  # ~31 MB: one array of 15.5 million elements
    f.write(head + "x = [" + "1," * 15_500_000 + "]\n" + sec)
def template(name, items, per_section=1000):
    with open(name, "w") as f:
        f.write(head.replace('"big"', f'"{name[:-5]}"'))
        for s in range(items // per_section):
            f.write(f'[[sections]]\nid = "s{s}"\ntitle = "Section {s}"\n')
            for i in range(per_section):
                f.write(f'[[sections.items]]\nid = "i{s}-{i}"\ntext = "Is item {i} of section {s} in order?"\nkind = "yes_no"\n')
template("max.toml", 100_000)     # the largest template allowed
template("over.toml", 140_000)    # the 140k-item template of the issue
template("wide.toml", 3_000, 3_000)
EOF

# measure NAME DISPLAY CMD...: runs CMD (stdin as given to measure) under GNU time;
# sets CODE, SECS, MEM and leaves stdout in $O, stderr in $E.
measure() {
  NAME=$1 DISPLAY=$2; shift 2
  local slug=${NAME//[^A-Za-z0-9]/_}
  O="$WORK/$slug.out" E="$WORK/$slug.err"
  local log="$WORK/$slug.time"
  set +e
  /usr/bin/time -v -o "$log" timeout "${LIMIT:-120}" "$@" >"$O" 2>"$E"
  CODE=$?
  set -e
  SECS=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$log")
  SECS=$(python3 -c 'import sys; p=sys.argv[1].split(":"); print(f"{float(p[-1]) + 60*float(p[-2]) if len(p) > 1 else float(p[0]):.2f} s")' "$SECS")
  MEM=$(awk '/Maximum resident set size/ {printf "%.0f MB", $NF/1024}' "$log")
  [ "$CODE" = 124 ] && SECS="timeout (${LIMIT:-120} s)"
  return 0
}
# record OUTCOME: one table row for the last measure.
record() {
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$NAME" "$DISPLAY" "$SECS" "$MEM" "$CODE" "$1" >>"$OUT.tmp"
}
size() { stat -c %s "$1"; }
mb() { python3 -c 'import sys; print(f"{int(sys.argv[1]) / 1e6:.1f} MB")' "$1"; }
first_error() { grep -a -o -E '(error|warning): .*' "$E" | head -1 | cut -c1-150 | sed 's/|/\\|/g'; }
count_raw() { # raw C1 / bidi / zero-width / ESC characters in a file
  python3 -c 'import sys; t=open(sys.argv[1], encoding="utf-8", errors="replace").read(); print(sum(t.count(c) for c in "\u001b\u009b\u009c\u009d\u202e\u2066\u2069\u200b\ufeff"))' "$1"
}

: >"$OUT.tmp"
mkdir -p reports
"$BIN" run -t "$MINI" -s "Store 1" -i QA --date 2026-11-29 -o reports <<<$'y\ny\ny\ny\n1\nfine' >/dev/null 2>&1
REPORT=$(ls reports/*.json | head -1)

# 1. Special files named as reports.
mkfifo fifo.json
for cmd in summary export verify report; do
  measure "FIFO as a report ($cmd)" "$cmd fifo.json" "$BIN" $cmd fifo.json
  record "$(first_error)"
done
measure "/dev/zero as a report" "summary /dev/zero" "$BIN" summary /dev/zero
record "$(first_error)"
measure "/dev/zero as a report" "export /dev/zero" "$BIN" export /dev/zero
record "$(first_error)"
measure "/proc/self walked" "summary /proc/self" "$BIN" summary /proc/self
record "$(first_error)"

# 2. Symlinks: a cycle inside the reports directory, and an alias of it.
ln -s "$WORK/reports" reports/cycle
ln -s "$WORK/reports" alias
count() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["count"])' "$O"; }
measure "symlink cycle" "summary --format json reports" "$BIN" summary --format json reports
record "counted $(count) report(s) (1 on disk)"
measure "symlink cycle, followed" "summary --format json --follow reports alias" "$BIN" summary --format json --follow reports alias
record "counted $(count) report(s) (1 on disk)"
measure "symlink cycle, followed" "export --follow reports alias" "$BIN" export --follow reports alias
record "$(wc -l <"$O") rows (6 answers on disk)"

# 3. Sizes: the writer against the readers.
# The largest template allowed, answered from an answers file (one sync for them all).
python3 -c '
with open("max-answers.toml", "w") as f:
    f.write("[answers]\n")
    f.writelines(f"i{s}-{i} = \"y\"\n" for s in range(100) for i in range(1000))'
LIMIT=900 measure "largest template (100,000 items)" "run -t max.toml --answers (100,000)" "$BIN" run -t max.toml -s Max -i QA --date 2026-11-29 -o maxout --answers max-answers.toml </dev/null
MAXJSON=$(ls maxout/*.json | head -1)
record "report $(mb "$(size "$MAXJSON")") (limit 256 MiB)"
measure "100,000-item report read" "verify -t max.toml REPORT" "$BIN" verify -t max.toml "$MAXJSON"
record "$(head -c 60 "$O")"
measure "100,000-item report read" "summary REPORT" "$BIN" summary --format json "$MAXJSON"
record "counted $(count) report(s)"
measure "100,000-item report read" "export REPORT" "$BIN" export "$MAXJSON"
record "$(wc -l <"$O") rows, streamed"
measure "100,000-item report read" "report REPORT --format md" "$BIN" report "$MAXJSON" --format md
record "$(mb "$(size "$O")") of Markdown"
# Line mode pays one sync per answer (durability) and a walk of the items per prompt.
python3 - <<'PY'
head = 'format = 1\nid = "t10k"\ntitle = "T"\nversion = "1"\nlanguage = "en"\n'
with open("t10k.toml", "w") as f:
    f.write(head)
    for s in range(10):
        f.write(f'[[sections]]\nid = "s{s}"\ntitle = "Section {s}"\n')
        for i in range(1000):
            f.write(f'[[sections.items]]\nid = "i{s}-{i}"\ntext = "Is item {i} of section {s} in order?"\nkind = "yes_no"\n')
with open("t10k.in", "w") as f:
    f.write("y\n" * 10000)
PY
LIMIT=600 measure "10,000 items in line mode" "run -t t10k.toml -q < 10,000 lines" "$BIN" run -q -t t10k.toml -s T -i QA --date 2026-11-29 -o t10kout <t10k.in
record "report $(mb "$(size "$(ls t10kout/*.json | head -1)")")"
yes y | head -n 140000 >over.in || true
measure "140,000-item template" "validate over.toml" "$BIN" validate over.toml
record "$(first_error)"
measure "140,000-item template" "run -t over.toml" "$BIN" run -t over.toml -s Over -i QA --date 2026-11-29 -o overout <over.in
record "no report, no draft: $(ls overout 2>/dev/null | wc -l) files; $(first_error)"
truncate -s $(( (256 << 20) + 1 )) reports/huge.json
measure "report of 256 MiB + 1 byte" "report huge.json" "$BIN" report reports/huge.json
record "$(first_error)"
measure "report of 256 MiB + 1 byte" "verify huge.json" "$BIN" verify reports/huge.json
record "$(first_error)"
measure "report of 256 MiB + 1 byte" "summary reports" "$BIN" summary reports
record "skipped: $(grep -c 'larger than the limit' "$E") warning; the other report counted"
measure "report of 256 MiB + 1 byte" "export reports" "$BIN" export reports
record "skipped: $(grep -c 'larger than the limit' "$E") warning; $(wc -l <"$O") rows"
rm reports/huge.json
# Line mode: 3,000 notes of 100 kB each, 300 MB typed into one inspection.
python3 -c '
import sys
note = "long note " * 10_000
with open("notes.in", "w") as f:
    for _ in range(3000):
        f.write(f"n # {note}\n")'
measure "300 MB of notes typed" "run -t wide.toml < 3,000 notes of 100 kB" "$BIN" run -t wide.toml -s Notes -i QA --date 2026-11-29 -o notesout <notes.in
record "$(first_error); draft $(mb "$(du -cb notesout/.drafts/*.jsonl 2>/dev/null | tail -1 | cut -f1)")"

# 4. Outputs stay proportional.
{ printf 'n # %s\n' "$(python3 -c 'print("long note " * 10000)')"; yes y | head -n 2999 || true; } >wide.in
measure "one 100 kB note, 3,000 items" "run -t wide.toml -f md" "$BIN" run -t wide.toml -s Wide -i QA --date 2026-11-29 -o wideout --format md <wide.in
WJSON=$(ls wideout/*.json | head -1)
record "json $(mb "$(size "$WJSON")"), md $(mb "$(size "${WJSON%.json}.md")")"
measure "31 MB of unknown keys" "validate keys.toml" "$BIN" validate keys.toml
record "$(mb "$(( $(size "$O") + $(size "$E") ))") of output; $(first_error)"
measure "31 MB array" "validate array.toml" "$BIN" validate array.toml
record "$(mb "$(( $(size "$O") + $(size "$E") ))") of output; $(first_error)"

# 5. Many bad files.
mkdir -p junk
python3 -c '
for i in range(10000):
    open(f"junk/{i:05}.json", "w").write("{ not json")'
cp "$REPORT" junk/
measure "10,000 junk files" "summary junk" "$BIN" summary junk
record "$(grep -c '^warning: skipped' "$E") warning lines, then: $(tail -1 "$E")"
measure "10,000 junk files" "export junk" "$BIN" export junk
record "$(grep -c '^warning: skipped' "$E") warning lines, $(wc -l <"$O") rows"

# 6. export memory over a large corpus: 300 copies of the 3,000-item report.
mkdir -p corpus
for i in $(seq 1 300); do cp "$WJSON" "corpus/r$i.json"; done
measure "export, large corpus" "export corpus (300 × 3,000 answers, $(mb "$(du -cb corpus | tail -1 | cut -f1)"))" "$BIN" export corpus
record "$(wc -l <"$O") rows, $(mb "$(size "$O")") of CSV"

# 7. Hidden characters from template text.
python3 - "$MINI" <<'EOF'
import sys
t = open(sys.argv[1]).read().replace("Are the fire exits clear?", "Are the \\u009b31mfire\\u009d0;x\\u009c exits\\u202e clear\\u2066?\\u2069\\u200b\\ufeff\\u001b[2J")
open("c1.toml", "w").write(t)
EOF
measure "C1/bidi in template text" "show c1.toml --format json" "$BIN" show c1.toml --format json
record "$(count_raw "$O") raw hidden characters"
"$BIN" run -t c1.toml -s "C1" -i QA --date 2026-11-29 -o c1out --format html <<<$'y\ny\ny\ny\n1\nfine' >/dev/null 2>&1
C1JSON=$(ls c1out/*.json | head -1)
measure "C1/bidi in template text" "report REPORT --format json" "$BIN" report "$C1JSON" --format json
record "$(count_raw "$O") raw hidden characters"
record_html() { NAME="C1/bidi in template text" DISPLAY="run --format html (the .html file)" SECS="–" MEM="–" CODE=0; record "$(count_raw "${C1JSON%.json}.html") raw hidden characters in the file"; }
record_html

# 8. Files opscheck keeps: drafts, evidence, signatures.
mkdir -p kept/.drafts && mkfifo kept/.drafts/fifo.jsonl && ln -s "$WORK/keys.toml" kept/.drafts/link.jsonl
measure "FIFO and symlink in .drafts" "drafts --out kept" "$BIN" drafts --out kept
record "$(grep -c 'not a draft that opscheck wrote' "$O") listed as not drafts"
measure "FIFO and symlink in .drafts" "run -o kept" "$BIN" run -t "$MINI" -s "Store 1" -i QA --date 2026-11-29 -o kept <<<$'y\ny\ny\ny\n1\nfine'
record "report written: $(ls kept/*.json 2>/dev/null | wc -l)"
truncate -s $(( (256 << 20) + 1 )) kept/.drafts/huge.jsonl
measure "draft of 256 MiB + 1 byte" "drafts --out kept" "$BIN" drafts --out kept
record "$(grep -c 'larger than the limit of 256 MiB' "$O") listed as too large, unread"
rm kept/.drafts/huge.jsonl
measure "endless line on stdin" "run < /dev/zero" "$BIN" run -t "$MINI" -s "Zero" -i QA --date 2026-11-29 -o zeroout </dev/zero
record "$(grep -o 'a line of input is longer than 1 MiB[^,]*' "$E" | head -1); drafts kept: $(ls zeroout/.drafts | wc -l)"
mkfifo ev.jpg
printf '[answers]\nexits = { answer = "y", evidence = ["ev.jpg"] }\n' >ev.toml
measure "FIFO as evidence" "run --answers ev.toml" "$BIN" run -t "$MINI" -s "Store 1" -i QA --date 2026-11-29 -o evout --answers ev.toml </dev/null
record "$(grep -a -o '`ev.jpg` is a FIFO[^;]*' "$E" | head -1)"
python3 -c '
import os
for i in range(6):
    with open(f"big{i}.bin", "wb") as f:
        f.write(bytes([i]) * (17 << 20))'
printf '[answers]\nexits = { answer = "y", evidence = ["big0.bin", "big1.bin", "big2.bin", "big3.bin", "big4.bin", "big5.bin"] }\n' >big.toml
measure "evidence over the report limit" "run --answers (6 × 17 MiB)" "$BIN" run -t "$MINI" -s "Store 1" -i QA --date 2026-11-29 -o bigout --answers big.toml </dev/null
record "$(grep -a -o '`[^`]*` would take this report[^,]*' "$E" | head -1); stored: $(ls bigout/evidence 2>/dev/null | wc -l)"
mkfifo "$REPORT.sig"
printf '# nobody\n' >signers
measure "FIFO as a signature" "verify REPORT --allowed-signers signers" "$BIN" verify "$REPORT" --allowed-signers signers
record "$(grep -a -o '`[^`]*.sig` is a FIFO[^;]*' "$O" | head -1)"
rm "$REPORT.sig"

{
  echo "# Hardening attacks (issue 12)"
  echo
  echo "\`bench/hardening.sh\` on $(date -u +%Y-%m-%d), release binary, $(nproc) cores shared with other builds"
  echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)). Time is wall time; peak RSS is GNU time's"
  echo "\"Maximum resident set size\"; every command is bounded by a timeout (120 s; 900 s and 600 s for the two large runs)."
  echo
  echo "| attack | command | time | peak RSS | exit | outcome |"
  echo "|---|---|---|---|---|---|"
  cat "$OUT.tmp"
} >"$OUT"
rm "$OUT.tmp"
cat "$OUT"
