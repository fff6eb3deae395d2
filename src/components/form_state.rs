//! The builder's state — what the user typed, and which fields they have left — held in
//! reducers, so every field's callback can be made once and stay the same object for the
//! builder's life. Yew re-renders a child only when its props differ, and a callback made
//! anew on each render always differs: with these, a keystroke re-renders the field it
//! changed and the cards whose documents changed, not the whole form.

use crate::form_input::FormInput;
use iam_policy_core::{Field, SecretScope};
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// A change to the form: applied to the latest form, whenever it is dispatched.
pub struct Edit(Box<dyn FnOnce(&mut FormInput)>);

impl Reducible for FormInput {
    type Action = Edit;

    fn reduce(self: Rc<Self>, Edit(apply): Edit) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        apply(&mut next);
        Rc::new(next)
    }
}

/// The fields the user has left at least once: their problems show from then on, so
/// nobody is told "must be 12 digits" after typing the first digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visited(HashSet<Field>);

impl Visited {
    /// Fields whose problems show at once: those that started with a value (a share link's
    /// problems are news) and the choices, which have no "still typing" state.
    pub fn initially(input: &FormInput) -> Self {
        let typed = [
            (Field::Account, &input.account),
            (Field::Region, &input.region),
            (Field::Secrets, &input.secrets),
            (Field::SecretPrefix, &input.secret_prefix),
            (Field::KmsKeys, &input.kms_keys),
            (Field::Parameters, &input.parameters),
            (Field::RuntimeSecrets, &input.runtime_secrets),
            (Field::StagingBuckets, &input.staging_buckets),
        ];
        let choices = [
            Field::AllSecrets,
            Field::SecretScope,
            Field::Ec2Principal,
            Field::SourceConditions,
            Field::TaskRolePolicy,
        ];
        Visited(
            typed
                .into_iter()
                .filter(|(_, text)| !text.is_empty())
                .map(|(field, _)| field)
                .chain(choices)
                .collect(),
        )
    }

    pub fn contains(&self, field: Field) -> bool {
        self.0.contains(&field)
    }
}

impl Reducible for Visited {
    type Action = Field;

    /// Leaving a field already visited keeps the same state, which renders nothing.
    fn reduce(self: Rc<Self>, field: Field) -> Rc<Self> {
        if self.contains(field) {
            return self;
        }
        let mut next = Rc::unwrap_or_clone(self);
        next.0.insert(field);
        Rc::new(next)
    }
}

/// A text field's callbacks: store its new value, and mark it as left.
pub struct TextCallbacks {
    pub change: Callback<String>,
    pub leave: Callback<()>,
}

/// Every callback the form's fields take, made once per builder.
pub struct FieldCallbacks {
    pub account: TextCallbacks,
    pub region: TextCallbacks,
    pub secrets: TextCallbacks,
    pub secret_prefix: TextCallbacks,
    pub kms_keys: TextCallbacks,
    pub parameters: TextCallbacks,
    pub runtime_secrets: TextCallbacks,
    pub staging_buckets: TextCallbacks,
    pub ec2_principal: Callback<bool>,
    pub source_conditions: Callback<bool>,
    pub task_role_policy: Callback<bool>,
    pub secret_scope: Callback<SecretScope>,
}

impl FieldCallbacks {
    pub fn new(
        form: &UseReducerDispatcher<FormInput>,
        visited: &UseReducerDispatcher<Visited>,
    ) -> Self {
        let text = |field: Field, apply: fn(&mut FormInput, String)| {
            let visited = visited.clone();
            TextCallbacks {
                change: updater(form, apply),
                leave: Callback::from(move |()| visited.dispatch(field)),
            }
        };
        FieldCallbacks {
            account: text(Field::Account, |f, v| f.account = v),
            region: text(Field::Region, |f, v| f.region = v),
            secrets: text(Field::Secrets, |f, v| f.secrets = v),
            secret_prefix: text(Field::SecretPrefix, |f, v| f.secret_prefix = v),
            kms_keys: text(Field::KmsKeys, |f, v| f.kms_keys = v),
            parameters: text(Field::Parameters, |f, v| f.parameters = v),
            runtime_secrets: text(Field::RuntimeSecrets, |f, v| f.runtime_secrets = v),
            staging_buckets: text(Field::StagingBuckets, |f, v| f.staging_buckets = v),
            ec2_principal: updater(form, |f, on| f.ec2_principal = on),
            source_conditions: updater(form, |f, on| f.source_conditions = on),
            task_role_policy: updater(form, |f, on| f.task_role_policy = on),
            secret_scope: updater(form, |f, scope| f.secret_scope = scope),
        }
    }
}

/// A callback that applies one field's new value to the latest form.
fn updater<T: 'static>(
    form: &UseReducerDispatcher<FormInput>,
    apply: fn(&mut FormInput, T),
) -> Callback<T> {
    let form = form.clone();
    Callback::from(move |value: T| form.dispatch(Edit(Box::new(move |f| apply(f, value)))))
}
