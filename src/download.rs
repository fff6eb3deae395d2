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
    let blob = gloo_file::Blob::new_with_options(text, Some(media_type(file_name)));
    // Revoked when it goes out of scope, after the click has handed the file over.
    let url = gloo_file::ObjectUrl::from(blob);
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    Some(())
}
