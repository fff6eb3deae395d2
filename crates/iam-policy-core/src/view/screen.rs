//! What the builder shows, decided once for every host that draws it: the problems
//! beside each field, what the ECS paste box says, which parts of the form are open, the
//! cards in their order with each document's role, download name and reason for being
//! empty. The shell renders a [`Screen`]; it decides nothing of this itself.

use super::form_input::{FormInput, name_field, policy_field};
use super::host::{Control, View};
use crate::build::Response;
use crate::export::{Format, Scope};
use crate::input::{Code, Field, Problem, SecretScope, Severity};
use crate::model::{DocumentId, Origin, Role};
use crate::read::ecs_error::Cause;

/// The builder as it is to be drawn now.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    /// Problems shown beside each field, by field; fields without any are absent.
    field_problems: Vec<(Field, Vec<Problem>)>,
    /// The "paste the ECS error" box, when the host offers it.
    pub error_box: Option<EcsErrorBox>,
    /// Whether the prefix field shows (the prefix scope is chosen).
    pub prefix_field: bool,
    /// The advanced options, when the host offers any.
    pub advanced: Option<Advanced>,
    /// Where the task role permissions policy's two lists go.
    pub task_role_lists: ListsPlace,
    /// The cards, in order.
    pub cards: Vec<Card>,
}

/// What the ECS paste box says next to itself once something is pasted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcsErrorBox {
    /// Inside a closed-by-default disclosure, as compact widgets show it.
    pub folded: bool,
    /// Whether that disclosure is open: it is while the box holds text.
    pub open: bool,
    /// One sentence for its status line, announced politely: what was read.
    pub status: Option<String>,
    /// Whether the text is not an error the builder recognises (`aria-invalid`).
    pub unrecognised: bool,
    /// Whether a diagnosis card is shown to go to.
    pub diagnosis: bool,
}

/// The advanced options' disclosure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advanced {
    /// Open: the form started with one set, or a pasted error needs the KMS key field.
    /// Once open, closing it is the person's choice (hosts set it, never unset it).
    pub open: bool,
    /// The controls inside, in order.
    pub controls: Vec<Control>,
}

/// Where the runtime secrets and staging buckets lists go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListsPlace {
    /// Under the permissions-policy switch in the advanced options.
    Advanced,
    /// In the form itself: the host turned the policy on without offering its switch.
    Form,
    /// Not shown: the policy is off.
    Hidden,
}

/// One card.
#[derive(Debug, Clone, PartialEq)]
pub enum Card {
    /// What the pasted ECS error means.
    Diagnosis,
    /// One document, built or not yet.
    Document(DocumentCard),
    /// The documents shown, as code.
    Exports(ExportsCard),
}

/// A document's card.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentCard {
    /// Which document.
    pub id: DocumentId,
    /// The role whose document it is.
    pub role: Role,
    /// "New role or one you have?", when the host offers it on this card.
    pub role_choice: Option<RoleChoiceBox>,
    /// Problems about the document itself.
    pub problems: Vec<Problem>,
    /// The file a download of its JSON gets.
    pub download_name: String,
    /// Why there is no document yet, when there is none.
    pub empty: Option<&'static str>,
    /// The console link's words, when the document has a console page.
    pub console_link: Option<String>,
    /// Whether the access table (what a pasted secrets policy granted) shows.
    pub access: bool,
}

/// A role's "new or existing" choice, on the card of its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChoiceBox {
    /// The role the choice is for.
    pub role: Role,
    /// Whether "a role I already have" is chosen.
    pub existing: bool,
    /// The field naming the role.
    pub name_field: Field,
    /// The field holding the role's current policy, pasted.
    pub policy_field: Field,
    /// The question.
    pub legend: &'static str,
    /// The "a role I already have" answer.
    pub existing_label: &'static str,
}

/// The exports card. Its title is `scope.title()`, the sentence under it
/// `scope.intro(&formats)`, and each tab's text `export_documents(response, format, scope)`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportsCard {
    /// The tabs, in order.
    pub formats: Vec<Format>,
    /// What the exports cover: the documents the host shows, so only their roles.
    pub scope: Scope,
}

