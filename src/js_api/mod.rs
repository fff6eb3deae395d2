//! The npm package's API, which the drop-in widget uses too: `build(request)`,
//! `exportAs(request, format)` and `mount(element, options)`. Compiled only with the
//! `js-api` feature (wasm-pack turns it on), so the standalone page does not carry it.

mod options;

use crate::components::builder::Builder;
use crate::prerendered::BeforeLive;
use crate::widget_settings::{self, WidgetSettings};
use iam_policy_core::export::{Scope, export_documents};
use iam_policy_core::{Format, Request, Response};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Every type the functions below name, generated from the core's types and tables
/// (`iam_policy_core::contract`; `tests/contract.rs` holds the file to it).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `mount()`'s settings object, typed in types.d.ts; an optional parameter this way.
    #[wasm_bindgen(typescript_type = "MountOptions")]
    pub type MountOptions;

    /// `exportAs()`'s documents, as `mount()`'s `documents` option takes them; optional.
    #[wasm_bindgen(typescript_type = "DocumentId[] | string")]
    pub type ExportDocuments;
}

/// The file every stylesheet discovery looks for.
const STYLESHEET_FILE: &str = "iam-policy-builder.css";

/// The element a build-time pre-render wraps its builder in (scripts/package-embed.mjs).
const PRERENDERED: &str = "[data-ipb-prerendered]";

/// Builds the documents for `request`: the core's response as a plain object, exactly as
/// the CLI prints it. Throws only when `request` is not a request at all (a wrong type, an
/// unknown field); anything wrong with the values is a problem in the response.
#[wasm_bindgen(js_name = build, unchecked_return_type = "BuildResponse")]
pub fn build_js(
    #[wasm_bindgen(unchecked_param_type = "BuildRequest")] request: JsValue,
) -> Result<JsValue, JsError> {
    let response = build_from(&request, "build")?;
    to_plain_object(&response)
}

/// One of the exports the page offers (or the response as JSON) for `request`, with a
/// file name to save it under. `documents` (ids, as `mount()`'s `documents` takes them:
/// a list, or text separated by spaces or commas) limits it to those documents' roles;
/// left out, it covers every document.
#[wasm_bindgen(js_name = exportAs, unchecked_return_type = "ExportResult")]
pub fn export_as(
    #[wasm_bindgen(unchecked_param_type = "BuildRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExportFormat")] format: &str,
    documents: Option<ExportDocuments>,
) -> Result<JsValue, JsError> {
    let format: Format = format
        .parse()
        .map_err(|unknown| JsError::new(&format!("exportAs(): {unknown}")))?;
    let scope = scope_of(&documents.map_or(JsValue::UNDEFINED, JsValue::from))?;
    let response = build_from(&request, "exportAs")?;
    to_plain_object(&export_documents(&response, format, scope))
}

/// `exportAs()`'s documents: every document when not given, else the ids listed.
fn scope_of(documents: &JsValue) -> Result<Scope, JsError> {
    if documents.is_undefined() || documents.is_null() {
        return Ok(Scope::ALL);
    }
    let not_a_list = || {
        JsError::new(
            "exportAs(): documents must be a list of document ids such as [\"execution-role-secrets-policy\"]",
        )
    };
    let list = if let Some(text) = documents.as_string() {
        text
    } else if js_sys::Array::is_array(documents) {
        let ids: Option<Vec<String>> = documents
            .unchecked_ref::<js_sys::Array>()
            .iter()
            .map(|id| id.as_string())
            .collect();
        ids.ok_or_else(not_a_list)?.join(" ")
    } else {
        return Err(not_a_list());
    };
    Scope::parse(&list).map_err(|error| JsError::new(&format!("exportAs(): documents: {error}")))
}

/// Reads the request through JSON, so it is held to exactly the CLI's contract
/// (camelCase names, unknown fields refused).
fn build_from(request: &JsValue, function: &str) -> Result<Response, JsError> {
    let not_a_request = || {
        JsError::new(&format!(
            "{function}(): the request must be an object such as {{ account: \"123456789012\", region: \"eu-west-1\", secrets: [\"matillion/agent\"] }}"
        ))
    };
    if !request.is_object() {
        return Err(not_a_request());
    }
    let json = js_sys::JSON::stringify(request)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(not_a_request)?;
    let request: Request = serde_json::from_str(&json).map_err(|error| {
        JsError::new(&format!("{function}(): the request is not valid: {error}"))
    })?;
    Ok(iam_policy_core::build(&request))
}

fn to_plain_object(value: &impl Serialize) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|error| JsError::new(&error.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("the response could not be read back"))
}

/// A mounted builder. `destroy()` removes it; the element may then be mounted again.
#[wasm_bindgen]
pub struct Widget {
    app: Option<yew::AppHandle<Builder>>,
    root: ShadowRoot,
    warnings: Vec<String>,
}

#[wasm_bindgen]
impl Widget {
    /// Unmounts the builder and empties the element's shadow root.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        empty(&self.root);
    }

    /// What was wrong with the settings, one sentence each (also logged as console
    /// warnings): each names the attribute, what it takes, and what was used instead.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }
}

/// Mounts an independent builder in `element`'s shadow root, so the host page's CSS cannot
/// reach it and its CSS cannot reach the page. `options` are the widget's settings, the
/// same as its data-* attributes.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: &Element, options: Option<MountOptions>) -> Result<Widget, JsError> {
    let pairs = options::pairs(&options.map_or(JsValue::UNDEFINED, JsValue::from))?;
    let element_pairs = || {
        pairs
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
    warnings.extend(pairs.warnings);
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
        return Err(JsError::new(
            "mount(): this element already holds a builder; call destroy() on it first",
        ));
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
    let app = crate::mount(container.clone(), crate::widget_props(initial, view));
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

fn shadow_root(element: &Element) -> Result<ShadowRoot, JsError> {
    if let Some(root) = element.shadow_root() {
        return Ok(root);
    }
    element
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .map_err(|_| {
            JsError::new(&format!(
                "mount(): this <{}> cannot hold a builder: it cannot take a shadow root (elements such as <img>, <input> or <a> cannot, nor one that already has a closed shadow root). Use an empty <div>.",
                element.tag_name().to_ascii_lowercase()
            ))
        })
}

/// A `<link>` for the shadow root: to `href` if given, else to the page's own link to the
/// stylesheet, copying its `integrity` and `crossorigin` so Subresource Integrity holds
/// inside the widget too.
fn stylesheet_link(href: Option<&str>) -> Result<Option<Element>, JsError> {
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

fn document() -> Result<web_sys::Document, JsError> {
    web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| JsError::new("mount() needs a browser page; in Node, use build()"))
}

fn dom_error(_: JsValue) -> JsError {
    JsError::new("mount(): the page refused to add the builder's elements")
}
