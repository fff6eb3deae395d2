//! Renders a builder to HTML, natively, at build time, so it is on screen and typeable
//! before the wasm arrives: until then the fields are real, labelled inputs and the
//! documents for the empty form — the complete trust policy among them — are shown.
//!
//!   cargo run --features ssr --bin prerender > target/prerender.html
//!       the standalone page's builder, for dist/index.html's `#app` (scripts/build.sh);
//!       the page's wasm hydrates it (`mount_page`)
//!   cargo run --features ssr --bin prerender -- widget data-from-url= data-heading-level=1
//!       a widget's builder with these settings (the element's data-* attributes as
//!       written, named here as the widget's `dataset` names them), for the iframe page
//!       (scripts/package-embed.mjs); the widget's `mount()` replaces it with the live
//!       builder
//!   cargo run --features ssr --bin prerender -- intro
//!       the drop-in widget's title and introduction for each platform, the platform a
//!       widget starts with unless its data-platform says otherwise, and the privacy note,
//!       as JSON, which scripts/package-embed.mjs writes into widget.js: it draws them
//!       before the wasm

use iam_policy_builder_web::host::widget_settings;
use iam_policy_builder_web::{Builder, BuilderProps, FormInput, page_props, widget_props};
use iam_policy_core::input::request::Platform;
use iam_policy_core::view::{Header, Surroundings};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let props = match args.next().as_deref() {
        None => page_props(FormInput::default()),
        Some("widget") => {
            let attributes: Vec<(String, String)> = args
                .map(|arg| match arg.split_once('=') {
                    Some((name, value)) => (name.to_owned(), value.to_owned()),
                    None => (arg, String::new()),
                })
                .collect();
            match widget(&attributes) {
                Ok(props) => props,
                Err(warnings) => {
                    eprintln!("prerender: the widget's settings are not all usable:");
                    for warning in warnings {
                        eprintln!("  {warning}");
                    }
                    return ExitCode::FAILURE;
                }
            }
        }
        Some("intro") => {
            // Keyed by the platform's id, as data-platform writes it.
            let platforms: serde_json::Map<String, serde_json::Value> = Platform::ALL
                .iter()
                .map(|&platform| {
                    let Header { title, intro } = Header::of(platform);
                    (
                        platform.id().to_owned(),
                        serde_json::json!({ "title": title, "intro": intro }),
                    )
                })
                .collect();
            // In a docs page, so the note is the one for a host's page.
            let intro = serde_json::json!({
                "platforms": platforms,
                "platform": Platform::default().id(),
                "note": Surroundings::HostPage.privacy_note(),
            });
            return print(&intro.to_string());
        }
        Some(other) => {
            eprintln!(
                "prerender: unknown target {other:?}; run it with no argument (the page), with `widget data-name=value…` or with `intro`"
            );
            return ExitCode::FAILURE;
        }
    };
    let renderer = yew::ServerRenderer::<Builder>::with_props(move || props);
    let html = futures::executor::block_on(renderer.render());
    print(&html)
}

fn print(text: &str) -> ExitCode {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("prerender: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The builder `mount()` would make for an element with these data-* attributes and an
/// empty query string; an attribute it would warn about is refused here, since a
/// pre-render built on it would show the reader something the live builder then changes.
fn widget(attributes: &[(String, String)]) -> Result<BuilderProps, Vec<String>> {
    let mut pairs = Vec::new();
    for (attribute, value) in attributes {
        match widget_settings::dataset_name(attribute) {
            Some(name) => pairs.push((name, value.as_str())),
            None => {
                return Err(vec![format!(
                    "{attribute} is not a data-* attribute; the widget reads only those"
                )]);
            }
        }
    }
    let element = pairs.iter().map(|(name, value)| (name.as_str(), *value));
    let (settings, warnings) = widget_settings::read(element, []);
    if warnings.is_empty() {
        Ok(widget_props(settings.initial, settings.view))
    } else {
        Err(warnings)
    }
}