impl Screen {
    /// What the builder shows for this form, its response, and the host's view.
    pub fn of(input: &FormInput, response: &Response, view: &View) -> Screen {
        let field_problems = field_problems(input, response);
        let error_box = view
            .offers(Control::EcsError)
            .then(|| ecs_error_box(input, response, view));
        let needs_kms_key = response
            .problems
            .iter()
            .any(|p| p.code == Code::KmsKeyNeeded);
        let advanced_controls: Vec<Control> = view
            .controls
            .iter()
            .copied()
            .filter(|c| c.is_advanced())
            .collect();
        let policy_on = input.switch(Field::TaskRolePolicy);
        let task_role_lists = match (policy_on, view.offers(Control::TaskRolePolicy)) {
            (false, _) => ListsPlace::Hidden,
            (true, true) => ListsPlace::Advanced,
            (true, false) => ListsPlace::Form,
        };
        let mut cards = Vec::new();
        if response.diagnosis.is_some() {
            cards.push(Card::Diagnosis);
        }
        let documents = shown_documents(view, response, policy_on);
        for &id in &documents {
            cards.push(Card::Document(document_card(id, input, response, view)));
        }
        // No document shown, no exports: there would be no role to write.
        if let Some(scope) = Scope::of(&documents).filter(|_| !view.exports.is_empty()) {
            cards.push(Card::Exports(ExportsCard {
                formats: view.exports.clone(),
                scope,
            }));
        }
        Screen {
            field_problems,
            error_box,
            prefix_field: input.scope() == SecretScope::Prefix,
            advanced: (!advanced_controls.is_empty()).then_some(Advanced {
                open: input.opens_advanced() || needs_kms_key,
                controls: advanced_controls,
            }),
            task_role_lists,
            cards,
        }
    }

    /// The problems shown beside a field.
    pub fn problems_of(&self, field: Field) -> &[Problem] {
        self.field_problems
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&[], |(_, problems)| problems)
    }
}

/// The documents the cards and exports show: the host's, of the platform the response is
/// for. On EKS the runner role's two replace the ECS roles' three; a host that lists no
/// runner document (a page written before EKS) gets both.
fn shown_documents(view: &View, response: &Response, policy_on: bool) -> Vec<DocumentId> {
    const RUNNER: [DocumentId; 2] = [
        DocumentId::RunnerRoleTrustPolicy,
        DocumentId::RunnerRolePermissionsPolicy,
    ];
    if response.target.runner_role.is_some() {
        let listed: Vec<DocumentId> = view
            .documents
            .iter()
            .copied()
            .filter(|d| RUNNER.contains(d))
            .collect();
        return if listed.is_empty() {
            RUNNER.to_vec()
        } else {
            listed
        };
    }
    view.documents
        .iter()
        .copied()
        .filter(|d| !RUNNER.contains(d))
        .filter(|&d| d != DocumentId::TaskRolePermissionsPolicy || policy_on)
        .collect()
}

/// A pasted text is a whole answer at once: its problems show without waiting for the
/// field to be left. Those about a document are on its card instead.
fn pasted(field: Field) -> bool {
    matches!(
        field,
        Field::ExistingTrustPolicy
            | Field::ExistingSecretsPolicy
            | Field::EcsError
            | Field::ExistingRunnerTrustPolicy
            | Field::EksError
    )
}

/// What the pasted ECS error filled in or contradicts is said at once, wherever it is.
fn from_the_error(code: Code) -> bool {
    matches!(
        code,
        Code::FilledFromEcsError
            | Code::EcsErrorContradicts
            | Code::EcsErrorSecretNotListed
            | Code::KmsKeyNeeded
    )
}

fn field_problems(input: &FormInput, response: &Response) -> Vec<(Field, Vec<Problem>)> {
    let mut by_field: Vec<(Field, Vec<Problem>)> = Vec::new();
    for problem in &response.problems {
        let field = problem.field;
        let shown = input.shows_problems_of(field) || pasted(field) || from_the_error(problem.code);
        if !shown || (pasted(field) && problem.document.is_some()) {
            continue;
        }
        match by_field.iter_mut().find(|(f, _)| *f == field) {
            Some((_, list)) => list.push(problem.clone()),
            None => by_field.push((field, vec![problem.clone()])),
        }
    }
    by_field
}

fn ecs_error_box(input: &FormInput, response: &Response, view: &View) -> EcsErrorBox {
    let typed = !input.text(Field::EcsError).trim().is_empty();
    let diagnosis = response.diagnosis.as_ref().filter(|_| typed);
    let unrecognised = diagnosis.is_some_and(|d| d.cause == Cause::Unrecognised);
    let status = diagnosis.map(|d| {
        if unrecognised {
            "The builder does not recognise this text as an ECS error; the note below says what to paste.".to_owned()
        } else {
            format!("Read: {}. The diagnosis, with what to do, is below the form.", d.title)
        }
    });
    EcsErrorBox {
        folded: view.compact,
        open: typed,
        status,
        unrecognised,
        diagnosis: diagnosis.is_some(),
    }
}

