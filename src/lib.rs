//! The iam-policy-builder page and widget: a thin Yew shell over `iam-policy-core`.
//!
//! The shell stores only what the user typed (the core's [`FormInput`], changed by
//! [`Edit`]s); the request, the documents and every problem are derived from it on each
//! change by the core's `build`. `components/` draws the builder; `host/` puts it on a
//! page (the standalone page, widgets, their settings and pre-renders); `js_api/` is the
//! npm package's bindings.

mod clipboard;
mod components;
mod download;
pub mod host;
#[cfg(feature = "js-api")]
mod js_api;

pub use components::builder::{Builder, BuilderProps};
pub use host::page::mount_page;
pub use host::{mount, page_props, widget_props};
pub use iam_policy_core::view::{Edit, FormInput, View};
