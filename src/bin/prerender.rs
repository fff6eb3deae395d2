//! Renders the standalone page's builder for the empty form to HTML, natively, at build
//! time: scripts/build.sh puts what this prints into dist/index.html's `#app`, and the
//! page's wasm hydrates it (`mount_page`). Until the wasm arrives the fields are real,
//! labelled inputs and the documents for the empty form — the complete trust policy among
//! them — are on screen.
//!
//!   cargo run --features ssr --bin prerender > target/prerender.html

use iam_policy_builder_web::{Builder, FormInput, page_props};
use std::io::Write;

fn main() -> std::io::Result<()> {
    let renderer = yew::ServerRenderer::<Builder>::with_props(|| page_props(FormInput::default()));
    let html = futures::executor::block_on(renderer.render());
    std::io::stdout().lock().write_all(html.as_bytes())
}
