//! The builder: the form, and a card for each document derived from it.

use super::document_card::DocumentCard;
use super::form_field::{FormField, described_by, is_invalid, problems_id};
use super::problem_list::ProblemList;
use crate::form_input::FormInput;
use iam_policy_core::region::REGIONS;
use iam_policy_core::{DocumentId, Field, Problem, Response, build};
use std::cell::Cell;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct BuilderProps {
    /// What the form starts with (a share link or a widget's attributes set it).
    #[prop_or_default]
    pub initial: FormInput,
}

/// Which fields the user has left at least once. A field's problems show from then on,
/// so nobody is told "must be 12 digits" after typing the first digit.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Visited {
    account: bool,
    region: bool,
    secrets: bool,
}

impl Visited {
    /// Fields that start with a value count as visited: their problems are news.
    fn from_initial(input: &FormInput) -> Self {
        Visited {
            account: !input.account.is_empty(),
            region: !input.region.is_empty(),
            secrets: !input.secrets.is_empty(),
        }
    }
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

fn problems_on(response: &Response, field: Field, shown: bool) -> Vec<Problem> {
    if !shown {
        return Vec::new();
    }
    response
        .problems
        .iter()
        .filter(|p| p.field == field)
        .cloned()
        .collect()
}

#[component]
pub fn Builder(props: &BuilderProps) -> Html {
    let id = use_memo((), |()| next_instance_id());
    let input = use_state(|| props.initial.clone());
    let visited = use_state(|| Visited::from_initial(&props.initial));
    let announcement = use_state(String::new);
    let response = use_memo((*input).clone(), |input| build(&input.to_request()));

    let update = |apply: fn(&mut FormInput, String)| {
        let input = input.clone();
        Callback::from(move |value: String| {
            let mut next = (*input).clone();
            apply(&mut next, value);
            input.set(next);
        })
    };
    let set_account = update(|form, value| form.account = value);
    let set_region = update(|form, value| form.region = value);
    let set_secrets = update(|form, value| form.secrets = value);
    let visit = |mark: fn(&mut Visited)| {
        let visited = visited.clone();
        Callback::from(move |_: FocusEvent| {
            let mut next = *visited;
            mark(&mut next);
            visited.set(next);
        })
    };
    let on_all_secrets = {
        let input = input.clone();
        Callback::from(move |event: Event| {
            let checked = event.target_unchecked_into::<HtmlInputElement>().checked();
            input.set(FormInput {
                all_secrets: checked,
                ..(*input).clone()
            });
        })
    };
    let on_announce = {
        let announcement = announcement.clone();
        Callback::from(move |text: String| announcement.set(text))
    };

    let account_id = format!("{id}-account");
    let region_id = format!("{id}-region");
    let regions_id = format!("{id}-regions");
    let secrets_id = format!("{id}-secrets");
    let all_secrets_id = format!("{id}-all-secrets");
    let account_problems = problems_on(&response, Field::Account, visited.account);
    let region_problems = problems_on(&response, Field::Region, visited.region);
    let secrets_problems = problems_on(&response, Field::Secrets, visited.secrets);
    let all_secrets_problems = problems_on(&response, Field::AllSecrets, true);

    html! {
        <div class="ipb" id={(*id).clone()}>
            <header class="ipb__header">
                <h1 class="ipb__title">{"IAM policies for the Matillion agent on ECS Fargate"}</h1>
                <p class="ipb__intro">
                    {"Enter your AWS account, region and the secrets the agent reads. The builder writes the task role's trust policy and the task execution role's inline policy, with secret ARNs that include the six-character suffix AWS adds. "}
                    <strong>{"Everything happens in this page: nothing you type is sent anywhere."}</strong>
                </p>
            </header>
            <form class="ipb__form" novalidate=true aria-label="Your agent's AWS details"
                onsubmit={|event: SubmitEvent| event.prevent_default()}>
                <FormField id={account_id.clone()} label="AWS account ID"
                    hint="12 digits, from the account menu at the top right of the AWS console. Dashes and spaces are fine."
                    problems={account_problems.clone()} on_fix={set_account.clone()}>
                    <input id={account_id.clone()} class="ipb__input" type="text" inputmode="numeric"
                        autocomplete="off" spellcheck="false" value={input.account.clone()}
                        aria-invalid={is_invalid(&account_problems).to_string()}
                        aria-describedby={described_by(&account_id)}
                        oninput={let set = set_account.clone(); move |e: InputEvent| set.emit(e.target_unchecked_into::<HtmlInputElement>().value())}
                        onblur={visit(|v| v.account = true)} />
                </FormField>
                <FormField id={region_id.clone()} label="Region"
                    hint="The region the agent runs in, such as eu-west-1. Type it or pick it from the list."
                    problems={region_problems.clone()} on_fix={set_region.clone()}>
                    <input id={region_id.clone()} class="ipb__input" type="text" list={regions_id.clone()}
                        autocomplete="off" spellcheck="false" value={input.region.clone()}
                        aria-invalid={is_invalid(&region_problems).to_string()}
                        aria-describedby={described_by(&region_id)}
                        oninput={let set = set_region.clone(); move |e: InputEvent| set.emit(e.target_unchecked_into::<HtmlInputElement>().value())}
                        onblur={visit(|v| v.region = true)} />
                    <datalist id={regions_id}>
                        { for REGIONS.iter().map(|r| html! { <option value={r.code}>{r.name}</option> }) }
                    </datalist>
                </FormField>
                <FormField id={secrets_id.clone()} label="Secret names"
                    hint="One per line or separated by commas: names such as matillion/agent, full secret ARNs, or ECS valueFrom strings."
                    problems={secrets_problems.clone()}>
                    <textarea id={secrets_id.clone()} class="ipb__input ipb__input--area" rows="4"
                        autocomplete="off" spellcheck="false" value={input.secrets.clone()}
                        aria-invalid={is_invalid(&secrets_problems).to_string()}
                        aria-describedby={described_by(&secrets_id)}
                        oninput={move |e: InputEvent| set_secrets.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())}
                        onblur={visit(|v| v.secrets = true)} />
                </FormField>
                <div class="ipb__field ipb__field--checkbox">
                    <input id={all_secrets_id.clone()} class="ipb__checkbox" type="checkbox"
                        checked={input.all_secrets} onchange={on_all_secrets}
                        aria-describedby={problems_id(&all_secrets_id)} />
                    <label class="ipb__label" for={all_secrets_id.clone()}>
                        {"Allow every secret (\"Resource\": \"*\") instead of the list"}
                    </label>
                    <ProblemList id={problems_id(&all_secrets_id)} problems={all_secrets_problems} />
                </div>
            </form>
            <section class="ipb__documents" aria-label="Generated policies">
                { for DocumentId::ALL.into_iter().map(|document_id| html! {
                    <DocumentCard key={document_id.as_str()} id_prefix={(*id).clone()} {document_id}
                        document={response.document(document_id).cloned()}
                        problems={response.problems.iter().filter(|p| p.document == Some(document_id)).cloned().collect::<Vec<_>>()}
                        on_announce={on_announce.clone()} />
                }) }
            </section>
            <div class="ipb__visually-hidden" role="status" aria-live="polite">{(*announcement).clone()}</div>
        </div>
    }
}
