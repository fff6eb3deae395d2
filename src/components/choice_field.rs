//! A choice of the core's field table as a radio group: the question, a sentence on it
//! when it has one, the answers in the order offered, and its problems. Which choices
//! show, and their words, are the core's (`ChoiceBox`).

use super::form_field::{described_by, hint_id, problems_id};
use super::problem_list::ProblemList;
use iam_policy_core::Problem;
use iam_policy_core::view::{ChoiceBox, Edit};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChoiceFieldProps {
    /// The group's id; each answer's is this and the answer's id.
    pub id: AttrValue,
    pub choice: ChoiceBox,
    pub problems: Vec<Problem>,
    pub on_edit: Callback<Edit>,
}

#[component]
pub fn ChoiceField(props: &ChoiceFieldProps) -> Html {
    let choice = &props.choice;
    let field = choice.field;
    // Only a choice with a hint names one, so a group without stays as it always was.
    let described = match choice.hint {
        Some(_) => described_by(&props.id),
        None => problems_id(&props.id),
    };
    html! {
        <fieldset class="ipb__field ipb__fieldset" aria-describedby={described}>
            <legend class="ipb__label">{choice.legend}</legend>
            if let Some(hint) = choice.hint {
                <p class="ipb__hint" id={hint_id(&props.id)}>{hint}</p>
            }
            { for choice.options.iter().map(|option| {
                let key = option.id;
                let id = format!("{}-{key}", props.id);
                let on_edit = props.on_edit.clone();
                html! {
                    <div class="ipb__choice">
                        <input id={id.clone()} class="ipb__radio" type="radio" name={props.id.clone()}
                            value={key} checked={choice.chosen == key}
                            onchange={move |_: Event| on_edit.emit(Edit::Set(field, key.to_owned()))} />
                        <label for={id}>{option.label}</label>
                    </div>
                }
            }) }
            <ProblemList id={problems_id(&props.id)} problems={props.problems.clone()} />
        </fieldset>
    }
}
