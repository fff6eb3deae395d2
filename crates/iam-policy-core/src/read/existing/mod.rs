//! Policies people already have: read as pasted, evaluated as IAM would, merged or fixed in
//! place so that every statement the builder did not have to change stays as it was.

pub(crate) use crate::text::chars::capitalised;

pub mod breadth;
pub mod diff;
pub mod evaluate;
pub mod fix;
pub mod merge;
pub mod read;
pub mod trust_conditions;
pub mod web_identity;

pub use crate::model::Json;
pub use evaluate::{Decision, Evaluator, Verdict, evaluate};
pub use merge::{DenyInTheWay, Merged, Need, merge_trust};
pub use read::{Pasted, ReadError, read};
pub use web_identity::{Runner, merge_web_identity};

/// A Sid no statement has yet: `base`, else `base2`, `base3`, …
pub(crate) fn unique_sid(statements: &[read::StatementView], base: &str) -> String {
    let taken = |sid: &str| statements.iter().any(|s| s.sid.as_deref() == Some(sid));
    (1..)
        .map(|n| match n {
            1 => base.to_owned(),
            n => format!("{base}{n}"),
        })
        .find(|sid| !taken(sid))
        .unwrap_or_else(|| base.to_owned())
}
