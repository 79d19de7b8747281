#!/bin/sh
# The run property (tests/it/run_property.rs) at length: random templates with `when`
# chains and random line-mode sessions with `quit` and `--resume`; every report must
# verify and hold the last answer given to each visible item.
#   bench/property.sh [CASES]     (default 20000; `cargo test` runs 1,000)
set -eu
cd "$(dirname "$0")/.."
cases=${1:-20000}
start=$(date +%s)
OPSCHECK_PROPERTY_CASES=$cases cargo test --release --locked --test it run_property -- --nocapture
end=$(date +%s)
echo "property: $cases cases in $((end - start)) s"
