//! Hosting a builder: everything between a page and the builder it shows, in one place.
//! The standalone page (`mount_page`, a shared link's form, hydrating its pre-render),
//! a widget (its settings from data-* attributes or `mount()`'s options and the page's
//! address, its shadow root and stylesheet, replacing its pre-render), and what both
//! pre-renders and live builders render (`page_props`, `widget_props`). The npm package's
//! bindings (src/js_api/) only turn JavaScript values into these calls and back.

pub mod page;
#[cfg(any(feature = "hydration", feature = "js-api"))]
mod prerendered;
pub mod share_link;
#[cfg(feature = "js-api")]
pub(crate) mod widget;
pub mod widget_settings;

use crate::components::builder::{Builder, BuilderProps};
use iam_policy_core::view::{FormInput, View};

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
