//! Policies people already have: read as pasted, evaluated as IAM would, merged or fixed in
//! place so that every statement the builder did not have to change stays as it was.

pub mod evaluate;
pub mod json;
pub mod merge;
pub mod read;

pub use evaluate::{Decision, Verdict, evaluate};
pub use json::Json;
pub use merge::{DenyInTheWay, Merged, Need, merge_trust};
pub use read::{Pasted, ReadError, read};
