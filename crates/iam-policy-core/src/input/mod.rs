//! What every host sends: the field table, the request, the problems tied to its fields,
//! and `FormInput` — the form as typed, which makes the request.

pub mod entries;
pub mod fields;
pub mod form_input;
pub mod problem;
pub mod request;

pub use entries::split_secret_list;
pub use form_input::{Edit, FormInput};
pub use problem::{Code, Field, FieldValue, Fix, Problem, Severity};
pub use request::{Request, SecretScope};
