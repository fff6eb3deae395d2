//! The iam-policy-builder page and widget: a thin Yew shell over `iam-policy-core`.
//!
//! The shell stores only what the user typed ([`FormInput`]); the request, the documents
//! and every problem are derived from it on each change by the core's `build`.

mod clipboard;
mod components;
mod form_input;

pub use components::builder::{Builder, BuilderProps};
pub use form_input::FormInput;

/// Mounts an independent builder into `element`. The page, embedded widgets and the
/// browser tests all come in through here.
pub fn mount(element: web_sys::Element, props: BuilderProps) -> yew::AppHandle<Builder> {
    yew::Renderer::<Builder>::with_root_and_props(element, props).render()
}
