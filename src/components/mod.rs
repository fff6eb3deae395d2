//! One component per file; `builder` is the root every host mounts.

mod access_table;
pub mod builder;
mod change_list;
mod checkbox_field;
mod choice_field;
mod copy_actions;
mod diagnosis_card;
mod document_card;
mod export_tabs;
mod exports_card;
mod form_field;
mod form_state;
mod problem_list;
mod region_list;
mod role_choice;
mod share_row;
mod soft_breaks;
mod text_field;
