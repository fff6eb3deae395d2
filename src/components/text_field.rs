//! A labelled single-line input or text area, with its hint and problems.

use super::form_field::{FormField, described_by, is_invalid};
use iam_policy_core::Problem;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub hint: AttrValue,
    pub value: AttrValue,
    pub problems: Vec<Problem>,
    pub on_change: Callback<String>,
    /// Called when focus leaves the control: its problems show from then on.
    pub on_leave: Callback<()>,
    /// A text area of this many rows instead of a single line.
    #[prop_or_default]
    pub rows: Option<u32>,
    /// A `<datalist>` id offering values.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    /// Called with a problem's suggested value when the user picks it.
    #[prop_or_default]
    pub on_fix: Callback<String>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let control_ref = use_node_ref();
    // The fix button disappears with its problem; focus goes back to the field it fixed
    // instead of falling to the page.
    let on_fix = {
        let (on_fix, control_ref) = (props.on_fix.clone(), control_ref.clone());
        Callback::from(move |value: String| {
            on_fix.emit(value);
            if let Some(control) = control_ref.cast::<HtmlElement>() {
                let _ = control.focus();
            }
        })
    };
    let oninput = {
        let on_change = props.on_change.clone();
        // Both <input> and <textarea> expose `value` through this cast.
        move |event: InputEvent| {
            let target = event.target_unchecked_into::<HtmlElement>();
            let value = js_value(&target);
            on_change.emit(value);
        }
    };
    let onblur = {
        let on_leave = props.on_leave.clone();
        move |_: FocusEvent| on_leave.emit(())
    };
    let invalid = is_invalid(&props.problems).to_string();
    let described = described_by(&props.id);
    let control = match props.rows {
        Some(rows) => html! {
            <textarea id={props.id.clone()} class="ipb__input ipb__input--area" rows={rows.to_string()}
                autocomplete="off" spellcheck="false" value={props.value.clone()}
                aria-invalid={invalid} aria-describedby={described} {oninput} {onblur} ref={control_ref} />
        },
        None => html! {
            <input id={props.id.clone()} class="ipb__input" type="text" list={props.list.clone()}
                inputmode={props.inputmode.clone()} autocomplete="off" spellcheck="false"
                value={props.value.clone()} aria-invalid={invalid} aria-describedby={described}
                {oninput} {onblur} ref={control_ref} />
        },
    };
    html! {
        <FormField id={props.id.clone()} label={props.label.clone()} hint={props.hint.clone()}
            problems={props.problems.clone()} {on_fix}>
            {control}
        </FormField>
    }
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
