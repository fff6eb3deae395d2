//! On a role's card: a new role, or one the person already has — its name, and, for an
//! existing one, the policy it has now, pasted for the builder to merge or fix. What is
//! chosen, and the paste set aside by choosing "new", live in the core's `FormInput`.

use super::text_field::TextField;
use iam_policy_core::Problem;
use iam_policy_core::view::{Edit, RoleChoice as Choice, RoleChoiceBox};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RoleChoiceProps {
    /// Prefix for element ids: the card's.
    pub id: AttrValue,
    /// The choice as the core decided to show it.
    pub choice: RoleChoiceBox,
    /// The ids of the name and policy controls (the builder's field ids).
    pub name_id: AttrValue,
    pub policy_id: AttrValue,
    /// The fields' text as typed.
    pub name: AttrValue,
    pub policy: AttrValue,
    pub name_problems: Vec<Problem>,
    pub policy_problems: Vec<Problem>,
    pub on_edit: Callback<Edit>,
}

#[component]
pub fn RoleChoice(props: &RoleChoiceProps) -> Html {
    let choice = &props.choice;
    let role = choice.role;
    let choose = |to: Choice| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: Event| on_edit.emit(Edit::ChooseRole(role, to)))
    };
    let group = format!("{}-role", props.id);
    let new_id = format!("{group}-new");
    let existing_id = format!("{group}-existing");
    html! {
        <fieldset class="ipb__fieldset ipb__role-choice">
            <legend class="ipb__label">{choice.legend}</legend>
            <div class="ipb__choice">
                <input id={new_id.clone()} class="ipb__radio" type="radio" name={group.clone()} value="new"
                    checked={!choice.existing} onchange={choose(Choice::New)} />
                <label for={new_id}>{"A new role"}</label>
            </div>
            <div class="ipb__choice">
                <input id={existing_id.clone()} class="ipb__radio" type="radio" name={group} value="existing"
                    checked={choice.existing} onchange={choose(Choice::Existing)} />
                <label for={existing_id}>{choice.existing_label}</label>
            </div>
            <TextField id={props.name_id.clone()} field={choice.name_field} value={props.name.clone()}
                problems={props.name_problems.clone()} on_edit={props.on_edit.clone()} />
            if choice.existing {
                <TextField id={props.policy_id.clone()} field={choice.policy_field} rows={10}
                    value={props.policy.clone()} problems={props.policy_problems.clone()}
                    on_edit={props.on_edit.clone()} />
            }
        </fieldset>
    }
}
