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
pub mod share_link;
pub mod view;
pub mod widget_settings;

pub use components::builder::{Builder, BuilderProps};
pub use iam_policy_core::input::{Edit, FormInput};

/// Mounts an independent builder into `element`. The page, embedded widgets and the
/// browser tests all come in through here.
pub fn mount(element: web_sys::Element, props: BuilderProps) -> yew::AppHandle<Builder> {
    yew::Renderer::<Builder>::with_root_and_props(element, props).render()
}

/// Mounts the standalone page's builder, starting from a shared link's form if the URL
/// has one. The fragment is then removed from the address bar, so the account ID it holds
/// is not left in the history for the next person at this browser.
pub fn mount_page(element: web_sys::Element) -> yew::AppHandle<Builder> {
    let initial = web_sys::window()
        .and_then(|window| {
            let location = window.location();
            let input = share_link::decode(&location.hash().ok()?)?;
            let without_fragment = [location.pathname().ok()?, location.search().ok()?].concat();
            if let Ok(history) = window.history() {
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&without_fragment),
                );
            }
            Some(input)
        })
        .unwrap_or_default();
    mount(
        element,
        BuilderProps {
            initial,
            offer_share_link: true,
            view: view::View::default(),
        },
    )
}