fn document_card(
    id: DocumentId,
    input: &FormInput,
    response: &Response,
    view: &View,
) -> DocumentCard {
    let role = id.role();
    // Each role's choice goes on the card of the document its policy makes.
    let owns_choice = matches!(
        id,
        DocumentId::TaskRoleTrustPolicy
            | DocumentId::ExecutionRoleSecretsPolicy
            | DocumentId::RunnerRoleTrustPolicy
    );
    let role_choice = (owns_choice && view.offers(Control::ExistingRoles)).then(|| RoleChoiceBox {
        role,
        existing: input.is_existing(role),
        name_field: name_field(role),
        policy_field: policy_field(role),
        legend: match role {
            Role::Task => "Is the task role new, or one you already have?",
            Role::Execution => "Is the task execution role new, or one you already have?",
            Role::Runner => "Is the runner role new, or one you already have?",
        },
        existing_label: match role {
            Role::Task => {
                "A role I already have, such as Matillion ETL's: merge into its trust policy"
            }
            Role::Execution => "A role I already have: check and fix its secrets policy",
            Role::Runner => {
                "A role I already have: add the runner's service accounts to its trust policy"
            }
        },
    });
    let document = response.document(id);
    DocumentCard {
        id,
        role,
        role_choice,
        problems: response
            .problems
            .iter()
            .filter(|p| p.document == Some(id))
            .cloned()
            .collect(),
        download_name: format!("matillion-agent-{}.json", id.as_str()),
        empty: document.is_none().then_some(match id {
            DocumentId::TaskRoleTrustPolicy => "The trust policy appears here.",
            DocumentId::ExecutionRoleSecretsPolicy => {
                "Add at least one valid secret name, or choose a broader scope, to build this policy."
            }
            DocumentId::TaskRolePermissionsPolicy => {
                "The task role's permissions policy appears here."
            }
            DocumentId::RunnerRoleTrustPolicy => "The runner role's trust policy appears here.",
            DocumentId::RunnerRolePermissionsPolicy => {
                "The runner role's permissions policy appears here."
            }
        }),
        console_link: document
            .filter(|d| d.placement.console_url.is_some())
            .map(|d| {
                let name = match role {
                    Role::Task => &response.target.task_role,
                    Role::Execution => &response.target.execution_role,
                    Role::Runner => response.target.runner_role.as_ref().unwrap_or(&response.target.task_role),
                };
                match (id, d.origin) {
                    (DocumentId::TaskRoleTrustPolicy | DocumentId::RunnerRoleTrustPolicy, _) => {
                        format!("Open {name}'s trust relationships in the IAM console")
                    }
                    (_, Origin::Existing) => format!("Open {name}'s permissions in the IAM console"),
                    (_, Origin::New) => {
                        format!("Create this inline policy on {name} in the IAM console")
                    }
                }
            }),
        access: id == DocumentId::ExecutionRoleSecretsPolicy && !response.access.is_empty(),
    }
}

