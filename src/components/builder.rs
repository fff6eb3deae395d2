//! The builder: the form, and a card for each document derived from it.

use super::checkbox_field::CheckboxField;
use super::diagnosis_card::DiagnosisCard;
use super::document_card::{DocumentCard, DocumentOf};
use super::exports_card::ExportsCard;
use super::form_state::{Form, SharedForm};
use super::region_list::RegionList;
use super::role_choice::{Role, RoleChoice};
use super::scope_field::ScopeField;
use super::share_row::ShareRow;
use super::text_field::TextField;
use crate::view::{Control, LandmarkNames, View};
use iam_policy_core::input::{Edit, FormInput};
use iam_policy_core::{
    DocumentId, Field, FieldValue, Problem, Response, SecretScope, build, input::fields,
};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct BuilderProps {
    /// What the form starts with (a share link or a widget's attributes set it).
    #[prop_or_default]
    pub initial: FormInput,
    /// Offer "Copy link to this form". Only the standalone page reads such links back.
    #[prop_or_default]
    pub offer_share_link: bool,
    /// What to show; everything unless a widget's host trims it.
    #[prop_or_default]
    pub view: View,
}

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// Each builder on a page gets its own number, so labels and descriptions never point
/// into another instance and landmarks are named apart.
fn next_instance() -> u32 {
    NEXT_INSTANCE.with(|next| {
        let n = next.get();
        next.set(n + 1);
        n
    })
}

