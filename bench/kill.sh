#!/usr/bin/env bash
# The kill harness of tests/process/kill_harness.rs, longer: TRIALS runs of `opscheck run` in
# line mode killed with SIGKILL at random moments, each checked and resumed.
#
#   bench/kill.sh [TRIALS]          default 2000
#
# Environment: KILL_SEED (PRNG seed, decimal or 0x hex; a failure prints the seed and
# trial to replay with KILL_SEED=… KILL_TRIAL=…), KILL_JOBS (parallel trials, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

export KILL_TRIALS=${1:-2000}
export KILL_JOBS=${KILL_JOBS:-2}
start=$(date +%s)
cargo test --release --locked --test process kill_harness -- --nocapture --test-threads 1
echo "bench/kill.sh: $KILL_TRIALS trials in $(($(date +%s) - start)) s (build included)"
