//! A checkbox with its label, a sentence on when to use it, and its problems.

use super::form_field::{described_by, problems_id};
use super::problem_list::ProblemList;
use iam_policy_core::Problem;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckboxFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// When to turn it on.
    pub hint: AttrValue,
    pub checked: bool,
    pub problems: Vec<Problem>,
    pub on_change: Callback<bool>,
}

#[component]
pub fn CheckboxField(props: &CheckboxFieldProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        move |event: Event| {
            on_change.emit(event.target_unchecked_into::<HtmlInputElement>().checked())
        }
    };
    html! {
        <div class="ipb__field ipb__field--checkbox">
            <input id={props.id.clone()} class="ipb__checkbox" type="checkbox" checked={props.checked}
                aria-describedby={described_by(&props.id)} {onchange} />
            <label class="ipb__label" for={props.id.clone()}>{props.label.clone()}</label>
            <p class="ipb__hint" id={format!("{}-hint", props.id)}>{props.hint.clone()}</p>
            <ProblemList id={problems_id(&props.id)} problems={props.problems.clone()} />
        </div>
    }
}