#[component]
pub fn Builder(props: &BuilderProps) -> Html {
    let instance = *use_memo((), |()| next_instance());
    let id = use_memo(instance, |n| format!("ipb-{n}"));
    let names = LandmarkNames::new(instance);
    let form = use_reducer(|| Form::new(props.initial.clone()));
    let announcement = use_state_eq(String::new);
    let on_edit = {
        let form = form.dispatcher();
        use_memo((), move |()| {
            Callback::from(move |edit: Edit| form.dispatch(edit))
        })
    };
    // A fix that sets several fields removes its own button and may reveal the last field
    // it set (the prefix): focus goes there once the page shows it, not to the page itself.
    let focus_after_render = use_mut_ref(|| None::<String>);
    let on_fix_fields = {
        let (form, focus_after_render) = (form.dispatcher(), focus_after_render.clone());
        let id = id.clone();
        use_memo((), move |()| {
            Callback::from(move |values: Vec<FieldValue>| {
                for value in &values {
                    form.dispatch(Edit::Set(value.field, value.value.clone()));
                }
                *focus_after_render.borrow_mut() = values
                    .last()
                    .map(|last| format!("{id}-{}", fields::def(last.field).link));
            })
        })
    };
    use_effect(move || focus_pending(&focus_after_render));
    let on_announce = {
        let setter = announcement.setter();
        use_memo((), move |()| {
            Callback::from(move |text: String| setter.set(text))
        })
    };
    // Rebuilt when the text changes, not when a field is only left; the request was
    // derived as the text changed, so nothing is split or copied here.
    let response = {
        let form = form.clone();
        use_memo(form.text_revision, move |_| build(form.input.request()))
    };
    // Pasting the error fills the fields it names that are still empty, in the form itself,
    // so the person sees (and can change) what was taken from it.
    let on_ecs_error = {
        let (form, on_edit) = (form.clone(), (*on_edit).clone());
        Callback::from(move |edit: Edit| {
            let fills = match &edit {
                Edit::Set(Field::EcsError, text) if !text.trim().is_empty() => {
                    let diagnosis = iam_policy_core::read::ecs_error::diagnose(text);
                    iam_policy_core::read::ecs_error::fill(form.input.request(), &diagnosis).0
                }
                _ => Vec::new(),
            };
            on_edit.emit(edit);
            for value in fills {
                on_edit.emit(Edit::Set(value.field, value.value));
            }
        })
    };
    let input = &form.input;
    let on_edit = (*on_edit).clone();
    let value = |field: Field| AttrValue::from(input.text(field).to_owned());

    // A pasted policy is a whole answer at once: its problems show without waiting for the
    // field to be left. Those about its document are on that card already.
    let pasted = |field: Field| {
        matches!(
            field,
            Field::ExistingTrustPolicy | Field::ExistingSecretsPolicy
        )
    };
    // What the pasted ECS error filled in or contradicts is said at once, too.
    let from_error = |p: &Problem| {
        matches!(
            p.code,
            iam_policy_core::input::Code::FilledFromEcsError
                | iam_policy_core::input::Code::EcsErrorContradicts
                | iam_policy_core::input::Code::EcsErrorSecretNotListed
                | iam_policy_core::input::Code::KmsKeyNeeded
        )
    };
    let shown = |field: Field| -> Vec<Problem> {
        let visible = input.shows_problems_of(field) || pasted(field);
        response
            .problems
            .iter()
            .filter(|p| p.field == field && (visible || from_error(p)))
            .filter(|p| !(pasted(field) && p.document.is_some()))
            .cloned()
            .collect()
    };
    // Element ids from the field's link key: unique, short, and never written by hand.
    let field_id = |field: Field| AttrValue::from(format!("{id}-{}", fields::def(field).link));
    let regions_id = AttrValue::from(format!("{id}-regions"));
    let view = &props.view;
    let documents: Vec<DocumentId> = view
        .documents
        .iter()
        .copied()
        .filter(|&d| {
            d != DocumentId::TaskRolePermissionsPolicy || input.switch(Field::TaskRolePolicy)
        })
        .collect();
    let heading_level = view.heading_level;
    let offers_advanced = view.controls.iter().any(|&c| c.is_advanced());
    // A form that starts with an advanced option set (a shared link, a widget's attribute)
    // opens them, so nobody is handed settings they cannot see. Decided once: after that
    // the person opens and closes it.
    let advanced_open = *use_memo((), |()| {
        props.initial.changed().any(|(def, _)| {
            Control::ALL
                .iter()
                .any(|&c| c.is_advanced() && c.field() == def.field)
                || matches!(def.field, Field::RuntimeSecrets | Field::StagingBuckets)
        })
    });

    let needs_kms_key = response
        .problems
        .iter()
        .any(|p| p.code == iam_policy_core::input::Code::KmsKeyNeeded);
    let task_role_fields = || {
        html! {
            <>
                <TextField id={field_id(Field::RuntimeSecrets)} field={Field::RuntimeSecrets} rows={2}
                    value={value(Field::RuntimeSecrets)} problems={shown(Field::RuntimeSecrets)} on_edit={on_edit.clone()} />
                <TextField id={field_id(Field::StagingBuckets)} field={Field::StagingBuckets} rows={2}
                    value={value(Field::StagingBuckets)} problems={shown(Field::StagingBuckets)} on_edit={on_edit.clone()} />
            </>
        }
    };

    html! {
        <div class={view.root_class()} id={(*id).clone()}>
            // Not <header>: in a docs page that is a second banner, which is the page's own.
            <div class="ipb__header">
                <@{heading_level.title_tag()} class="ipb__title">{"IAM policies for the Matillion agent on ECS Fargate"}</@>
                <p class="ipb__intro">
                    if !view.compact {
                        {"Enter your AWS account, region and the secrets the agent reads. The builder writes the task role's trust policy and the task execution role's inline policy, with secret ARNs that include the six-character suffix AWS adds. "}
                    }
                    <strong>{view.surroundings.privacy_note()}</strong>
                </p>
            </div>
            <form class="ipb__form" novalidate=true aria-label={names.name("Your agent's AWS details")}
                onsubmit={|event: SubmitEvent| event.prevent_default()}>
                if view.offers(Control::EcsError) {
                    if view.compact {
                        <details class="ipb__advanced ipb__ecs-error" open={!input.text(Field::EcsError).is_empty()}>
                            <summary class="ipb__summary">{"Task failed to start? Paste the error"}</summary>
                            <TextField id={field_id(Field::EcsError)} field={Field::EcsError} rows={3}
                                value={value(Field::EcsError)} problems={shown(Field::EcsError)} on_edit={on_ecs_error.clone()} />
                        </details>
                    } else {
                        <TextField id={field_id(Field::EcsError)} field={Field::EcsError} rows={3}
                            value={value(Field::EcsError)} problems={shown(Field::EcsError)} on_edit={on_ecs_error.clone()} />
                    }
                }
                <div class="ipb__fields">
                    <TextField id={field_id(Field::Account)} field={Field::Account} inputmode="numeric"
                    value={value(Field::Account)} problems={shown(Field::Account)} on_edit={on_edit.clone()} />
                    <TextField id={field_id(Field::Region)} field={Field::Region} list={regions_id.clone()}
                    value={value(Field::Region)} problems={shown(Field::Region)} on_edit={on_edit.clone()} />
                    <RegionList id={regions_id} />
                    <TextField id={field_id(Field::Secrets)} field={Field::Secrets} rows={4}
                    value={value(Field::Secrets)} problems={shown(Field::Secrets)} on_edit={on_edit.clone()}
                    on_fix_fields={(*on_fix_fields).clone()} />
                </div>
                if view.offers(Control::SecretScope) {
                    <ScopeField id={field_id(Field::SecretScope)} value={input.scope()}
                        problems={shown(Field::SecretScope)} on_edit={on_edit.clone()} />
                }
                if input.scope() == SecretScope::Prefix {
                    <TextField id={field_id(Field::SecretPrefix)} field={Field::SecretPrefix}
                    value={value(Field::SecretPrefix)} problems={shown(Field::SecretPrefix)} on_edit={on_edit.clone()} />
                }
                if offers_advanced {
                    // A pasted ECS error that needs the KMS key opens the options to its field.
                    // Once open, closing it is the person's choice: the value stays true.
                    <details class="ipb__advanced" open={advanced_open || needs_kms_key}>
                        <summary class="ipb__summary">{"Advanced options"}</summary>
                        <div class="ipb__advanced-body">
                            if view.offers(Control::Ec2Principal) {
                                <CheckboxField id={field_id(Field::Ec2Principal)} field={Field::Ec2Principal} checked={input.switch(Field::Ec2Principal)}
                                    problems={shown(Field::Ec2Principal)} on_edit={on_edit.clone()} />
                            }
                            if view.offers(Control::SourceConditions) {
                                <CheckboxField id={field_id(Field::SourceConditions)} field={Field::SourceConditions} checked={input.switch(Field::SourceConditions)}
                                    problems={shown(Field::SourceConditions)} on_edit={on_edit.clone()} />
                            }
                            if view.offers(Control::KmsKeys) {
                                <TextField id={field_id(Field::KmsKeys)} field={Field::KmsKeys} rows={2}
                    value={value(Field::KmsKeys)} problems={shown(Field::KmsKeys)} on_edit={on_edit.clone()} />
                            }
                            if view.offers(Control::Parameters) {
                                <TextField id={field_id(Field::Parameters)} field={Field::Parameters} rows={2}
                    value={value(Field::Parameters)} problems={shown(Field::Parameters)} on_edit={on_edit.clone()} />
                            }
                            if view.offers(Control::TaskRolePolicy) {
                                <CheckboxField id={field_id(Field::TaskRolePolicy)} field={Field::TaskRolePolicy} checked={input.switch(Field::TaskRolePolicy)}
                                    problems={shown(Field::TaskRolePolicy)} on_edit={on_edit.clone()} />
                                if input.switch(Field::TaskRolePolicy) {
                                    { task_role_fields() }
                                }
                            }
                        </div>
                    </details>
                }
                // A host that turned the permissions policy on without offering the switch
                // still needs its two lists, in the form itself.
                if input.switch(Field::TaskRolePolicy) && !view.offers(Control::TaskRolePolicy) {
                    { task_role_fields() }
                }
            </form>
            if props.offer_share_link {
                <ShareRow id={(*id).clone()} input={SharedForm(form.input.clone())} on_announce={(*on_announce).clone()} />
            }
            <section class="ipb__documents" aria-label={names.name("Generated policies")}>
                if let Some(diagnosis) = &response.diagnosis {
                    <DiagnosisCard id={format!("{}-diagnosis", *id)} diagnosis={diagnosis.clone()} {heading_level} {names} />
                }
                { for documents.into_iter().map(|document_id| {
                    // Each role's controls go on the card of the document its policy makes.
                    let role = match document_id {
                        DocumentId::TaskRoleTrustPolicy => Some(Role::Task),
                        DocumentId::ExecutionRoleSecretsPolicy => Some(Role::Execution),
                        DocumentId::TaskRolePermissionsPolicy => None,
                    }
                    .filter(|_| view.offers(Control::ExistingRoles));
                    let (name_field, policy_field) = match role {
                        Some(Role::Execution) => (Field::ExecutionRoleName, Field::ExistingSecretsPolicy),
                        _ => (Field::TaskRoleName, Field::ExistingTrustPolicy),
                    };
                    html! {
                        <DocumentCard key={document_id.as_str()} id_prefix={(*id).clone()}
                            document={DocumentOf { response: response.clone(), id: document_id }}
                            problems={document_problems(&response, document_id)}
                            {heading_level} {names} on_announce={(*on_announce).clone()}
                            on_fix_fields={(*on_fix_fields).clone()}
                            pasted={role.map(|_| value(policy_field)).unwrap_or_default()}>
                            if let Some(role) = role {
                                <RoleChoice id={format!("{}-{}", *id, document_id.as_str())} {role}
                                    name_id={field_id(name_field)} policy_id={field_id(policy_field)}
                                    name={value(name_field)} policy={value(policy_field)}
                                    name_problems={shown(name_field)} policy_problems={shown(policy_field)}
                                    on_edit={on_edit.clone()} />
                            }
                        </DocumentCard>
                    }
                }) }
                if !view.exports.is_empty() {
                    <ExportsCard id_prefix={(*id).clone()} response={response.clone()} formats={view.exports.clone()}
                        {heading_level} {names} on_announce={(*on_announce).clone()} />
                }
            </section>
            <div class="ipb__visually-hidden" role="status" aria-live="polite">{(*announcement).clone()}</div>
        </div>
    }
}

fn document_problems(response: &Response, id: DocumentId) -> Vec<Problem> {
    response
        .problems
        .iter()
        .filter(|p| p.document == Some(id))
        .cloned()
        .collect()
}

/// Focuses the element a fix asked for, once it is on the page.
fn focus_pending(pending: &Rc<RefCell<Option<String>>>) {
    let Some(id) = pending.borrow_mut().take() else {
        return;
    };
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
