//! `mount()`'s options object, turned into the name/value text a widget's data-*
//! attributes give, so both reach the one reader in `crate::host::widget_settings`.

use crate::host::widget_settings::attribute;
use wasm_bindgen::prelude::*;

/// The options as text, and what could not be read as text.
pub struct Pairs {
    pub entries: Vec<(String, String)>,
    pub warnings: Vec<String>,
}

/// Text as it is; `true`/`false`; a whole number in decimal; a list one entry per line (how
/// the form's list fields hold it). `undefined` and `null` mean "not set".
pub fn pairs(options: &JsValue) -> Result<Pairs, JsError> {
    let mut pairs = Pairs {
        entries: Vec::new(),
        warnings: Vec::new(),
    };
    if options.is_undefined() || options.is_null() {
        return Ok(pairs);
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(JsError::new(
            "mount(element, options): options must be an object such as { region: \"eu-west-1\", theme: \"dark\" }",
        ));
    }
    for entry in js_sys::Object::entries(options.unchecked_ref()).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let name = entry.get(0).as_string().unwrap_or_default();
        let value = entry.get(1);
        if value.is_undefined() || value.is_null() {
            continue;
        }
        match text(&value) {
            Some(text) => pairs.entries.push((name, text)),
            None => pairs.warnings.push(format!(
                "iam-policy-builder: {} must be text, a list of text, a number or true/false; it was left out.",
                attribute(&name)
            )),
        }
    }
    Ok(pairs)
}

fn text(value: &JsValue) -> Option<String> {
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    if let Some(on) = value.as_bool() {
        return Some(on.to_string());
    }
    if let Some(number) = value.as_f64() {
        return whole_number(number);
    }
    if js_sys::Array::is_array(value) {
        let list: &js_sys::Array = value.unchecked_ref();
        let entries: Option<Vec<String>> = list
            .iter()
            .map(|entry| {
                entry
                    .as_string()
                    .or_else(|| entry.as_f64().and_then(whole_number))
            })
            .collect();
        return entries.map(|entries| entries.join("\n"));
    }
    None
}

/// Only whole numbers are settings (a heading level, an account ID written as a number);
/// formatting fractions would pull float printing into the wasm for nothing.
fn whole_number(number: f64) -> Option<String> {
    let whole = number as i64;
    // The cast saturates, so this also refuses fractions, infinities and NaN.
    (whole as f64 == number).then(|| whole.to_string())
}
