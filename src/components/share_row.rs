//! "Copy link to this form": the form in the URL fragment, copied only on request.

use super::form_state::SharedForm;
use crate::clipboard;
use crate::share_link;
use iam_policy_core::input::FormInput;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareRowProps {
    pub input: SharedForm,
    pub on_announce: Callback<String>,
}

/// The link is made when the button is pressed, never while typing, so the account ID
/// reaches the address bar or clipboard only when the user asks.
#[component]
pub fn ShareRow(props: &ShareRowProps) -> Html {
    // The link the browser would not copy, shown selected for Ctrl+C instead.
    let uncopied = use_state(|| None::<String>);
    let link_ref = use_node_ref();
    let on_copy = {
        let input = props.input.clone();
        let on_announce = props.on_announce.clone();
        let uncopied = uncopied.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(link) = link_to(&input.0) else {
                return;
            };
            let (on_announce, uncopied) = (on_announce.clone(), uncopied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if clipboard::write_text(&link).await {
                    uncopied.set(None);
                    on_announce.emit(
                        "Copied a link to this form. It contains your account ID.".to_owned(),
                    );
                } else {
                    uncopied.set(Some(link));
                    on_announce.emit("This browser did not allow copying; the link is shown selected — press Ctrl+C (⌘C on a Mac).".to_owned());
                }
            });
        })
    };
    {
        // Select the shown link once it is on the page.
        let link_ref = link_ref.clone();
        use_effect_with((*uncopied).clone(), move |shown| {
            if shown.is_some()
                && let Some(field) = link_ref.cast::<web_sys::HtmlInputElement>()
            {
                field.select();
                let _ = field.focus();
            }
        });
    }
    html! {
        <div class="ipb__share">
            <button type="button" class="ipb__button ipb__button--secondary" onclick={on_copy}>
                {"Copy link to this form"}
            </button>
            <p class="ipb__hint ipb__share-note">
                {"The link holds what you entered, including your account ID. This page stores nothing: no cookies, no local storage."}
            </p>
            if let Some(link) = &*uncopied {
                <input class="ipb__input ipb__share-link" type="text" readonly=true value={link.clone()}
                    aria-label="Link to this form" ref={link_ref} />
            }
        </div>
    }
}

fn link_to(input: &FormInput) -> Option<String> {
    let location = web_sys::window()?.location();
    let base = [
        location.origin().ok()?,
        location.pathname().ok()?,
        location.search().ok()?,
    ]
    .concat();
    Some(format!("{base}#{}", share_link::encode(input)))
}
