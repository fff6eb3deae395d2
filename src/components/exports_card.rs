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
    let selected = use_state(|| 0_usize);
    let chosen_index = (*selected).min(formats.len().saturating_sub(1));
    let format = formats.get(chosen_index).copied().unwrap_or(Format::Json);
    // Only the tab on show is written, once per change of the form or of the tab.
    let text = use_memo((props.response.clone(), format), |(response, format)| {
        export(response, *format).text
    });
    let tablist_ref = use_node_ref();
    let shown_ref = use_node_ref();
    let id = format!("{}-exports", props.id_prefix);
    let tab_id = |format: Format| format!("{id}-tab-{}", format.id());
    let panel_id = format!("{id}-panel");

    // Arrow keys, Home and End move between tabs and focus the new one (the ARIA tabs
    // pattern); Tab leaves the list for the panel.
    let on_keydown = {
        let (selected, tablist_ref) = (selected.clone(), tablist_ref.clone());
        let last = formats.len().saturating_sub(1);
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
            selected.set(next);
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
        <article class="ipb__card ipb__card--wide" aria-labelledby={format!("{id}-title")}>
            <@{props.heading_level.card_tag()} class="ipb__card-title" id={format!("{id}-title")}>{"Both roles as code"}</@>
            <p class="ipb__role">
                {"Both roles with their policies, for the tool you deploy with, with the role names as parameters. The AWS CLI script can be run again to update them."}
            </p>
            <div class="ipb__tabs" role="tablist" aria-label="Export format" ref={tablist_ref} onkeydown={on_keydown}>
                { for formats.iter().enumerate().map(|(index, &tab_format)| {
                    let chosen = index == chosen_index;
                    let selected = selected.clone();
                    html! {
                        <button type="button" role="tab" class="ipb__tab" id={tab_id(tab_format)}
                            aria-selected={chosen.to_string()} aria-controls={panel_id.clone()}
                            tabindex={if chosen { "0" } else { "-1" }}
                            onclick={move |_: MouseEvent| selected.set(index)}>
                            {tab_format.label()}
                        </button>
                    }
                }) }
            </div>
            <div class="ipb__tabpanel" role="tabpanel" id={panel_id.clone()} aria-labelledby={tab_id(format)}>
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
