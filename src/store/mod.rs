//! The stores the commands share, over the files of `crate::files`: templates and
//! reports (`source`), drafts, reports written, action events, evidence files, waiver
//! and sites files, signatures and keys, and output files (`destination`).

pub(crate) mod action_store;
pub(crate) mod destination;
pub(crate) mod draft_store;
pub(crate) mod evidence_store;
pub(crate) mod loop_context;
pub(crate) mod register_file;
pub(crate) mod report_store;
pub(crate) mod signature_check;
pub(crate) mod signing_key;
pub(crate) mod source;
