//! "Copy link to this form": the form in the URL fragment, copied only on request, with
//! the pasted texts only when the person ticks the box for them.

use super::form_state::SharedForm;
use crate::clipboard;
use crate::host::share_link;
use iam_policy_core::view::FormInput;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareRowProps {
    /// The builder's id prefix, for the checkbox's and the note's ids.
    pub id: AttrValue,
    pub input: SharedForm,
    pub on_announce: Callback<String>,
}

/// The link is made when the button is pressed, never while typing, so the account ID
/// reaches the address bar or clipboard only when the user asks.
#[component]
pub fn ShareRow(props: &ShareRowProps) -> Html {
    // Pasted policies and ECS errors stay out of the link unless asked for: they can name
    // other roles, accounts and secrets, and a link ends up in chats and browser histories.
    let with_pasted = use_state_eq(|| false);
    // The form and choice last copied: "Copied ✓" shows only while the link would still
    // be the same.
    let copied = use_state(|| None::<(SharedForm, bool)>);
    // The link the browser would not copy, shown selected for Ctrl+C instead.
    let uncopied = use_state(|| None::<String>);
    let link_ref = use_node_ref();
    let on_copy = {
        let input = props.input.clone();
        let on_announce = props.on_announce.clone();
        let (copied, uncopied, with_pasted) = (copied.clone(), uncopied.clone(), *with_pasted);
        Callback::from(move |_: MouseEvent| {
            let Some(link) = link_to(&input.0, with_pasted) else {
                return;
            };
            let contents = share_link::contents(&input.0, with_pasted);
            let (on_announce, copied, uncopied) =
                (on_announce.clone(), copied.clone(), uncopied.clone());
            let input = input.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if clipboard::write_text(&link).await {
                    uncopied.set(None);
                    copied.set(Some((input, with_pasted)));
                    on_announce.emit(format!("Copied a link to this form. {contents}"));
                } else {
                    uncopied.set(Some(link));
                    on_announce.emit("This browser did not allow copying; the link is shown selected — press Ctrl+C (⌘C on a Mac).".to_owned());
                }
            });
        })
    };
    let on_toggle = {
        let with_pasted = with_pasted.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            with_pasted.set(input.checked());
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
    // A page opened from a link keeps it in the address bar while the form is the link's,
    // so a reload or Back shows it again; once the form is changed, the address no longer
    // describes it and loses the fragment.
    use_effect_with(props.input.clone(), |input| forget_changed_link(&input.0));

    let pasted = share_link::pasted(&props.input.0);
    let is_copied = (*copied).as_ref() == Some(&(props.input.clone(), *with_pasted));
    let box_id = format!("{}-share-pasted", props.id);
    let note_id = format!("{}-share-note", props.id);
    html! {
        <div class="ipb__share">
            <span class="ipb__actions">
                <button type="button" class="ipb__button ipb__button--secondary" onclick={on_copy}
                    aria-describedby={note_id.clone()}>
                    {"Copy link to this form"}
                </button>
                // The status region announces it; this mark is for sighted users, always in
                // the layout at its widest so it never moves the button.
                <span class="ipb__copied" aria-hidden="true">{if is_copied { "Copied ✓" } else { "" }}</span>
            </span>
            if !pasted.is_empty() {
                <div class="ipb__field ipb__field--checkbox ipb__share-pasted">
                    <input id={box_id.clone()} class="ipb__checkbox" type="checkbox" checked={*with_pasted}
                        aria-describedby={note_id.clone()} onchange={on_toggle} />
                    <label class="ipb__label" for={box_id}>
                        {format!("Also put {} in the link", share_link::and_list(&pasted))}
                    </label>
                </div>
            }
            <p class="ipb__hint ipb__share-note" id={note_id}>
                {format!("{} This page stores nothing: no cookies, no local storage.", share_link::contents(&props.input.0, *with_pasted))}
            </p>
            if let Some(link) = &*uncopied {
                <input class="ipb__input ipb__share-link" type="text" readonly=true value={link.clone()}
                    aria-label="Link to this form" ref={link_ref} />
            }
        </div>
    }
}

fn link_to(input: &FormInput, with_pasted: bool) -> Option<String> {
    let location = web_sys::window()?.location();
    let base = [
        location.origin().ok()?,
        location.pathname().ok()?,
        location.search().ok()?,
    ]
    .concat();
    Some(format!("{base}#{}", share_link::encode(input, with_pasted)))
}

/// Removes a share link's fragment from the address bar once the form differs from it.
///
/// This is about the address bar only: the browser's history recorded the address with
/// its fragment when the link was opened (Chromium's history database keeps the whole
/// URL), and `replaceState` does not take it out of there.
fn forget_changed_link(input: &FormInput) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Some(linked) = location.hash().ok().and_then(|h| share_link::decode(&h)) else {
        return;
    };
    if share_link::same_form(&linked, input) {
        return;
    }
    let (Ok(path), Ok(query), Ok(history)) =
        (location.pathname(), location.search(), window.history())
    else {
        return;
    };
    let _ =
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&(path + &query)));
}
