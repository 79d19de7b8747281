//! The integration tests that need no terminal, signal or race: commands run in
//! process or as one child process each, snapshot cases (`cli`), and checks of the
//! shipped files. One crate, so the support code compiles once.
#![allow(dead_code)]
#[path = "../support/common/mod.rs"]
mod common;
#[path = "../support/corpus/mod.rs"]
mod corpus;
#[path = "../support/run_support/mod.rs"]
mod run_support;

mod adversarial;
mod analysis;
mod cli;
mod dashboard;
mod evidence;
mod export;
mod extremes;
mod fuzz_regressions;
mod hardening;
mod hardening_stores;
mod improvement_loop;
mod integrations;
mod module_graph;
mod report_formats;
mod run_line;
mod run_meaning;
mod run_property;
mod schema;
mod shipped;
mod signature;
mod store_postgres;
mod store_reports;
mod summary;
mod toml_suite;
mod tooling;
mod xlsform;
mod xlsx;
