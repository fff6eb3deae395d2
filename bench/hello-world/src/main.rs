//! A one-line Yew page, mounted the way the builder's page is.

use yew::prelude::*;

#[component]
fn Hello() -> Html {
    html! { <main><h1>{"Hello, world"}</h1><input id="hello" aria-label="Anything" /></main> }
}

fn main() {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"))
    else {
        return;
    };
    std::mem::forget(yew::Renderer::<Hello>::with_root(root).render());
}
