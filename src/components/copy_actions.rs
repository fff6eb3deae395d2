//! Copy and Download for one text, with the fallback when the clipboard is refused.

use crate::{clipboard, download};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyActionsProps {
    pub text: AttrValue,
    pub file_name: AttrValue,
    /// What the text is, for button names and announcements: "the Terraform export".
    pub what: AttrValue,
    /// The element holding the text, selected when copying is refused.
    pub shown_in: NodeRef,
    /// What must be done before the text can be used ("fill in or fix AWS account ID
    /// first"), when anything must: Copy and Download still work, and say so.
    #[prop_or_default]
    pub not_ready: Option<AttrValue>,
    /// Whether the text still holds placeholders such as `<account-id>`.
    #[prop_or_default]
    pub placeholders: bool,
    pub on_announce: Callback<String>,
}

const COPY_REFUSED: &str =
    "This browser did not allow copying, so the text is selected: press Ctrl+C (⌘C on a Mac).";

#[component]
pub fn CopyActions(props: &CopyActionsProps) -> Html {
    // The text last copied: "Copied" shows only while it is still what is shown.
    let copied = use_state(|| None::<AttrValue>);
    let refused = use_state(|| false);
    let on_copy = {
        let (copied, refused, shown_in) = (copied.clone(), refused.clone(), props.shown_in.clone());
        let (on_announce, text, what) = (
            props.on_announce.clone(),
            props.text.clone(),
            props.what.clone(),
        );
        let warning = not_ready_warning(props.not_ready.as_deref(), props.placeholders);
        Callback::from(move |_: MouseEvent| {
            let (copied, refused, shown_in) = (copied.clone(), refused.clone(), shown_in.clone());
            let (on_announce, text, what) = (on_announce.clone(), text.clone(), what.clone());
            let warning = warning.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if clipboard::write_text(&text).await {
                    refused.set(false);
                    copied.set(Some(text));
                    on_announce.emit(format!("Copied {what} to the clipboard.{warning}"));
                } else {
                    if let Some(node) = shown_in.get() {
                        clipboard::select_contents(&node);
                    }
                    refused.set(true);
                    on_announce.emit(COPY_REFUSED.to_owned());
                }
            });
        })
    };
    let on_download = {
        let (on_announce, text, file_name) = (
            props.on_announce.clone(),
            props.text.clone(),
            props.file_name.clone(),
        );
        let warning = not_ready_warning(props.not_ready.as_deref(), props.placeholders);
        Callback::from(move |_: MouseEvent| {
            if download::save(&file_name, &text) {
                on_announce.emit(format!("Downloaded {file_name}.{warning}"));
            } else {
                on_announce
                    .emit("This browser did not allow the download; use Copy instead.".to_owned());
            }
        })
    };
    let is_copied = copied.as_ref() == Some(&props.text);
    // After the buttons and always in the layout at its widest, so what it says never
    // moves them under the pointer.
    let mark = match (is_copied, props.not_ready.is_some()) {
        (false, _) => "",
        (true, false) => "Copied ✓",
        (true, true) => "Copied, not ready",
    };
    html! {
        <>
            <span class="ipb__actions">
                <button type="button" class="ipb__button ipb__button--secondary" onclick={on_download}>
                    {"Download"}
                    <span class="ipb__visually-hidden">{format!(" {}", props.what)}</span>
                </button>
                // The name stays the same after a click, so nobody loses the button.
                <button type="button" class="ipb__button" onclick={on_copy}>
                    {"Copy"}
                    <span class="ipb__visually-hidden">{format!(" {}", props.what)}</span>
                </button>
                // The status region announces it; this mark is for sighted users.
                <span class="ipb__copied" aria-hidden="true">{mark}</span>
            </span>
            if *refused {
                <p class="ipb__copy-fallback">{COPY_REFUSED}</p>
            }
        </>
    }
}

/// The sentence a copy or download of a text that is not ready ends with.
fn not_ready_warning(not_ready: Option<&str>, placeholders: bool) -> String {
    not_ready.map_or_else(String::new, |what| {
        if placeholders {
            format!(
                " It is not ready to use: {what}; it still holds placeholders such as <account-id>."
            )
        } else {
            format!(" It is not ready to use: {what}.")
        }
    })
}
