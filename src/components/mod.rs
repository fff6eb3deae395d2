//! One component per file; `builder` is the root every host mounts.

pub mod builder;
mod checkbox_field;
mod copy_actions;
mod document_card;
mod export_tabs;
mod exports_card;
mod form_field;
mod form_state;
mod problem_list;
mod region_list;
mod scope_field;
mod share_row;
mod soft_breaks;
mod text_field;
