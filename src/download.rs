//! Saving a document or an export as a file, without a server: a Blob and a download link.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`; false when the browser would not.
pub fn save(file_name: &str, text: &str) -> bool {
    try_save(file_name, text).is_some()
}

/// The media type for a file name's extension; plain text when in doubt.
fn media_type(file_name: &str) -> &'static str {
    match file_name.rsplit('.').next() {
        Some("json") => "application/json",
        Some("yaml") => "application/yaml",
        Some("sh") => "text/x-shellscript",
        Some("ts") => "text/typescript",
        _ => "text/plain",
    }
}

fn try_save(file_name: &str, text: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type(file_name));
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The click has handed the file over; the URL is not needed any more.
    web_sys::Url::revoke_object_url(&url).ok()
}
