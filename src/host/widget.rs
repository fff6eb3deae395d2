//! A widget: an independent builder in an element's shadow root, so the host page's CSS
//! cannot reach it and its CSS cannot reach the page. Its settings are the element's (its
//! data-* attributes, or `mount()`'s options, as name/value text) and, when it asks, the
//! page's address; a builder pre-rendered into the root at build time (the iframe page's)
//! is replaced by the live one, which takes what the reader did to it meanwhile.

use super::prerendered::BeforeLive;
use super::widget_settings::{self, WidgetSettings};
use crate::components::builder::Builder;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The file every stylesheet discovery looks for.
const STYLESHEET_FILE: &str = "iam-policy-builder.css";

/// The element a build-time pre-render wraps its builder in (scripts/package-embed.mjs).
const PRERENDERED: &str = "[data-ipb-prerendered]";

/// A mounted widget.
pub(crate) struct Widget {
    app: Option<yew::AppHandle<Builder>>,
    root: ShadowRoot,
    /// What was wrong with the settings, one sentence each (also logged as console
    /// warnings): each names the attribute, what it takes, and what was used instead.
    pub(crate) warnings: Vec<String>,
}

impl Widget {
    /// Unmounts the builder and empties the element's shadow root.
    pub(crate) fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        empty(&self.root);
    }
}

/// Mounts a builder in `element`'s shadow root with the element's `settings` (name/value
/// text, as `dataset` gives an element's attributes). `unread` are warnings about
/// settings that could not be read as text at all, said after the reader's own. An error
/// says, for a person, why nothing was mounted.
pub(crate) fn mount(
    element: &Element,
    settings: &[(String, String)],
    unread: Vec<String>,
) -> Result<Widget, String> {
    let element_pairs = || {
        settings
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    };
    let address = if widget_settings::wants_address(element_pairs()) {
        address_pairs()
    } else {
        Vec::new()
    };
    let (settings, mut warnings) = widget_settings::read(
        element_pairs(),
        address
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    );
    warnings.extend(unread);
    // A builder pre-rendered at build time (the iframe page's, in a declarative shadow
    // root) is replaced by the live one, which takes what the reader did to it meanwhile.
    let before = element
        .shadow_root()
        .and_then(|root| root.query_selector(PRERENDERED).ok().flatten())
        .map(|prerendered| {
            let before = BeforeLive::read(&prerendered);
            if let Some(root) = element.shadow_root() {
                empty(&root);
            }
            before
        });
    let root = shadow_root(element)?;
    if root.first_child().is_some() {
        return Err(
            "mount(): this element already holds a builder; call destroy() on it first".to_owned(),
        );
    }
    let WidgetSettings {
        initial,
        view,
        stylesheet,
    } = settings;
    // A root styled already keeps its sheets and gets no link: the widget script adopts a
    // copy of the page's stylesheet (a link in each root was one more request for the same
    // file, and the live builder drew unstyled until it came back), the React component
    // its own. Emptying a pre-rendered root above left them in place.
    if !has_adopted_style_sheets(&root) {
        match stylesheet_link(stylesheet.as_deref())? {
            Some(link) => {
                root.append_child(&link).map_err(dom_error)?;
            }
            None => warnings.push(format!(
                "iam-policy-builder: no stylesheet, so the builder is unstyled. Add <link rel=\"stylesheet\" href=\".../{STYLESHEET_FILE}\"> to the page, or set data-stylesheet (stylesheet) to its URL."
            )),
        }
    }
    let container = document()?.create_element("div").map_err(dom_error)?;
    root.append_child(&container).map_err(dom_error)?;
    for warning in &warnings {
        gloo_console::warn!(warning.as_str());
    }
    let app = super::mount(container.clone(), super::widget_props(initial, view));
    if let Some(before) = before {
        // After Yew's first render, so the replay reaches the live listeners.
        wasm_bindgen_futures::spawn_local(async move { before.replay(&container) });
    }
    Ok(Widget {
        app: Some(app),
        root,
        warnings,
    })
}

fn empty(root: &ShadowRoot) {
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
}

/// Whether the caller styled the shadow root itself with constructed stylesheets: the
/// React component (under a bundler the CSS file has no URL of its own to link) and the
/// widget script (a copy of the page's loaded stylesheet) do.
fn has_adopted_style_sheets(root: &ShadowRoot) -> bool {
    js_sys::Reflect::get(root, &JsValue::from_str("adoptedStyleSheets"))
        .and_then(|sheets| js_sys::Reflect::get(&sheets, &JsValue::from_str("length")))
        .ok()
        .and_then(|length| length.as_f64())
        .is_some_and(|length| length > 0.0)
}

/// The page's query string as name/value pairs, decoded as the browser decodes them.
fn address_pairs() -> Vec<(String, String)> {
    let Some(search) = web_sys::window().and_then(|window| window.location().search().ok()) else {
        return Vec::new();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let Ok(Some(entries)) = js_sys::try_iter(&params) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let entry: js_sys::Array = entry.dyn_into().ok()?;
            Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
        })
        .collect()
}

fn shadow_root(element: &Element) -> Result<ShadowRoot, String> {
    if let Some(root) = element.shadow_root() {
        return Ok(root);
    }
    element
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .map_err(|_| {
            format!(
                "mount(): this <{}> cannot hold a builder: it cannot take a shadow root (elements such as <img>, <input> or <a> cannot, nor one that already has a closed shadow root). Use an empty <div>.",
                element.tag_name().to_ascii_lowercase()
            )
        })
}

/// A `<link>` for the shadow root: to `href` if given, else to the page's own link to the
/// stylesheet, copying its `integrity` and `crossorigin` so Subresource Integrity holds
/// inside the widget too.
fn stylesheet_link(href: Option<&str>) -> Result<Option<Element>, String> {
    let document = document()?;
    let page_link = page_stylesheet(&document, href);
    let Some(href) = href
        .map(str::to_owned)
        .or_else(|| page_link.as_ref().and_then(|l| l.get_attribute("href")))
    else {
        return Ok(None);
    };
    let link = document.create_element("link").map_err(dom_error)?;
    link.set_attribute("rel", "stylesheet").map_err(dom_error)?;
    link.set_attribute("href", &href).map_err(dom_error)?;
    for copied in ["integrity", "crossorigin"] {
        if let Some(value) = page_link.as_ref().and_then(|l| l.get_attribute(copied)) {
            link.set_attribute(copied, &value).map_err(dom_error)?;
        }
    }
    Ok(Some(link))
}

/// The page's `<link rel="stylesheet">` to `href`, or to a file named
/// iam-policy-builder.css when no `href` is given.
fn page_stylesheet(document: &web_sys::Document, href: Option<&str>) -> Option<Element> {
    let links = document
        .query_selector_all("link[rel~='stylesheet'][href]")
        .ok()?;
    (0..links.length())
        .filter_map(|i| links.item(i)?.dyn_into::<Element>().ok())
        .find(|link| {
            let written = link.get_attribute("href").unwrap_or_default();
            match href {
                Some(href) => written == href,
                None => {
                    let path = written.split(['?', '#']).next().unwrap_or_default();
                    path.rsplit('/').next() == Some(STYLESHEET_FILE)
                }
            }
        })
}

fn document() -> Result<web_sys::Document, String> {
    web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| "mount() needs a browser page; in Node, use build()".to_owned())
}

fn dom_error(_: JsValue) -> String {
    "mount(): the page refused to add the builder's elements".to_owned()
}
