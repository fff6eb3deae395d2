//! A checkbox for one switch of the core's field table, with its label, a sentence on when
//! to use it, and its problems.

use super::form_field::{described_by, problems_id};
use super::problem_list::ProblemList;
use iam_policy_core::view::Edit;
use iam_policy_core::{Field, Problem, input::fields};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckboxFieldProps {
    pub id: AttrValue,
    /// Which switch: its label and hint come from the core's field table.
    pub field: Field,
    pub checked: bool,
    pub problems: Vec<Problem>,
    pub on_edit: Callback<Edit>,
}

#[component]
pub fn CheckboxField(props: &CheckboxFieldProps) -> Html {
    let field = props.field;
    let def = fields::def(field);
    let onchange = {
        let on_edit = props.on_edit.clone();
        move |event: Event| {
            let on = event.target_unchecked_into::<HtmlInputElement>().checked();
            on_edit.emit(Edit::Set(field, on.to_string()))
        }
    };
    html! {
        <div class="ipb__field ipb__field--checkbox">
            <input id={props.id.clone()} class="ipb__checkbox" type="checkbox" checked={props.checked}
                aria-describedby={described_by(&props.id)} {onchange} />
            <label class="ipb__label" for={props.id.clone()}>{def.label}</label>
            <p class="ipb__hint" id={format!("{}-hint", props.id)}>{def.hint}</p>
            <ProblemList id={problems_id(&props.id)} problems={props.problems.clone()} />
        </div>
    }
}
