//! The lowest layer: text helpers that know nothing of AWS — naming characters, one-line
//! and shell quoting, counts, edit-distance suggestions, word scanning, a fast hash, and
//! IAM's wildcard matching on a budget.

pub mod chars;
pub(crate) mod fast_hash;
pub mod glob;
pub(crate) mod suggest;
pub(crate) mod word_scan;

pub use chars::{one_line, shell_quoted, thousands};
