//! Builders rendered at build time and made live when the wasm arrives: the standalone
//! page's (hydrated) and the iframe page's (replaced by the widget's live builder). What
//! the reader did to the static form before then is given to the live one as their own
//! input would be, and the field they were in keeps the focus.

use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlTextAreaElement, ShadowRoot,
};

/// A form control's state as the reader left it before the wasm arrived.
enum Typed {
    Text(String, String),
    Checked(String, bool),
    /// The n-th `<details>` of the builder, opened (none is open in the pre-render).
    Opened(u32),
}

/// The control the reader was in, and where in its text.
struct Focus {
    id: String,
    selection: Option<(u32, u32)>,
}

/// What the reader did to a pre-rendered builder before it was live.
pub(crate) struct BeforeLive {
    typed: Vec<Typed>,
    focus: Option<Focus>,
}

impl BeforeLive {
    /// Reads the controls of the builder in `root` that differ from the pre-render.
    pub(crate) fn read(root: &Element) -> Self {
        let focus = focused(root).and_then(|control| {
            let id = control.id();
            (!id.is_empty()).then(|| Focus {
                selection: selection(&control),
                id,
            })
        });
        BeforeLive {
            typed: read_controls(root),
            focus,
        }
    }

    /// Gives the live builder in `root` what was read, and the focus back.
    pub(crate) fn replay(self, root: &Element) {
        replay(root, self.typed);
        let Some(Focus { id, selection }) = self.focus else {
            return;
        };
        let Some(control) = by_id(root, &id) else {
            return;
        };
        if let Some(element) = control.dyn_ref::<HtmlElement>() {
            let _ = element.focus();
        }
        if let Some((start, end)) = selection {
            if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                let _ = input.set_selection_range(start, end);
            } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
                let _ = area.set_selection_range(start, end);
            }
        }
    }
}

/// The focused element inside `root`, looking into the shadow root `root` may be in (the
/// document's active element is then the host).
fn focused(root: &Element) -> Option<Element> {
    let node = root.get_root_node();
    let active = match node.dyn_ref::<ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => root.owner_document()?.active_element(),
    }?;
    root.contains(Some(&active)).then_some(active)
}

fn selection(control: &Element) -> Option<(u32, u32)> {
    let (start, end) = if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        (input.selection_start().ok()??, input.selection_end().ok()??)
    } else {
        let area = control.dyn_ref::<HtmlTextAreaElement>()?;
        (area.selection_start().ok()??, area.selection_end().ok()??)
    };
    Some((start, end))
}

/// The control with this id inside `root` (which may be in a shadow root, where the
/// document's getElementById does not look). Our ids are plain: letters, digits, dashes.
fn by_id(root: &Element, id: &str) -> Option<Element> {
    root.query_selector(&format!("#{id}")).ok().flatten()
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
    for entry in typed {
        match entry {
            Typed::Text(id, value) => {
                let Some(control) = by_id(element, &id) else {
                    continue;
                };
                if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                    input.set_value(&value);
                } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
                    area.set_value(&value);
                }
                dispatch_input(&control);
            }
            Typed::Checked(id, checked) => {
                let input = by_id(element, &id).and_then(|c| c.dyn_into::<HtmlInputElement>().ok());
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
