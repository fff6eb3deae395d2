//! The roles the builder shows, as infrastructure code: one tab per format, each with Copy
//! and Download. What it covers, its title and its words are the core's.

use super::copy_actions::CopyActions;
use super::export_tabs::{ExportTabs, panel_id, tab_id};
use iam_policy_core::export::export_documents;
use iam_policy_core::view::ExportsCard as ExportsCardView;
use iam_policy_core::view::{HeadingLevel, LandmarkNames};
use iam_policy_core::{Format, Response};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportsCardProps {
    pub id_prefix: AttrValue,
    pub response: Rc<Response>,
    /// What the card covers, as the core decided: its tabs (never none: the card is left
    /// out instead) and the documents shown.
    pub card: ExportsCardView,
    /// The builder's title level; the card's heading is one below.
    pub heading_level: HeadingLevel,
    /// Names its export block apart from another builder's.
    pub names: LandmarkNames,
    pub on_announce: Callback<String>,
}

#[component]
pub fn ExportsCard(props: &ExportsCardProps) -> Html {
    let formats = &props.card.formats;
    let selected = use_state_eq(|| 0_usize);
    let chosen_index = (*selected).min(formats.len().saturating_sub(1));
    let format = formats.get(chosen_index).copied().unwrap_or(Format::Json);
    // Only the tab on show is written, once per change of the form or of the tab. Shared
    // (not copied) by the panel and the copy buttons: at 1,000 secrets it is 100 KB.
    let scope = props.card.scope;
    let written = use_memo(
        (SameResponse(props.response.clone()), format, scope),
        |(response, format, scope)| {
            let export = export_documents(&response.0, *format, *scope);
            (
                AttrValue::from(export.text),
                export.not_ready.map(AttrValue::from),
                export.placeholders,
            )
        },
    );
    let (text, not_ready, placeholders) = &*written;
    let shown_ref = use_node_ref();
    let on_select = {
        let selected = selected.setter();
        use_memo((), move |()| {
            Callback::from(move |index| selected.set(index))
        })
    };
    let id = AttrValue::from(format!("{}-exports", props.id_prefix));

    html! {
        <article class="ipb__card ipb__card--wide" aria-labelledby={format!("{id}-title")}>
            <@{props.heading_level.card_tag()} class="ipb__card-title" id={format!("{id}-title")}>{scope.title()}</@>
            <p class="ipb__role">{scope.intro(formats)}</p>
            <ExportTabs id={id.clone()} formats={formats.clone()} {chosen_index} on_select={(*on_select).clone()} />
            <div class="ipb__tabpanel" role="tabpanel" id={panel_id(&id)} aria-labelledby={tab_id(&id, format)}>
                <div class="ipb__toolbar">
                    <span class="ipb__size">{format.file_name()}</span>
                    <CopyActions text={text.clone()} file_name={format.file_name()}
                        what={format!("the {} export", format.label())} shown_in={shown_ref.clone()}
                        not_ready={not_ready.clone()} placeholders={*placeholders}
                        on_announce={props.on_announce.clone()} />
                </div>
                // Not wrapped: a wrapped line of a script reads as two, and a comment's second
                // line as code (the stylesheet's ipb__json--export).
                <pre class="ipb__json ipb__json--export" tabindex="0" role="region" aria-label={props.names.name(&format!("{} export", format.label()))}
                    ref={shown_ref} data-export={format.id()}><code>{text.clone()}</code></pre>
            </div>
        </article>
    }
}

/// The response as the memo's key, compared by identity. Yew has already compared the
/// props' responses by content to decide to render, so a new response here is a changed
/// one (unless another prop changed with it, when the export is only written again).
/// Comparing contents once more would repeat that work on every keystroke. Holding the Rc
/// keeps the old response alive, so its address cannot be reused for a new one.
struct SameResponse(Rc<Response>);

impl PartialEq for SameResponse {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
