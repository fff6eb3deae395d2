//! What a pasted error (a stopped ECS task's, a runner pod's on EKS) means: the cause in
//! one sentence, what the error names, and the steps, the AWS CLI commands among them
//! ready to copy.

use super::soft_breaks::soft_breaks;
use iam_policy_core::read::ecs_error::Step;
use iam_policy_core::view::{DiagnosisCard as Diagnosis, HeadingLevel, LandmarkNames};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosisCardProps {
    pub id: AttrValue,
    pub diagnosis: Diagnosis,
    pub heading_level: HeadingLevel,
    /// Names the card apart from another builder's diagnosis of the same error.
    pub names: LandmarkNames,
    /// Moves to an element of the builder by id (the fix's card).
    pub on_go_to: Callback<AttrValue>,
}

/// A step, with the builder's own command for it set apart as code. The command is made
/// by the core from values it validated; nothing the error says becomes one.
fn step(step: &Step) -> Html {
    html! {
        <li>
            {soft_breaks(&step.text)}
            if let Some(command) = &step.command {
                {" "}
                // Break points only (<wbr> adds no text): a copied command is the command.
                <code class="ipb__command">{soft_breaks(command)}</code>
            }
        </li>
    }
}

#[component]
pub fn DiagnosisCard(props: &DiagnosisCardProps) -> Html {
    let d = &props.diagnosis;
    let title_id = format!("{}-title", props.id);
    html! {
        // Focusable from script only: the paste box's "Go to the diagnosis" moves here.
        <section class="ipb__card ipb__card--wide ipb__diagnosis" id={props.id.clone()} tabindex="-1" aria-label={props.names.name(d.title)}>
            <@{props.heading_level.card_tag()} class="ipb__card-title" id={title_id}>{d.title}</@>
            <p>{soft_breaks(&d.message)}</p>
            if !d.named.is_empty() {
                <dl class="ipb__named">
                    { for d.named.iter().map(|(label, value)| html! {
                        <div>
                            <dt>{*label}</dt>
                            <dd>{soft_breaks(value)}</dd>
                        </div>
                    }) }
                </dl>
            }
            <ol class="ipb__steps">
                { for d.steps.iter().map(step) }
            </ol>
            if let Some((fix, target)) = d.fix.map(|fix| (fix, format!("{}-{}-title", props.id.strip_suffix("-diagnosis").unwrap_or(&props.id), fix.as_str()))) {
                // A card's heading is `<builder id>-<document id>-title`; this card is
                // `<builder id>-diagnosis`.
                <p class="ipb__console-link">
                    <a href={format!("#{target}")} onclick={
                        let (on_go_to, target) = (props.on_go_to.clone(), AttrValue::from(target.clone()));
                        move |event: MouseEvent| {
                            // Inside a widget's shadow root the browser's own fragment
                            // navigation cannot find the card.
                            event.prevent_default();
                            on_go_to.emit(target.clone());
                        }
                    }>
                        {format!("Go to the fix: the {}", fix.title().to_ascii_lowercase())}
                    </a>
                </p>
            }
        </section>
    }
}
