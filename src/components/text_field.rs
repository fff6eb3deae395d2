//! A labelled single-line input or text area for one field of the core's table, with its
//! hint and problems.

use super::form_field::{described_by, hint_id, is_invalid, problems_id};
use super::problem_list::ProblemList;
use iam_policy_core::view::Edit;
use iam_policy_core::{Field, FieldValue, Problem, input::fields};
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    /// Which field: its label and hint come from the core's field table.
    pub field: Field,
    pub value: AttrValue,
    pub problems: Vec<Problem>,
    /// Takes the new text as typed, the field being left, and a problem's fix.
    pub on_edit: Callback<Edit>,
    /// Takes a problem's fix that sets several fields.
    #[prop_or_default]
    pub on_fix_fields: Callback<Vec<FieldValue>>,
    /// A text area of this many rows instead of a single line.
    #[prop_or_default]
    pub rows: Option<u32>,
    /// A `<datalist>` id offering values.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    /// Marks the control invalid whatever its problems' severity (text that is not what
    /// the field reads, such as a paste that is no ECS error).
    #[prop_or_default]
    pub invalid: bool,
    /// A status line under the control, which it names in `aria-describedby`: a sentence
    /// saying what was read from the text, announced politely. `Some("")` renders it empty
    /// from the start, so screen readers already watch it when the first sentence arrives.
    #[prop_or_default]
    pub status: Option<AttrValue>,
    /// A link after the status: the id of an element of this builder, and its words.
    #[prop_or_default]
    pub go_to: Option<(AttrValue, AttrValue)>,
    /// Takes the id of `go_to` when the link is followed.
    #[prop_or_default]
    pub on_go_to: Callback<AttrValue>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let field = props.field;
    let def = fields::def(field);
    let control_ref = use_node_ref();
    // The fix button disappears with its problem; focus goes back to the field it fixed
    // instead of falling to the page.
    let on_fix = {
        let (on_edit, control_ref) = (props.on_edit.clone(), control_ref.clone());
        Callback::from(move |value: String| {
            on_edit.emit(Edit::Set(field, value));
            if let Some(control) = control_ref.cast::<HtmlElement>() {
                let _ = control.focus();
            }
        })
    };
    let oninput = {
        let on_edit = props.on_edit.clone();
        // Both <input> and <textarea> expose `value` through this cast.
        move |event: InputEvent| {
            let target = event.target_unchecked_into::<HtmlElement>();
            on_edit.emit(Edit::Set(field, js_value(&target)));
        }
    };
    let onblur = {
        let on_edit = props.on_edit.clone();
        move |_: FocusEvent| on_edit.emit(Edit::Leave(field))
    };
    let invalid = props.invalid || is_invalid(&props.problems);
    let has_status = props.status.is_some();
    let status_id = format!("{}-status", props.id);
    let described = if has_status {
        format!("{} {status_id}", described_by(&props.id))
    } else {
        described_by(&props.id)
    };
    let control = match props.rows {
        Some(rows) => html! {
            <textarea id={props.id.clone()} class="ipb__input ipb__input--area" rows={rows.to_string()}
                autocomplete="off" spellcheck="false" value={props.value.clone()}
                aria-invalid={invalid.to_string()} aria-describedby={described} {oninput} {onblur} ref={control_ref} />
        },
        None => html! {
            <input id={props.id.clone()} class="ipb__input" type="text" list={props.list.clone()}
                inputmode={props.inputmode.clone()} autocomplete="off" spellcheck="false"
                value={props.value.clone()} aria-invalid={invalid.to_string()} aria-describedby={described}
                {oninput} {onblur} ref={control_ref} />
        },
    };
    // The control is moved into the markup, not passed on as a child component's props:
    // a shared child would be deep-copied on every render.
    html! {
        // Whole class strings, not classes!(): that builds a hashed set on every render.
        <div class={if invalid { "ipb__field ipb__field--invalid" } else { "ipb__field" }}>
            <label class="ipb__label" for={props.id.clone()}>{def.label}</label>
            <p class="ipb__hint" id={hint_id(&props.id)}>{def.hint}</p>
            {control}
            if let Some(status) = &props.status {
                <p class="ipb__status" id={status_id} role="status">
                    {status.clone()}
                    if let Some((target, words)) = &props.go_to {
                        {" "}
                        <a href={format!("#{target}")} onclick={go_to(target, &props.on_go_to)}>{words.clone()}</a>
                    }
                </p>
            }
            <ProblemList id={problems_id(&props.id)} problems={props.problems.clone()} {on_fix}
                on_fix_fields={props.on_fix_fields.clone()} />
        </div>
    }
}

/// Follows an in-builder link by script: inside a widget's shadow root the browser's own
/// fragment navigation cannot find the element.
fn go_to(target: &AttrValue, on_go_to: &Callback<AttrValue>) -> Callback<MouseEvent> {
    let (target, on_go_to) = (target.clone(), on_go_to.clone());
    Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        on_go_to.emit(target.clone());
    })
}

fn js_value(target: &HtmlElement) -> String {
    use wasm_bindgen::JsCast;
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}
