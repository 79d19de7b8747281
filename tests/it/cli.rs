//! Snapshot tests of the `opscheck` binary: each `tests/cmd/NAME.toml` runs the binary in
//! `NAME.in/` and compares its exit code, stdout and stderr with the expected ones.
//!
//! Refresh the snapshots with `TRYCMD=overwrite cargo test --test it cli`, then read the diff:
//! a snapshot is what a user sees.

#[test]
fn cli() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