/// Whether a field's problems make its control invalid (`aria-invalid`).
pub fn is_invalid(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build;
    use crate::view::{Edit, RoleChoice};

    fn screen(input: &FormInput, view: &View) -> Screen {
        Screen::of(input, &build(input.request()), view)
    }

    #[test]
    fn on_eks_the_runner_roles_two_cards_replace_the_ecs_roles() {
        let ids = |screen: &Screen| -> Vec<DocumentId> {
            screen
                .cards
                .iter()
                .filter_map(|card| match card {
                    Card::Document(card) => Some(card.id),
                    _ => None,
                })
                .collect()
        };
        let (ecs, _) = FormInput::starting_with([(Field::Account, "123456789012")]);
        assert_eq!(
            ids(&screen(&ecs, &View::default())),
            [
                DocumentId::TaskRoleTrustPolicy,
                DocumentId::ExecutionRoleSecretsPolicy
            ]
        );
        let (eks, _) = FormInput::starting_with([(Field::Platform, "eks")]);
        let shown = screen(&eks, &View::default());
        assert_eq!(
            ids(&shown),
            [
                DocumentId::RunnerRoleTrustPolicy,
                DocumentId::RunnerRolePermissionsPolicy
            ]
        );
        let trust = shown.cards.iter().find_map(|card| match card {
            Card::Document(card) if card.id == DocumentId::RunnerRoleTrustPolicy => Some(card),
            _ => None,
        });
        let choice = trust
            .and_then(|card| card.role_choice.as_ref())
            .expect("the runner role's choice");
        assert_eq!(choice.policy_field, Field::ExistingRunnerTrustPolicy);
    }

    #[test]
    fn a_field_shows_its_problems_once_left_and_a_paste_at_once() {
        let mut input = FormInput::default();
        input.apply(Edit::Set(Field::Account, "12345".into()));
        assert!(
            screen(&input, &View::default())
                .problems_of(Field::Account)
                .is_empty()
        );
        input.apply(Edit::Leave(Field::Account));
        assert_eq!(
            screen(&input, &View::default()).problems_of(Field::Account)[0].code,
            Code::AccountLength
        );
        input.apply(Edit::ChooseRole(Role::Task, RoleChoice::Existing));
        input.apply(Edit::Set(Field::ExistingTrustPolicy, "{".into()));
        assert!(
            !screen(&input, &View::default())
                .problems_of(Field::ExistingTrustPolicy)
                .is_empty()
        );
    }

    #[test]
    fn a_pasted_error_says_what_it_read_beside_the_box_and_fills_the_form() {
        let mut input = FormInput::default();
        input.apply(Edit::Set(
            Field::EcsError,
            "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-AbC123 from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-AbC123 because no identity-based policy allows the secretsmanager:GetSecretValue action".into(),
        ));
        assert_eq!(input.text(Field::Account), "123456789012");
        assert_eq!(input.text(Field::Region), "eu-west-1");
        let shown = screen(&input, &View::default());
        let ecs = shown.error_box.clone().expect("the page offers the box");
        assert!(!ecs.unrecognised && ecs.diagnosis);
        assert_eq!(
            ecs.status.as_deref(),
            Some(
                "Read: The task's execution role may not read a secret. The diagnosis, with what to do, is below the form."
            )
        );
        assert_eq!(shown.cards[0], Card::Diagnosis);
    }

    #[test]
    fn text_that_is_no_error_is_marked_invalid_and_says_so_at_once() {
        let mut input = FormInput::default();
        input.apply(Edit::Set(Field::EcsError, "hello world".into()));
        let shown = screen(&input, &View::default());
        let ecs = shown.error_box.clone().expect("offered");
        assert!(ecs.unrecognised);
        assert!(ecs.status.is_some_and(|s| s.contains("does not recognise")));
        assert_eq!(
            shown.problems_of(Field::EcsError)[0].code,
            Code::EcsErrorUnrecognised
        );
    }

    #[test]
    fn choosing_a_new_role_sets_the_paste_aside_and_choosing_existing_brings_it_back() {
        let mut input = FormInput::default();
        assert!(input.apply(Edit::ChooseRole(Role::Execution, RoleChoice::Existing)));
        input.apply(Edit::Set(
            Field::ExistingSecretsPolicy,
            "{\"Version\": \"2012-10-17\"}".into(),
        ));
        assert!(input.apply(Edit::ChooseRole(Role::Execution, RoleChoice::New)));
        assert_eq!(input.request().existing_secrets_policy, "");
        assert!(!input.apply(Edit::ChooseRole(Role::Execution, RoleChoice::New)));
        assert!(input.apply(Edit::ChooseRole(Role::Execution, RoleChoice::Existing)));
        assert_eq!(
            input.text(Field::ExistingSecretsPolicy),
            "{\"Version\": \"2012-10-17\"}"
        );
        let card = screen(&input, &View::default())
            .cards
            .into_iter()
            .find_map(|c| match c {
                Card::Document(d) if d.id == DocumentId::ExecutionRoleSecretsPolicy => Some(d),
                _ => None,
            })
            .expect("the secrets card");
        assert!(card.role_choice.is_some_and(|c| c.existing));
    }

    #[test]
    fn cards_follow_the_view_and_exports_cover_only_the_documents_shown() {
        let view = View {
            documents: vec![DocumentId::ExecutionRoleSecretsPolicy],
            ..View::default()
        };
        let shown = screen(&FormInput::default(), &view);
        let ids: Vec<DocumentId> = shown
            .cards
            .iter()
            .filter_map(|c| match c {
                Card::Document(d) => Some(d.id),
                _ => None,
            })
            .collect();
        assert_eq!(ids, [DocumentId::ExecutionRoleSecretsPolicy]);
        assert!(matches!(
            shown.cards.last(),
            Some(Card::Exports(e)) if e.scope.documents() == [DocumentId::ExecutionRoleSecretsPolicy]
                && e.scope.title() == "The task execution role as code"
        ));
        // The permissions policy's card alone, its option off: no card, so no exports.
        let none = View {
            documents: vec![DocumentId::TaskRolePermissionsPolicy],
            ..View::default()
        };
        assert!(
            !screen(&FormInput::default(), &none)
                .cards
                .iter()
                .any(|c| matches!(c, Card::Exports(_)))
        );
    }

    #[test]
    fn an_advanced_option_set_from_outside_opens_the_options() {
        let (input, _) = FormInput::starting_with([(Field::KmsKeys, "alias/agent")]);
        assert!(
            screen(&input, &View::default())
                .advanced
                .is_some_and(|a| a.open)
        );
        assert!(
            !screen(&FormInput::default(), &View::default())
                .advanced
                .is_some_and(|a| a.open)
        );
    }
}
