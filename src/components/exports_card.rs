//! Both roles as infrastructure code: one tab per format, each with Copy and Download.

use super::copy_actions::CopyActions;
use crate::view::HeadingLevel;
use iam_policy_core::{Format, Response, export};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportsCardProps {
    pub id_prefix: AttrValue,
    pub response: Rc<Response>,
    /// The tabs, in order; never empty (the builder leaves the card out instead).
    pub formats: Vec<Format>,
    /// The builder's title level; the card's heading is one below.
    pub heading_level: HeadingLevel,
    pub on_announce: Callback<String>,
}

#[component]
pub fn ExportsCard(props: &ExportsCardProps) -> Html {
    let formats = &props.formats;
    let selected = use_state_eq(|| 0_usize);
    let chosen_index = (*selected).min(formats.len().saturating_sub(1));
    let format = formats.get(chosen_index).copied().unwrap_or(Format::Json);
    // Only the tab on show is written, once per change of the form or of the tab. Shared
    // (not copied) by the panel and the copy buttons: at 1,000 secrets it is 100 KB.
    let text = use_memo((props.response.clone(), format), |(response, format)| {
        AttrValue::from(export(response, *format).text)
    });
    let shown_ref = use_node_ref();
    let on_select = {
        let selected = selected.setter();
        use_memo((), move |()| {
            Callback::from(move |index| selected.set(index))
        })
    };
    let id = AttrValue::from(format!("{}-exports", props.id_prefix));
    let panel_id = format!("{id}-panel");

    html! {
        <article class="ipb__card ipb__card--wide" aria-labelledby={format!("{id}-title")}>
            <@{props.heading_level.card_tag()} class="ipb__card-title" id={format!("{id}-title")}>{"Both roles as code"}</@>
            <p class="ipb__role">
                {"Both roles with their policies, for the tool you deploy with, with the role names as parameters. The AWS CLI script can be run again to update them."}
            </p>
            <ExportTabs id={id.clone()} formats={formats.clone()} {chosen_index} on_select={(*on_select).clone()} />
            <div class="ipb__tabpanel" role="tabpanel" id={panel_id} aria-labelledby={tab_id(&id, format)}>
                <div class="ipb__toolbar">
                    <span class="ipb__size">{format.file_name()}</span>
                    <CopyActions text={(*text).clone()} file_name={format.file_name()}
                        what={format!("the {} export", format.label())} shown_in={shown_ref.clone()}
                        on_announce={props.on_announce.clone()} />
                </div>
                <pre class="ipb__json" tabindex="0" role="region" aria-label={format!("{} export", format.label())}
                    ref={shown_ref} data-export={format.id()}><code>{(*text).clone()}</code></pre>
            </div>
        </article>
    }
}

fn tab_id(id: &str, format: Format) -> String {
    format!("{id}-tab-{}", format.id())
}

#[derive(Properties, PartialEq)]
struct ExportTabsProps {
    /// The exports card's id; tab and panel ids derive from it.
    id: AttrValue,
    formats: Vec<Format>,
    chosen_index: usize,
    on_select: Callback<usize>,
}

/// The format tabs. A component of their own so that typing, which changes the export's
/// text, does not rebuild them.
#[component]
fn ExportTabs(props: &ExportTabsProps) -> Html {
    let tablist_ref = use_node_ref();
    let chosen_index = props.chosen_index;
    let panel_id = format!("{}-panel", props.id);

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
