//! The iam-policy-builder page and widget: a thin Yew shell over `iam-policy-core`.
//!
//! The shell stores only what the user typed (the core's [`FormInput`], changed by
//! [`Edit`]s); the request, the documents and every problem are derived from it on each
//! change by the core's `build`.

mod clipboard;
mod components;
mod download;
#[cfg(feature = "js-api")]
mod js_api;
#[cfg(any(feature = "hydration", feature = "js-api"))]
mod prerendered;
pub mod share_link;
pub mod widget_settings;

pub use components::builder::{Builder, BuilderProps};
pub use iam_policy_core::view::{Edit, FormInput, View};

/// Mounts an independent builder into `element`. The page, embedded widgets and the
/// browser tests all come in through here.
pub fn mount(element: web_sys::Element, props: BuilderProps) -> yew::AppHandle<Builder> {
    yew::Renderer::<Builder>::with_root_and_props(element, props).render()
}

/// The standalone page's builder, starting from `initial`. The build-time pre-render
/// (src/bin/prerender.rs) renders exactly this with the empty form, so the page can
/// hydrate what it wrote.
pub fn page_props(initial: FormInput) -> BuilderProps {
    BuilderProps {
        initial,
        offer_share_link: true,
        view: View::default(),
    }
}

/// A widget's builder (the drop-in widget, the iframe page, `mount()`): no share link, the
/// look its settings ask for. The build-time pre-render of the iframe page renders exactly
/// this with that page's settings.
pub fn widget_props(initial: FormInput, view: View) -> BuilderProps {
    BuilderProps {
        initial,
        offer_share_link: false,
        view,
    }
}

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
        return prerendered::hydrate(element);
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
