//! A labelled form field: label, hint, the control itself, and its problems.

use super::problem_list::ProblemList;
use iam_policy_core::Problem;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormFieldProps {
    /// The control's id; the hint and problem list ids derive from it.
    pub id: AttrValue,
    pub label: AttrValue,
    pub hint: AttrValue,
    /// The problems to show now (the builder decides when a field has been visited).
    pub problems: Vec<Problem>,
    #[prop_or_default]
    pub on_fix: Callback<String>,
    /// The control, which must use [`described_by`] and [`is_invalid`].
    pub children: Html,
}

#[component]
pub fn FormField(props: &FormFieldProps) -> Html {
    let invalid = is_invalid(&props.problems);
    html! {
        <div class={classes!("ipb__field", invalid.then_some("ipb__field--invalid"))}>
            <label class="ipb__label" for={props.id.clone()}>{props.label.clone()}</label>
            <p class="ipb__hint" id={hint_id(&props.id)}>{props.hint.clone()}</p>
            {props.children.clone()}
            <ProblemList id={problems_id(&props.id)} problems={props.problems.clone()}
                on_fix={props.on_fix.clone()} />
        </div>
    }
}

fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// The id of the problem list under the control with this id.
pub fn problems_id(id: &str) -> String {
    format!("{id}-problems")
}

/// `aria-describedby` for the control with this id: its hint, then its problems.
pub fn described_by(id: &str) -> String {
    format!("{} {}", hint_id(id), problems_id(id))
}

/// `aria-invalid` for a control with these problems.
pub fn is_invalid(problems: &[Problem]) -> bool {
    problems
        .iter()
        .any(|p| p.severity == iam_policy_core::Severity::Error)
}
