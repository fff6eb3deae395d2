//! What the pasted secrets policy granted each secret, key and parameter, and why: the
//! answer to "why does my task get AccessDenied?".

use super::soft_breaks::soft_breaks;
use iam_policy_core::build::response::Access;
use iam_policy_core::read::existing::Decision;
use iam_policy_core::view::{HeadingLevel, LandmarkNames};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AccessTableProps {
    pub id: AttrValue,
    pub access: Vec<Access>,
    pub heading_level: HeadingLevel,
    /// Names the section apart from another builder's.
    pub names: LandmarkNames,
}

/// A word and a class, whose stylesheet mark (✓, ✗, ?) goes before it: the verdict is
/// never told by colour or symbol alone.
fn verdict(decision: Decision) -> (&'static str, &'static str) {
    match decision {
        Decision::Allowed => ("Allowed", "ipb__verdict ipb__verdict--allowed"),
        Decision::Denied => ("Not allowed", "ipb__verdict ipb__verdict--denied"),
        Decision::ExplicitlyDenied => ("Denied", "ipb__verdict ipb__verdict--denied"),
        Decision::Conditional => (
            "Only under a condition",
            "ipb__verdict ipb__verdict--conditional",
        ),
        Decision::Undecided => ("Not checked", "ipb__verdict ipb__verdict--conditional"),
    }
}

#[component]
pub fn AccessTable(props: &AccessTableProps) -> Html {
    let heading_id = format!("{}-heading", props.id);
    let heading = "What your policy granted before the fix";
    // A list, not a table: on a phone three columns left a secret's name a few letters wide.
    html! {
        <section class="ipb__access" aria-label={props.names.name(heading)}>
            <@{props.heading_level.section_tag()} class="ipb__section-title" id={heading_id}>
                {heading}
            </@>
            <ul class="ipb__access-list">
                { for props.access.iter().map(|access| {
                    let (word, class) = verdict(access.before);
                    html! {
                        <li class="ipb__access-item">
                            <span class="ipb__entry">{soft_breaks(&access.entry)}</span>
                            {": "}
                            <span class={class}>{word}</span>
                            // In the item itself, not an inline wrapper (see soft_breaks).
                            {" — "}{soft_breaks(&access.reason)}
                            if let Some(url) = &access.console_url {
                                {" "}
                                <a href={url.clone()} target="_blank" rel="noopener noreferrer">
                                    {"See its full ARN in the console"}
                                    <span class="ipb__visually-hidden">{format!(" for {} (opens in a new tab)", access.entry)}</span>
                                </a>
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
