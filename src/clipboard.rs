//! Copying text: the async Clipboard API, and selecting the text when it is refused.

use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard; false when the browser refuses (no permission, an
/// insecure origin, a frame without `clipboard-write`).
pub async fn write_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Selects everything inside `node` so the user can press Ctrl+C / ⌘C themselves.
pub fn select_contents(node: &web_sys::Node) {
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.select_all_children(node);
    }
}
