//! The builder's state: the core's [`FormInput`] in a reducer, changed only by [`Edit`]s.
//! One callback takes every edit, made once for the builder's life, so Yew re-renders a
//! field only when its own props change.

use iam_policy_core::view::{Edit, FormInput};
use std::rc::Rc;
use yew::prelude::*;

/// The form, and a count of the edits that changed its text: the documents are rebuilt
/// when it moves, and not when a field is merely left. The input is shared with the
/// share row, which reads it only when its button is pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub input: Rc<FormInput>,
    pub text_revision: u64,
}

impl Form {
    pub fn new(input: FormInput) -> Self {
        Form {
            input: Rc::new(input),
            text_revision: 0,
        }
    }
}

/// The form as a prop, compared by identity: every edit makes a new one, so a changed
/// form always differs, and an unchanged one is not compared text by text (a pasted list
/// can be megabytes).
#[derive(Debug, Clone)]
pub struct SharedForm(pub Rc<FormInput>);

impl PartialEq for SharedForm {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Reducible for Form {
    type Action = Edit;

    /// An edit that changes nothing keeps the same state, which renders nothing.
    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        if !self.input.changes(&edit) {
            return self;
        }
        // Setting a field, or choosing a role (which sets its pasted policy aside or
        // brings it back), can change the request; leaving a field cannot.
        let sets_text = !matches!(edit, Edit::Leave(_));
        let mut next = Rc::unwrap_or_clone(self);
        Rc::make_mut(&mut next.input).apply(edit);
        if sets_text {
            next.text_revision += 1;
        }
        Rc::new(next)
    }
}
