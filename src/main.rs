//! The standalone page: one builder filling the page's `#app` element.

fn main() {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"))
    else {
        return;
    };
    // The handle lives as long as the page.
    std::mem::forget(iam_policy_builder_web::mount_page(root));
}
