//! A labelled single-line input or text area, with its hint and problems.

use super::form_field::{described_by, hint_id, is_invalid, problems_id};
use super::problem_list::ProblemList;
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
    let invalid = is_invalid(&props.problems);
    let described = described_by(&props.id);
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
            <label class="ipb__label" for={props.id.clone()}>{props.label.clone()}</label>
            <p class="ipb__hint" id={hint_id(&props.id)}>{props.hint.clone()}</p>
            {control}
            <ProblemList id={problems_id(&props.id)} problems={props.problems.clone()} {on_fix} />
        </div>
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
