//! What every host sends: the field table, the request, and the problems tied to its
//! fields.

pub mod entries;
pub mod fields;
pub mod problem;
pub mod request;

pub use entries::split_secret_list;
pub use problem::{Code, Field, FieldValue, Fix, Problem, Severity};
pub use request::{Request, SecretScope};
