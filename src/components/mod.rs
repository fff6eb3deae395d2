//! One component per file; `builder` is the root every host mounts.

pub mod builder;
mod document_card;
mod form_field;
mod problem_list;
