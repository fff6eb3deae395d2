//! The standalone page: its builder, from a shared link's form or hydrated from the
//! pre-render.

use super::{mount, page_props, share_link};
use crate::components::builder::Builder;

/// Mounts the standalone page's builder, starting from a shared link's form if the URL
/// has one. The fragment stays in the address bar, so a reload or Back shows the same
/// form, until the form is changed (the share row then removes it). Removing it at once
/// would protect nothing: the browser's history recorded the address, fragment and all,
/// when the link was opened, and `history.replaceState` does not change that record.
///
/// A page pre-rendered at build time is hydrated: its form is already on screen, and what
/// the reader typed into it before the wasm arrived is typed again into the live form, so
/// nothing is lost. A shared link starts from other values than the pre-render, so then
/// the pre-rendered form is replaced.
pub fn mount_page(element: web_sys::Element) -> yew::AppHandle<Builder> {
    let shared = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .and_then(|fragment| share_link::decode(&fragment));
    #[cfg(feature = "hydration")]
    if shared.is_none() && element.first_element_child().is_some() {
        return hydrate(element);
    }
    while let Some(child) = element.first_child() {
        let _ = element.remove_child(&child);
    }
    let handle = mount(element.clone(), page_props(shared.unwrap_or_default()));
    wasm_bindgen_futures::spawn_local(async move { mark_live(&element) });
    handle
}

/// index.html marks `#app` busy until the builder is live, so assistive technology says
/// the page is still loading (and the tests wait for it). Called from a task queued after
/// Yew's first render.
fn mark_live(element: &web_sys::Element) {
    let _ = element.remove_attribute("aria-busy");
}

/// Hydrates the standalone page's pre-rendered builder in `element`, then gives the live
/// form what was typed into the static one.
#[cfg(feature = "hydration")]
fn hydrate(element: web_sys::Element) -> yew::AppHandle<Builder> {
    let before = super::prerendered::BeforeLive::read(&element);
    let handle = yew::Renderer::<Builder>::with_root_and_props(
        element.clone(),
        page_props(crate::FormInput::default()),
    )
    .hydrate();
    // Hydration renders on Yew's scheduler; the replay must reach the live listeners.
    wasm_bindgen_futures::spawn_local(async move {
        before.replay(&element);
        mark_live(&element);
    });
    handle
}
