//! Which secrets the execution role may read: a radio group, narrowest first.

use super::form_field::problems_id;
use super::problem_list::ProblemList;
use iam_policy_core::view::Edit;
use iam_policy_core::{Field, Problem, SecretScope, input::fields};
use yew::prelude::*;

/// Each choice's label, narrowest first.
fn label(scope: SecretScope) -> &'static str {
    match scope {
        SecretScope::Listed => "Only the secrets listed above (recommended)",
        SecretScope::Prefix => "Every secret whose name starts with a prefix",
        SecretScope::Region => "Every secret in this region and account",
        SecretScope::All => "Every secret, in every region (\"Resource\": \"*\")",
    }
}

#[derive(Properties, PartialEq)]
pub struct ScopeFieldProps {
    pub id: AttrValue,
    pub value: SecretScope,
    pub problems: Vec<Problem>,
    pub on_edit: Callback<Edit>,
}

#[component]
pub fn ScopeField(props: &ScopeFieldProps) -> Html {
    html! {
        <fieldset class="ipb__field ipb__fieldset" aria-describedby={problems_id(&props.id)}>
            <legend class="ipb__label">{fields::def(Field::SecretScope).label}</legend>
            { for SecretScope::ALL.iter().copied().map(|scope| {
                let key = scope.id();
                let id = format!("{}-{key}", props.id);
                let on_edit = props.on_edit.clone();
                html! {
                    <div class="ipb__choice">
                        <input id={id.clone()} class="ipb__radio" type="radio" name={props.id.clone()}
                            value={key} checked={props.value == scope}
                            onchange={move |_: Event| on_edit.emit(Edit::Set(Field::SecretScope, key.to_owned()))} />
                        <label for={id}>{label(scope)}</label>
                    </div>
                }
            }) }
            <ProblemList id={problems_id(&props.id)} problems={props.problems.clone()} />
        </fieldset>
    }
}
