//! The fuzz targets' bodies, shared with the regression tests of the main crate
//! (`tests/fuzz_regressions.rs` includes `oracles.rs` by path).

pub mod oracles;
