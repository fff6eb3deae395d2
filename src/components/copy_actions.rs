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
        Callback::from(move |_: MouseEvent| {
            let (copied, refused, shown_in) = (copied.clone(), refused.clone(), shown_in.clone());
            let (on_announce, text, what) = (on_announce.clone(), text.clone(), what.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if clipboard::write_text(&text).await {
                    refused.set(false);
                    copied.set(Some(text));
                    on_announce.emit(format!("Copied {what} to the clipboard."));
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
        Callback::from(move |_: MouseEvent| {
            if download::save(&file_name, &text) {
                on_announce.emit(format!("Downloaded {file_name}."));
            } else {
                on_announce
                    .emit("This browser did not allow the download; use Copy instead.".to_owned());
            }
        })
    };
    let is_copied = copied.as_ref() == Some(&props.text);
    html! {
        <>
            <span class="ipb__actions">
                // The status region announces success; this mark is for sighted users.
                if is_copied {
                    <span class="ipb__copied" aria-hidden="true">{"Copied ✓"}</span>
                }
                <button type="button" class="ipb__button ipb__button--secondary" onclick={on_download}>
                    {"Download"}
                    <span class="ipb__visually-hidden">{format!(" {}", props.what)}</span>
                </button>
                // The name stays the same after a click, so nobody loses the button.
                <button type="button" class="ipb__button" onclick={on_copy}>
                    {"Copy"}
                    <span class="ipb__visually-hidden">{format!(" {}", props.what)}</span>
                </button>
            </span>
            if *refused {
                <p class="ipb__copy-fallback">{COPY_REFUSED}</p>
            }
        </>
    }
}
