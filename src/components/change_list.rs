//! What the builder changed in a policy the person pasted, a sentence each.

use super::soft_breaks::soft_breaks;
use iam_policy_core::view::HeadingLevel;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChangeListProps {
    pub changes: Vec<String>,
    pub heading_level: HeadingLevel,
}

#[component]
pub fn ChangeList(props: &ChangeListProps) -> Html {
    html! {
        <section class="ipb__changes">
            <@{props.heading_level.section_tag()} class="ipb__section-title">{"What the builder changed"}</@>
            if props.changes.is_empty() {
                <p>{"Nothing: your policy already has what the agent needs."}</p>
            } else {
                <ul>
                    { for props.changes.iter().map(|change| html! { <li>{soft_breaks(change)}</li> }) }
                </ul>
            }
        </section>
    }
}
