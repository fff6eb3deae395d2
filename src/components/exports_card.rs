//! Both roles as infrastructure code: one tab per format, each with Copy and Download.

use super::copy_actions::CopyActions;
use iam_policy_core::{Format, Response, export};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The per-document JSON is in the document cards; these cover both roles at once.
const FORMATS: [Format; 5] = [
    Format::AwsCli,
    Format::CloudFormation,
    Format::CloudFormationJson,
    Format::Terraform,
    Format::Cdk,
];

#[derive(Properties, PartialEq)]
pub struct ExportsCardProps {
    pub id_prefix: AttrValue,
    pub response: Rc<Response>,
    pub on_announce: Callback<String>,
}

#[component]
pub fn ExportsCard(props: &ExportsCardProps) -> Html {
    let selected = use_state(|| 0_usize);
    // Only the tab on show is written, once per change of the form or of the tab.
    let text = use_memo((props.response.clone(), *selected), |(response, index)| {
        export(response, FORMATS[*index]).text
    });
    let tablist_ref = use_node_ref();
    let shown_ref = use_node_ref();
    let id = format!("{}-exports", props.id_prefix);
    let tab_id = |index: usize| format!("{id}-tab-{}", FORMATS[index].id());
    let panel_id = format!("{id}-panel");
    let format = FORMATS[*selected];

    // Arrow keys, Home and End move between tabs and focus the new one (the ARIA tabs
    // pattern); Tab leaves the list for the panel.
    let on_keydown = {
        let (selected, tablist_ref) = (selected.clone(), tablist_ref.clone());
        Callback::from(move |event: KeyboardEvent| {
            let last = FORMATS.len() - 1;
            let next = match event.key().as_str() {
                "ArrowRight" => {
                    if *selected == last {
                        0
                    } else {
                        *selected + 1
                    }
                }
                "ArrowLeft" => {
                    if *selected == 0 {
                        last
                    } else {
                        *selected - 1
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
            <h2 class="ipb__card-title" id={format!("{id}-title")}>{"Both roles as code"}</h2>
            <p class="ipb__role">
                {"The same documents for the tools you deploy with: a re-runnable AWS CLI script, a CloudFormation template, Terraform resources or an AWS CDK construct, with the role names as parameters."}
            </p>
            <div class="ipb__tabs" role="tablist" aria-label="Export format" ref={tablist_ref} onkeydown={on_keydown}>
                { for FORMATS.iter().enumerate().map(|(index, format)| {
                    let chosen = index == *selected;
                    let selected = selected.clone();
                    html! {
                        <button type="button" role="tab" class="ipb__tab" id={tab_id(index)}
                            aria-selected={chosen.to_string()} aria-controls={panel_id.clone()}
                            tabindex={if chosen { "0" } else { "-1" }}
                            onclick={move |_: MouseEvent| selected.set(index)}>
                            {format.label()}
                        </button>
                    }
                }) }
            </div>
            <div class="ipb__tabpanel" role="tabpanel" id={panel_id.clone()} aria-labelledby={tab_id(*selected)}>
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
