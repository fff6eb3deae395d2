//! The export formats as ARIA tabs: arrow keys, Home and End move between them.

use iam_policy_core::Format;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The id of the tab for `format` in the exports card with this id.
pub fn tab_id(id: &str, format: Format) -> String {
    format!("{id}-tab-{}", format.id())
}

/// The id of the panel the tabs control in the exports card with this id.
pub fn panel_id(id: &str) -> String {
    format!("{id}-panel")
}

#[derive(Properties, PartialEq)]
pub struct ExportTabsProps {
    /// The exports card's id; tab and panel ids derive from it.
    pub id: AttrValue,
    pub formats: Vec<Format>,
    pub chosen_index: usize,
    pub on_select: Callback<usize>,
}

/// The format tabs. A component of their own so that typing, which changes the export's
/// text, does not rebuild them.
#[component]
pub fn ExportTabs(props: &ExportTabsProps) -> Html {
    let tablist_ref = use_node_ref();
    let chosen_index = props.chosen_index;
    let panel_id = panel_id(&props.id);

    // Arrow keys, Home and End move between tabs and focus the new one (the ARIA tabs
    // pattern); Tab leaves the list for the panel.
    let on_keydown = {
        let (on_select, tablist_ref) = (props.on_select.clone(), tablist_ref.clone());
        let last = props.formats.len().saturating_sub(1);
        Callback::from(move |event: KeyboardEvent| {
            let next = match event.key().as_str() {
                "ArrowRight" => {
                    if chosen_index == last {
                        0
                    } else {
                        chosen_index + 1
                    }
                }
                "ArrowLeft" => {
                    if chosen_index == 0 {
                        last
                    } else {
                        chosen_index - 1
                    }
                }
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            event.prevent_default();
            // The key is ours: docs sites bind the arrow keys to their previous and next
            // page (mdBook does, on the document), and the event would reach them from the
            // shadow root and turn the page while the reader moves between tabs.
            event.stop_propagation();
            on_select.emit(next);
            let tab = tablist_ref
                .cast::<web_sys::Element>()
                .and_then(|list| {
                    list.children()
                        .item(u32::try_from(next).unwrap_or_default())
                })
                .and_then(|tab| tab.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(tab) = tab {
                let _ = tab.focus();
            }
        })
    };

    html! {
        <div class="ipb__tabs" role="tablist" aria-label="Export format" ref={tablist_ref} onkeydown={on_keydown}>
            { for props.formats.iter().enumerate().map(|(index, &tab_format)| {
                let chosen = index == chosen_index;
                let on_select = props.on_select.clone();
                html! {
                    <button type="button" role="tab" class="ipb__tab" id={tab_id(&props.id, tab_format)}
                        aria-selected={chosen.to_string()} aria-controls={panel_id.clone()}
                        tabindex={if chosen { "0" } else { "-1" }}
                        onclick={move |_: MouseEvent| on_select.emit(index)}>
                        {tab_format.label()}
                    </button>
                }
            }) }
        </div>
    }
}
