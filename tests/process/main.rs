//! The integration tests that need real processes: a pseudo-terminal, signals, kills at
//! random moments and many runs at once.
#![allow(dead_code)]
#[path = "../support/common/mod.rs"]
mod common;
#[path = "../support/corpus/mod.rs"]
mod corpus;
#[path = "../support/run_support/mod.rs"]
mod run_support;

mod concurrency;
mod evidence_terminal;
mod kill_harness;
mod run_durability;
mod run_terminal;
