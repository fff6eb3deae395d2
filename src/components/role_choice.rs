//! On a role's card: a new role, or one the person already has — its name, and, for an
//! existing one, the policy it has now, pasted for the builder to merge or fix.

use super::text_field::TextField;
use iam_policy_core::input::Edit;
use iam_policy_core::{Field, Problem};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Which role the choice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Task,
    Execution,
}

impl Role {
    fn name_field(self) -> Field {
        match self {
            Role::Task => Field::TaskRoleName,
            Role::Execution => Field::ExecutionRoleName,
        }
    }

    fn policy_field(self) -> Field {
        match self {
            Role::Task => Field::ExistingTrustPolicy,
            Role::Execution => Field::ExistingSecretsPolicy,
        }
    }

    fn legend(self) -> &'static str {
        match self {
            Role::Task => "Is the task role new, or one you already have?",
            Role::Execution => "Is the task execution role new, or one you already have?",
        }
    }

    fn existing_label(self) -> &'static str {
        match self {
            Role::Task => {
                "A role I already have, such as Matillion ETL's: merge into its trust policy"
            }
            Role::Execution => "A role I already have: check and fix its secrets policy",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct RoleChoiceProps {
    /// Prefix for element ids: the card's.
    pub id: AttrValue,
    pub role: Role,
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
    let role = props.role;
    // Which is chosen is the page's, not the request's: a pasted policy is the request.
    let existing = use_state_eq(|| !props.policy.trim().is_empty());
    // Choosing "new" empties the field the request reads; what was pasted is kept here, so
    // choosing "existing" again brings it back.
    let kept: Rc<RefCell<String>> = use_mut_ref(String::new);
    let choose = |to_existing: bool| {
        let (existing, kept, on_edit, policy) = (
            existing.clone(),
            kept.clone(),
            props.on_edit.clone(),
            props.policy.clone(),
        );
        Callback::from(move |_: Event| {
            if to_existing {
                let restored = std::mem::take(&mut *kept.borrow_mut());
                if !restored.is_empty() {
                    on_edit.emit(Edit::Set(role.policy_field(), restored));
                }
            } else if !policy.is_empty() {
                *kept.borrow_mut() = policy.to_string();
                on_edit.emit(Edit::Set(role.policy_field(), String::new()));
            }
            existing.set(to_existing);
        })
    };
    let group = format!("{}-role", props.id);
    let new_id = format!("{group}-new");
    let existing_id = format!("{group}-existing");
    html! {
        <fieldset class="ipb__fieldset ipb__role-choice">
            <legend class="ipb__label">{role.legend()}</legend>
            <div class="ipb__choice">
                <input id={new_id.clone()} class="ipb__radio" type="radio" name={group.clone()} value="new"
                    checked={!*existing} onchange={choose(false)} />
                <label for={new_id}>{"A new role"}</label>
            </div>
            <div class="ipb__choice">
                <input id={existing_id.clone()} class="ipb__radio" type="radio" name={group} value="existing"
                    checked={*existing} onchange={choose(true)} />
                <label for={existing_id}>{role.existing_label()}</label>
            </div>
            <TextField id={props.name_id.clone()} field={role.name_field()} value={props.name.clone()}
                problems={props.name_problems.clone()} on_edit={props.on_edit.clone()} />
            if *existing {
                <TextField id={props.policy_id.clone()} field={role.policy_field()} rows={10}
                    value={props.policy.clone()} problems={props.policy_problems.clone()}
                    on_edit={props.on_edit.clone()} />
            }
        </fieldset>
    }
}
