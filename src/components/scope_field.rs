//! Which secrets the execution role may read: a radio group, narrowest first.

use super::form_field::problems_id;
use super::problem_list::ProblemList;
use iam_policy_core::{Problem, SecretScope};
use yew::prelude::*;

const CHOICES: [(SecretScope, &str, &str); 4] = [
    (
        SecretScope::Listed,
        "listed",
        "Only the secrets listed above (recommended)",
    ),
    (
        SecretScope::Prefix,
        "prefix",
        "Every secret whose name starts with a prefix",
    ),
    (
        SecretScope::Region,
        "region",
        "Every secret in this region and account",
    ),
    (
        SecretScope::All,
        "all",
        "Every secret, in every region (\"Resource\": \"*\")",
    ),
];

#[derive(Properties, PartialEq)]
pub struct ScopeFieldProps {
    pub id: AttrValue,
    pub value: SecretScope,
    pub problems: Vec<Problem>,
    pub on_change: Callback<SecretScope>,
}

#[component]
pub fn ScopeField(props: &ScopeFieldProps) -> Html {
    html! {
        <fieldset class="ipb__field ipb__fieldset" aria-describedby={problems_id(&props.id)}>
            <legend class="ipb__label">{"Which secrets may the execution role read?"}</legend>
            { for CHOICES.iter().map(|&(scope, key, label)| {
                let id = format!("{}-{key}", props.id);
                let on_change = props.on_change.clone();
                html! {
                    <div class="ipb__choice">
                        <input id={id.clone()} class="ipb__radio" type="radio" name={props.id.clone()}
                            value={key} checked={props.value == scope}
                            onchange={move |_: Event| on_change.emit(scope)} />
                        <label for={id}>{label}</label>
                    </div>
                }
            }) }
            <ProblemList id={problems_id(&props.id)} problems={props.problems.clone()} />
        </fieldset>
    }
}
