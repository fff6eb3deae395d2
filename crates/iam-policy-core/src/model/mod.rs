//! The policy model: the typed documents the builder writes, the order-keeping JSON of a
//! pasted one, their sizes as IAM counts them, the document vocabulary, and the words
//! each type's TypeScript declaration is written in (`shape`).

pub mod document;
pub mod json;
pub(crate) mod json_size;
pub mod policy;
pub mod shape;

pub use document::{
    Document, DocumentId, Origin, Placement, Policy, PolicyKind, Role, Size, UnknownDocument,
};
pub use json::Json;
