//! The builder: the form, and a card for each document derived from it.

use super::checkbox_field::CheckboxField;
use super::document_card::{DocumentCard, DocumentOf};
use super::exports_card::ExportsCard;
use super::form_state::{FieldCallbacks, Visited};
use super::region_list::RegionList;
use super::scope_field::ScopeField;
use super::share_row::ShareRow;
use super::text_field::TextField;
use crate::form_input::{FormInput, Lists};
use crate::view::{Control, View};
use iam_policy_core::{DocumentId, Field, Problem, Response, SecretScope, build};
use std::cell::Cell;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct BuilderProps {
    /// What the form starts with (a share link or a widget's attributes set it).
    #[prop_or_default]
    pub initial: FormInput,
    /// Offer "Copy link to this form". Only the standalone page reads such links back.
    #[prop_or_default]
    pub offer_share_link: bool,
    /// What to show; everything unless a widget's host trims it.
    #[prop_or_default]
    pub view: View,
}

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// Each builder on a page gets its own id prefix, so labels and descriptions never point
/// into another instance.
fn next_instance_id() -> String {
    NEXT_INSTANCE.with(|next| {
        let n = next.get();
        next.set(n + 1);
        format!("ipb-{n}")
    })
}

#[component]
pub fn Builder(props: &BuilderProps) -> Html {
    let id = use_memo((), |()| next_instance_id());
    let input = use_reducer(|| props.initial.clone());
    let visited = use_reducer(|| Visited::initially(&props.initial));
    let announcement = use_state_eq(String::new);
    let callbacks = {
        let (form, visits) = (input.dispatcher(), visited.dispatcher());
        use_memo((), move |()| FieldCallbacks::new(&form, &visits))
    };
    let on_announce = {
        let setter = announcement.setter();
        use_memo((), move |()| {
            Callback::from(move |text: String| setter.set(text))
        })
    };
    let lists = use_memo(input.list_texts(), Lists::split);
    let response = {
        let lists = lists.clone();
        use_memo((*input).clone(), move |input| {
            build(&input.to_request_with(&lists))
        })
    };

    let shown = |field: Field| -> Vec<Problem> {
        if !visited.contains(field) {
            return Vec::new();
        }
        response
            .problems
            .iter()
            .filter(|p| p.field == field)
            .cloned()
            .collect()
    };
    let field_id = |name: &str| AttrValue::from(format!("{id}-{name}"));
    let regions_id = field_id("regions");
    let view = &props.view;
    let documents: Vec<DocumentId> = view
        .documents
        .iter()
        .copied()
        .filter(|&d| d != DocumentId::TaskRolePermissionsPolicy || input.task_role_policy)
        .collect();
    let heading_level = view.heading_level;
    let offers_advanced = view.controls.iter().any(|&c| c != Control::SecretScope);

    let task_role_fields = || {
        html! {
            <>
                <TextField id={field_id("runtime-secrets")} label="Secrets pipelines read at run time" rows={2}
                    hint="Names or ARNs, one per line: credentials your pipelines fetch while they run."
                    value={input.runtime_secrets.clone()} problems={shown(Field::RuntimeSecrets)}
                    on_change={callbacks.runtime_secrets.change.clone()} on_leave={callbacks.runtime_secrets.leave.clone()} />
                <TextField id={field_id("buckets")} label="S3 staging buckets" rows={2}
                    hint="Bucket names, s3:// URLs (a path limits object access to it) or ARNs, one per line."
                    value={input.staging_buckets.clone()} problems={shown(Field::StagingBuckets)}
                    on_change={callbacks.staging_buckets.change.clone()} on_leave={callbacks.staging_buckets.leave.clone()} />
            </>
        }
    };

    html! {
        <div class={view.root_class()} id={(*id).clone()}>
            <header class="ipb__header">
                <@{heading_level.title_tag()} class="ipb__title">{"IAM policies for the Matillion agent on ECS Fargate"}</@>
                <p class="ipb__intro">
                    if !view.compact {
                        {"Enter your AWS account, region and the secrets the agent reads. The builder writes the task role's trust policy and the task execution role's inline policy, with secret ARNs that include the six-character suffix AWS adds. "}
                    }
                    <strong>{view.surroundings.privacy_note()}</strong>
                </p>
            </header>
            <form class="ipb__form" novalidate=true aria-label="Your agent's AWS details"
                onsubmit={|event: SubmitEvent| event.prevent_default()}>
                <div class="ipb__fields">
                    <TextField id={field_id("account")} label="AWS account ID" inputmode="numeric"
                        hint="12 digits, from the account menu at the top right of the AWS console. Dashes and spaces are fine."
                        value={input.account.clone()} problems={shown(Field::Account)}
                        on_change={callbacks.account.change.clone()} on_fix={callbacks.account.change.clone()}
                        on_leave={callbacks.account.leave.clone()} />
                    <TextField id={field_id("region")} label="Region" list={regions_id.clone()}
                        hint="The region the agent runs in, such as eu-west-1. Type it or pick it from the list."
                        value={input.region.clone()} problems={shown(Field::Region)}
                        on_change={callbacks.region.change.clone()} on_fix={callbacks.region.change.clone()}
                        on_leave={callbacks.region.leave.clone()} />
                    <RegionList id={regions_id} />
                    <TextField id={field_id("secrets")} label="Secret names" rows={4}
                        hint="One per line or separated by commas: names such as matillion/agent, full secret ARNs, or ECS valueFrom strings."
                        value={input.secrets.clone()} problems={shown(Field::Secrets)}
                        on_change={callbacks.secrets.change.clone()} on_leave={callbacks.secrets.leave.clone()} />
                </div>
                if view.offers(Control::SecretScope) {
                    <ScopeField id={field_id("scope")} value={input.secret_scope}
                        problems={[shown(Field::SecretScope), shown(Field::AllSecrets)].concat()} on_change={callbacks.secret_scope.clone()} />
                }
                if input.secret_scope == SecretScope::Prefix {
                    <TextField id={field_id("prefix")} label="Secret name prefix"
                        hint="The start the agent's secret names share, such as matillion/ or prod/."
                        value={input.secret_prefix.clone()} problems={shown(Field::SecretPrefix)}
                        on_change={callbacks.secret_prefix.change.clone()} on_leave={callbacks.secret_prefix.leave.clone()} />
                }
                if offers_advanced {
                    <details class="ipb__advanced">
                        <summary class="ipb__summary">{"Advanced options"}</summary>
                        <div class="ipb__advanced-body">
                            if view.offers(Control::Ec2Principal) {
                                <CheckboxField id={field_id("ec2")} checked={input.ec2_principal}
                                    label="Let EC2 assume the task role too"
                                    hint="Matillion's docs include it; it is only needed when the same role is also an EC2 instance profile."
                                    problems={shown(Field::Ec2Principal)} on_change={callbacks.ec2_principal.clone()} />
                            }
                            if view.offers(Control::SourceConditions) {
                                <CheckboxField id={field_id("conditions")} checked={input.source_conditions}
                                    label="Only this account's ECS tasks may assume the task role"
                                    hint="Adds aws:SourceAccount and aws:SourceArn conditions, as AWS recommends against the confused-deputy problem."
                                    problems={shown(Field::SourceConditions)} on_change={callbacks.source_conditions.clone()} />
                            }
                            if view.offers(Control::KmsKeys) {
                                <TextField id={field_id("kms")} label="Customer managed KMS keys" rows={2}
                                    hint="Only when your secrets are encrypted with your own KMS key rather than aws/secretsmanager. Key IDs or key ARNs, one per line."
                                    value={input.kms_keys.clone()} problems={shown(Field::KmsKeys)}
                                    on_change={callbacks.kms_keys.change.clone()} on_leave={callbacks.kms_keys.leave.clone()} />
                            }
                            if view.offers(Control::Parameters) {
                                <TextField id={field_id("parameters")} label="Parameter Store parameters" rows={2}
                                    hint="Only when the task definition reads values from Parameter Store. Names or ARNs, one per line."
                                    value={input.parameters.clone()} problems={shown(Field::Parameters)}
                                    on_change={callbacks.parameters.change.clone()} on_leave={callbacks.parameters.leave.clone()} />
                            }
                            if view.offers(Control::TaskRolePolicy) {
                                <CheckboxField id={field_id("task-policy")} checked={input.task_role_policy}
                                    label="Also build the task role's permissions policy"
                                    hint="From Matillion's current docs: list secrets, read the secrets pipelines use at run time, and use S3 staging buckets."
                                    problems={shown(Field::TaskRolePolicy)} on_change={callbacks.task_role_policy.clone()} />
                                if input.task_role_policy {
                                    { task_role_fields() }
                                }
                            }
                        </div>
                    </details>
                }
                // A host that turned the permissions policy on without offering the switch
                // still needs its two lists, in the form itself.
                if input.task_role_policy && !view.offers(Control::TaskRolePolicy) {
                    { task_role_fields() }
                }
            </form>
            if props.offer_share_link {
                <ShareRow input={(*input).clone()} on_announce={(*on_announce).clone()} />
            }
            <section class="ipb__documents" aria-label="Generated policies">
                { for documents.into_iter().map(|document_id| html! {
                    <DocumentCard key={document_id.as_str()} id_prefix={(*id).clone()}
                        document={DocumentOf { response: response.clone(), id: document_id }}
                        problems={document_problems(&response, document_id)}
                        {heading_level} on_announce={(*on_announce).clone()} />
                }) }
                if !view.exports.is_empty() {
                    <ExportsCard id_prefix={(*id).clone()} response={response.clone()} formats={view.exports.clone()}
                        {heading_level} on_announce={(*on_announce).clone()} />
                }
            </section>
            <div class="ipb__visually-hidden" role="status" aria-live="polite">{(*announcement).clone()}</div>
        </div>
    }
}

fn document_problems(response: &Response, id: DocumentId) -> Vec<Problem> {
    response
        .problems
        .iter()
        .filter(|p| p.document == Some(id))
        .cloned()
        .collect()
}
