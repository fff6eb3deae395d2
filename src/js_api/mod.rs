//! The npm package's API, which the drop-in widget uses too: `build(request)`,
//! `exportAs(request, format)` and `mount(element, options)`. Only the bindings: each
//! turns JavaScript values into a call of the core or of `crate::host` and its answer
//! back. Compiled only with the `js-api` feature (wasm-pack turns it on), so the
//! standalone page does not carry it.

mod options;

use crate::host::widget;
use iam_policy_core::export::{Scope, export_documents};
use iam_policy_core::{Format, Request, Response};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::Element;

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
pub struct Widget(widget::Widget);

#[wasm_bindgen]
impl Widget {
    /// Unmounts the builder and empties the element's shadow root.
    pub fn destroy(&mut self) {
        self.0.destroy();
    }

    /// What was wrong with the settings, one sentence each (also logged as console
    /// warnings): each names the attribute, what it takes, and what was used instead.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.0.warnings.clone()
    }
}

/// Mounts an independent builder in `element`'s shadow root, so the host page's CSS cannot
/// reach it and its CSS cannot reach the page. `options` are the widget's settings, the
/// same as its data-* attributes.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: &Element, options: Option<MountOptions>) -> Result<Widget, JsError> {
    let options::Pairs { entries, warnings } =
        options::pairs(&options.map_or(JsValue::UNDEFINED, JsValue::from))?;
    widget::mount(element, &entries, warnings)
        .map(Widget)
        .map_err(|error| JsError::new(&error))
}
