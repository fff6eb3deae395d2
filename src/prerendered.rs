//! The standalone page's pre-rendered builder, hydrated: the form the build wrote into
//! index.html becomes the live one, and what the reader did to it before the wasm arrived
//! is given to the live form as their own input would be.

use crate::{Builder, FormInput, page_props};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlInputElement, HtmlTextAreaElement};

/// A form control's state as the reader left it before the wasm arrived.
enum Typed {
    Text(String, String),
    Checked(String, bool),
    /// The n-th `<details>` of the builder, opened (none is open in the pre-render).
    Opened(u32),
}

/// Hydrates the pre-rendered builder in `element`, then gives the live form what was
/// typed into the static one.
pub fn hydrate(element: Element) -> yew::AppHandle<Builder> {
    let typed = read_controls(&element);
    let handle = yew::Renderer::<Builder>::with_root_and_props(
        element.clone(),
        page_props(FormInput::default()),
    )
    .hydrate();
    // Hydration renders on Yew's scheduler; the replay must reach the live listeners.
    wasm_bindgen_futures::spawn_local(async move {
        replay(&element, typed);
        crate::mark_live(&element);
    });
    handle
}

fn controls(element: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = element.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// What differs from the pre-render (an element's default value is its HTML's): that
/// is what the reader typed, ticked or chose.
fn read_controls(element: &Element) -> Vec<Typed> {
    let mut typed = Vec::new();
    for control in controls(element, "input[id], textarea[id]") {
        let id = control.id();
        if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
            match input.type_().as_str() {
                // A choice left for another is replayed by the one chosen.
                "radio" if input.checked() && !input.default_checked() => {
                    typed.push(Typed::Checked(id, true));
                }
                "radio" => {}
                "checkbox" if input.checked() != input.default_checked() => {
                    typed.push(Typed::Checked(id, input.checked()));
                }
                "checkbox" => {}
                _ if input.value() != input.default_value() => {
                    typed.push(Typed::Text(id, input.value()));
                }
                _ => {}
            }
        } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>()
            && area.default_value().ok() != Some(area.value())
        {
            typed.push(Typed::Text(id, area.value()));
        }
    }
    for (n, details) in (0..).zip(controls(element, "details")) {
        if details.has_attribute("open") {
            typed.push(Typed::Opened(n));
        }
    }
    typed
}

/// Gives the live form each value as the reader's own input would: the value, then an
/// `input` event; for a box or a choice, a click that leaves it as the reader did.
/// Whatever hydration left in the field, the live form's state is the pre-render's
/// until it hears the event.
fn replay(element: &Element, typed: Vec<Typed>) {
    let document = element.owner_document();
    let by_id = |id: &str| document.as_ref()?.get_element_by_id(id);
    for entry in typed {
        match entry {
            Typed::Text(id, value) => {
                let Some(control) = by_id(&id) else { continue };
                if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                    input.set_value(&value);
                } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
                    area.set_value(&value);
                }
                dispatch_input(&control);
            }
            Typed::Checked(id, checked) => {
                let input = by_id(&id).and_then(|c| c.dyn_into::<HtmlInputElement>().ok());
                if let Some(input) = input {
                    input.set_checked(!checked);
                    input.click();
                }
            }
            Typed::Opened(n) => {
                // Opened by the reader; the live form keeps it so until they close it.
                if let Some(details) = controls(element, "details").get(n as usize) {
                    let _ = details.set_attribute("open", "");
                }
            }
        }
    }
}

fn dispatch_input(control: &Element) {
    let init = EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
        let _ = control.dispatch_event(&event);
    }
}
