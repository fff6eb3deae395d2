//! The builder's state: the core's [`FormInput`] in a reducer, changed only by [`Edit`]s.
//! One callback takes every edit, made once for the builder's life, so Yew re-renders a
//! field only when its own props change.

use iam_policy_core::input::{Edit, FormInput};
use std::rc::Rc;
use yew::prelude::*;

/// The form, and a count of the edits that changed its text: the documents are rebuilt
/// when it moves, and not when a field is merely left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub input: FormInput,
    pub text_revision: u64,
}

impl Form {
    pub fn new(input: FormInput) -> Self {
        Form {
            input,
            text_revision: 0,
        }
    }
}

impl Reducible for Form {
    type Action = Edit;

    /// An edit that changes nothing keeps the same state, which renders nothing.
    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        if !self.input.changes(&edit) {
            return self;
        }
        let sets_text = matches!(edit, Edit::Set(..));
        let mut next = Rc::unwrap_or_clone(self);
        next.input.apply(edit);
        if sets_text {
            next.text_revision += 1;
        }
        Rc::new(next)
    }
}
