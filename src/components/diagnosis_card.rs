//! What a pasted ECS error means: the cause in one sentence, what the error names, and
//! the steps, the AWS CLI commands among them ready to copy.

use super::soft_breaks::soft_breaks;
use crate::view::HeadingLevel;
use iam_policy_core::ecs_error::{Cause, Diagnosis};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosisCardProps {
    pub id: AttrValue,
    pub diagnosis: Diagnosis,
    pub heading_level: HeadingLevel,
}

/// The card's heading: what kind of problem it is, in a few words.
fn heading(cause: Cause) -> &'static str {
    match cause {
        Cause::SecretAccessDenied => "The task's execution role may not read a secret",
        Cause::ParameterAccessDenied => "The task's execution role may not read a parameter",
        Cause::KmsAccessDenied => "The role may not decrypt the secret",
        Cause::ExplicitDeny => "A Deny refuses the secret",
        Cause::SecretNotFound => "There is no such secret",
        Cause::SecretValueMissing => "The secret has no value",
        Cause::SecretScheduledForDeletion => "The secret is scheduled for deletion",
        Cause::JsonKeyMissing => "The secret lacks a JSON key",
        Cause::Network => "The task could not reach Secrets Manager",
        Cause::ExecutionRoleMissing => "The task definition has no execution role",
        Cause::Unrecognised => "Not an error about reading secrets",
    }
}

/// A step with its AWS CLI command, when it has one, set apart as code.
fn step(text: &str) -> Html {
    match text.find(": aws ") {
        Some(at) => html! {
            <li>
                {soft_breaks(&text[..=at])}
                // Break points only (<wbr> adds no text): a copied command is the command.
                <code class="ipb__command">{soft_breaks(&text[at + 2..])}</code>
            </li>
        },
        None => html! { <li>{soft_breaks(text)}</li> },
    }
}

#[component]
pub fn DiagnosisCard(props: &DiagnosisCardProps) -> Html {
    let d = &props.diagnosis;
    let title_id = format!("{}-title", props.id);
    // Destructured: these are the error's parts, not the form's fields of the same name.
    let Diagnosis {
        role,
        account,
        region,
        resource,
        action,
        ..
    } = d;
    let named: Vec<(&str, &Option<String>)> = vec![
        ("Role that needs the permission", role),
        ("Account", account),
        ("Region", region),
        ("Refused on", resource),
        ("Action", action),
    ];
    html! {
        <section class="ipb__card ipb__card--wide ipb__diagnosis" id={props.id.clone()} aria-labelledby={title_id.clone()}>
            <@{props.heading_level.card_tag()} class="ipb__card-title" id={title_id}>{heading(d.cause)}</@>
            <p>{soft_breaks(&d.message)}</p>
            if named.iter().any(|(_, v)| v.is_some()) {
                <dl class="ipb__named">
                    { for named.into_iter().filter_map(|(label, value)| value.as_ref().map(|value| html! {
                        <div>
                            <dt>{label}</dt>
                            <dd>{soft_breaks(value)}</dd>
                        </div>
                    })) }
                </dl>
            }
            <ol class="ipb__steps">
                { for d.steps.iter().map(|s| step(s)) }
            </ol>
        </section>
    }
}
