//! The builder: the form, and a card for each document derived from it.

use super::checkbox_field::CheckboxField;
use super::choice_field::ChoiceField;
use super::diagnosis_card::DiagnosisCard;
use super::document_card::{DocumentCard, DocumentOf};
use super::exports_card::ExportsCard;
use super::form_state::{Form, SharedForm};
use super::region_list::RegionList;
use super::role_choice::RoleChoice;
use super::share_row::ShareRow;
use super::text_field::TextField;
use iam_policy_core::input::fields::Kind;
use iam_policy_core::view::{
    Card, ChoiceBox, Control, Edit, ErrorBox, FormInput, LandmarkNames, ListsPlace, Screen, View,
};
use iam_policy_core::{Field, FieldValue, build, input::fields};
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
    let input = &form.input;
    let on_edit = (*on_edit).clone();
    let value = |field: Field| AttrValue::from(input.text(field).to_owned());
    let view = &props.view;
    // Everything the builder shows is decided by the core; this only draws it.
    let screen = Screen::of(input, &response, view);
    let shown = |field: Field| screen.problems_of(field).to_vec();
    // Element ids from the field's link key: unique, short, and never written by hand.
    let field_id = |field: Field| AttrValue::from(format!("{id}-{}", fields::def(field).link));
    let regions_id = AttrValue::from(format!("{id}-regions"));
    let heading_level = view.heading_level;
    let diagnosis_id = AttrValue::from(format!("{}-diagnosis", *id));
    // Moves to an element of this builder by id, searched from its root: a fragment link
    // would search the document, which cannot see into a widget's shadow root.
    let root_ref = use_node_ref();
    let on_go_to = {
        let root_ref = root_ref.clone();
        use_memo((), move |()| {
            Callback::from(move |target: AttrValue| go_to(&root_ref, &target))
        })
    };
    let error_box_field = |pasted: &ErrorBox| {
        let field = pasted.field;
        html! {
            <TextField id={field_id(field)} {field} rows={3}
                value={value(field)} problems={shown(field)} on_edit={on_edit.clone()}
                invalid={pasted.unrecognised} status={AttrValue::from(pasted.status.clone().unwrap_or_default())}
                go_to={pasted.diagnosis.then(|| (diagnosis_id.clone(), AttrValue::from("Go to the diagnosis")))}
                on_go_to={(*on_go_to).clone()} />
        }
    };
    let choice = |asked: &ChoiceBox| {
        html! {
            <ChoiceField id={field_id(asked.field)} choice={asked.clone()}
                problems={shown(asked.field)} on_edit={on_edit.clone()} />
        }
    };
    // A field the core names: a list takes a text area, a text one line.
    let text_field = |field: Field| {
        let rows = (fields::def(field).kind() == Kind::List).then_some(2);
        html! {
            <TextField id={field_id(field)} {field} {rows}
                value={value(field)} problems={shown(field)} on_edit={on_edit.clone()} />
        }
    };
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
    let advanced_control = |control: Control| -> Html {
        let field = control.field();
        match control {
            Control::Ec2Principal | Control::SourceConditions => html! {
                <CheckboxField id={field_id(field)} {field} checked={input.switch(field)}
                    problems={shown(field)} on_edit={on_edit.clone()} />
            },
            Control::KmsKeys | Control::Parameters => html! {
                <TextField id={field_id(field)} {field} rows={2}
                    value={value(field)} problems={shown(field)} on_edit={on_edit.clone()} />
            },
            Control::TaskRolePolicy => html! {
                <>
                    if screen.lists_switch {
                        <CheckboxField id={field_id(field)} {field} checked={input.switch(field)}
                            problems={shown(field)} on_edit={on_edit.clone()} />
                    }
                    if screen.task_role_lists == ListsPlace::Advanced {
                        { task_role_fields() }
                    }
                </>
            },
            Control::SecretScope
            | Control::ExistingRoles
            | Control::EcsError
            | Control::Platform
            | Control::EksCredentials
            | Control::EksError => Html::default(),
        }
    };
    let card = |card: &Card| -> Html {
        match card {
            Card::Diagnosis(diagnosis) => html! {
                <DiagnosisCard id={diagnosis_id.clone()} diagnosis={diagnosis.clone()} {heading_level} {names}
                    on_go_to={(*on_go_to).clone()} />
            },
            Card::Document(shown_card) => {
                let document_id = shown_card.id;
                let pasted = shown_card
                    .role_choice
                    .as_ref()
                    .map(|choice| value(choice.policy_field))
                    .unwrap_or_default();
                html! {
                    <DocumentCard key={document_id.as_str()} id_prefix={(*id).clone()}
                        document={DocumentOf { response: response.clone(), id: document_id }}
                        card={shown_card.clone()}
                        {heading_level} {names} on_announce={(*on_announce).clone()}
                        on_fix_fields={(*on_fix_fields).clone()} {pasted}>
                        if let Some(choice) = &shown_card.role_choice {
                            <RoleChoice id={format!("{}-{}", *id, document_id.as_str())} choice={choice.clone()}
                                name_id={field_id(choice.name_field)} policy_id={field_id(choice.policy_field)}
                                name={value(choice.name_field)} policy={value(choice.policy_field)}
                                name_problems={shown(choice.name_field)} policy_problems={shown(choice.policy_field)}
                                on_edit={on_edit.clone()} />
                        }
                    </DocumentCard>
                }
            }
            Card::Exports(exports) => html! {
                <ExportsCard id_prefix={(*id).clone()} response={response.clone()} card={exports.clone()}
                    {heading_level} {names} on_announce={(*on_announce).clone()} />
            },
        }
    };

    html! {
        <div class={view.root_class()} id={(*id).clone()} ref={root_ref}>
            // Not <header>: in a docs page that is a second banner, which is the page's own.
            <div class="ipb__header">
                <@{heading_level.title_tag()} class="ipb__title">{screen.header.title}</@>
                <p class="ipb__intro">
                    if !view.compact {
                        {format!("{} ", screen.header.intro)}
                    }
                    <strong>{view.surroundings.privacy_note()}</strong>
                </p>
            </div>
            <form class="ipb__form" novalidate=true aria-label={names.name("Your agent's AWS details")}
                onsubmit={|event: SubmitEvent| event.prevent_default()}>
                if let Some(platform) = &screen.platform_choice {
                    { choice(platform) }
                }
                if let Some(pasted) = &screen.error_box {
                    if pasted.folded {
                        // The class names the paste box's disclosure on either platform
                        // (it is older than EKS; tests and host pages know it).
                        <details class="ipb__advanced ipb__ecs-error" open={pasted.open}>
                            <summary class="ipb__summary">{pasted.summary}</summary>
                            { error_box_field(pasted) }
                        </details>
                    } else {
                        { error_box_field(pasted) }
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
                if let Some(cluster) = &screen.cluster {
                    if let Some(credentials) = &cluster.credentials {
                        { choice(credentials) }
                    }
                    <div class="ipb__fields">
                        { for cluster.fields.iter().map(|&field| text_field(field)) }
                    </div>
                }
                if let Some(scope) = &screen.scope_choice {
                    { choice(scope) }
                }
                if screen.prefix_field {
                    <TextField id={field_id(Field::SecretPrefix)} field={Field::SecretPrefix}
                    value={value(Field::SecretPrefix)} problems={shown(Field::SecretPrefix)} on_edit={on_edit.clone()} />
                }
                if let Some(advanced) = &screen.advanced {
                    <details class="ipb__advanced" open={advanced.open}>
                        <summary class="ipb__summary">{"Advanced options"}</summary>
                        <div class="ipb__advanced-body">
                            { for advanced.controls.iter().map(|&control| advanced_control(control)) }
                        </div>
                    </details>
                }
                if screen.task_role_lists == ListsPlace::Form {
                    { task_role_fields() }
                }
            </form>
            if props.offer_share_link {
                <ShareRow id={(*id).clone()} input={SharedForm(form.input.clone())} on_announce={(*on_announce).clone()} />
            }
            <section class="ipb__documents" aria-label={names.name("Generated policies")}>
                { for screen.cards.iter().map(card) }
            </section>
            <div class="ipb__visually-hidden" role="status" aria-live="polite">{(*announcement).clone()}</div>
        </div>
    }
}

/// Scrolls to and focuses the element of this builder with `target` as its id.
fn go_to(root: &NodeRef, target: &str) {
    let element = root
        .cast::<web_sys::Element>()
        .and_then(|root| root.query_selector(&format!("#{target}")).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        element.scroll_into_view();
        let _ = element.focus();
    }
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
