#!/usr/bin/env bash
# Fuzzes opscheck's readers with cargo-fuzz (libFuzzer + AddressSanitizer), each target
# for a bounded time, and prints the executions and crashes of each.
#
#   bench/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target, default 60;
#                                           targets: template answers_file journal report
#
# Works on the stable toolchain: cargo-fuzz needs nightly-only flags (-Z sanitizer,
# sancov passes), which RUSTC_BOOTSTRAP=1 unlocks on stable. The targets live in fuzz/,
# a workspace of its own that the top-level `cargo build`/`cargo test` never see; what
# each target checks is in fuzz/src/oracles.rs.
#
# Seeds: checklists/, tests/fixtures, tests/cmd/*.in, ../shared/external/toml-test
# (when present), and a journal and reports made by the opscheck binary itself.
# Every crashing (or hanging) input is copied to tests/fixtures/fuzz-regressions/TARGET/,
# where tests/it/fuzz_regressions.rs replays it in the normal test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    TARGETS=(template answers_file journal report)
fi
# A hang is a bug too: an input that takes longer than this is saved as a timeout.
TIMEOUT=${FUZZ_TIMEOUT:-10}
# After a crash libFuzzer stops; start again (on the same corpus) at most this often.
MAX_RESTARTS=${FUZZ_MAX_RESTARTS:-5}

export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

# Codegen units: the fuzz build takes minutes on 2 cores otherwise.
BUILD_FLAGS=(--codegen-units 16)
echo "building the fuzz targets (release, debug assertions, AddressSanitizer)" >&2
(cd fuzz && cargo fuzz build "${BUILD_FLAGS[@]}" >&2)

# ---- seed corpora -------------------------------------------------------------------
seed() { # seed TARGET FILE...
    local dir="fuzz/corpus/$1"
    shift
    mkdir -p "$dir"
    local file
    for file in "$@"; do
        [ -f "$file" ] || continue
        # Content-addressed, like libFuzzer's own corpus entries.
        cp "$file" "$dir/seed-$(sha1sum "$file" | cut -c1-16)"
    done
}

shopt -s nullglob globstar
TOML_TEST=../shared/external/toml-test/tests
seed template checklists/*.toml tests/fixtures/**/*.toml tests/cmd/*.in/**/*.toml
seed answers_file tests/fixtures/**/*answers*.toml
if [ -d "$TOML_TEST" ]; then
    seed template "$TOML_TEST"/invalid/**/*.toml
    seed answers_file "$TOML_TEST"/invalid/**/*.toml
fi
seed report tests/fixtures/**/*.json tests/cmd/**/*.json

# A journal, a draft with notes, and complete reports, made by opscheck itself.
cargo build --quiet --bin opscheck
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/answers.toml" <<'EOF'
[answers]
sop-documented = "y"
sop-reviewed = { answer = "n", note = "last review 2024", action = { text = "Review the SOPs", owner = "Ops lead", due = "+14d", priority = "high" } }
sop-adherence = 4
dashboard-review = "Weekly"
data-accuracy = { answer = "na" }
EOF
seed answers_file "$WORK/answers.toml"
run_opscheck() { # run_opscheck TEMPLATE SUBJECT INPUT [ARGS...]
    local template=$1 subject=$2 input=$3
    shift 3
    printf '%b' "$input" | env LANG=C NO_COLOR=1 target/debug/opscheck run \
        --template "$template" --subject "$subject" --inspector QA \
        --date 2026-11-29 --out "$WORK/out" "$@" >/dev/null 2>&1 || true
}
# Line mode: answers, a note, a step back, then input ends: the draft stays.
run_opscheck tests/fixtures/mini.toml "Store 7" 'y # checked\nn\n<\ny\ny\nMedium\n'
# Complete runs: reports.
run_opscheck tests/fixtures/mini.toml "Store 8" 'n # blocked\ny\nn\ny\n2\nall fine\n'
run_opscheck checklists/ops-inspection.toml "Store 9" '' --answers "$WORK/answers.toml"
run_opscheck checklists/ops-inspection.zh-CN.toml "门店 9" "$(printf 'y\\n%.0s' {1..60})"
seed journal "$WORK"/out/.drafts/*.jsonl
seed report "$WORK"/out/*.json

# ---- fuzzing --------------------------------------------------------------------------
declare -A EXECS CRASHES
for target in "${TARGETS[@]}"; do
    corpus="fuzz/corpus/$target"
    artifacts="fuzz/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    before=$(ls "$artifacts" | wc -l)
    execs=0
    restarts=0
    deadline=$((SECONDS + SECONDS_PER_TARGET))
    while [ $SECONDS -lt "$deadline" ] && [ $restarts -le "$MAX_RESTARTS" ]; do
        left=$((deadline - SECONDS))
        log="$WORK/$target.log"
        set +e
        (cd fuzz && cargo fuzz run "${BUILD_FLAGS[@]}" "$target" "corpus/$target" -- \
            -max_total_time="$left" -timeout="$TIMEOUT" -rss_limit_mb=4096 \
            -print_final_stats=1 -artifact_prefix="artifacts/$target/") >"$log" 2>&1
        status=$?
        set -e
        runs=$(grep -a 'stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
        # After a crash libFuzzer prints no final stats: take the last status line.
        if [ -z "$runs" ]; then
            runs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
        fi
        execs=$((execs + ${runs:-0}))
        if [ $status -eq 0 ]; then
            break
        fi
        echo "== $target: libFuzzer exited $status; its log:" >&2
        grep -aE 'panicked|ERROR|SUMMARY|Test unit written|timeout' "$log" | head -20 >&2 || true
        restarts=$((restarts + 1))
    done
    after=$(ls "$artifacts" | wc -l)
    EXECS[$target]=$execs
    CRASHES[$target]=$((after - before))
    # Every crashing input joins the regression suite.
    if [ "${CRASHES[$target]}" -gt 0 ]; then
        mkdir -p "tests/fixtures/fuzz-regressions/$target"
        for file in "$artifacts"/*; do
            cp -n "$file" "tests/fixtures/fuzz-regressions/$target/" 2>/dev/null || true
        done
    fi
done

echo
printf '%-14s %8s %14s %8s %8s\n' target seconds executions crashes corpus
for target in "${TARGETS[@]}"; do
    printf '%-14s %8s %14s %8s %8s\n' "$target" "$SECONDS_PER_TARGET" "${EXECS[$target]}" \
        "${CRASHES[$target]}" "$(ls "fuzz/corpus/$target" | wc -l)"
done
total=0
for target in "${TARGETS[@]}"; do total=$((total + CRASHES[$target])); done
if [ $total -gt 0 ]; then
    echo "crashing inputs: tests/fixtures/fuzz-regressions/ (replayed by tests/it/fuzz_regressions.rs)"
    exit 1
fi
