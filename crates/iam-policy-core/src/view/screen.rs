//! What the builder shows, decided once for every host that draws it: its title, which
//! parts of the form show for the platform and the way pods get credentials, the problems
//! beside each field, what the error paste box says, which parts of the form are open,
//! the cards in their order with each document's role, download name and reason for
//! being empty. The shell renders a [`Screen`]; it decides nothing of this itself, and
//! never asks which platform the form is for.

use super::form_input::{FormInput, name_field, policy_field};
use super::host::{Control, View};
use super::parts::{ChoiceBox, Header};
use crate::build::Response;
use crate::export::{Format, Scope};
use crate::input::request::{EksCredentials, Platform};
use crate::input::{Code, Field, Problem, SecretScope, Severity};
use crate::model::{DocumentId, Origin, Role};
use crate::read::ecs_error::{self, Step};
use crate::read::eks_error;

/// The builder as it is to be drawn now.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    /// Problems shown beside each field, by field; fields without any are absent.
    field_problems: Vec<(Field, Vec<Problem>)>,
    /// The title and introduction, for the platform chosen.
    pub header: Header,
    /// "Where does the agent run?", at the top of the form, when the host offers it.
    pub platform_choice: Option<ChoiceBox>,
    /// The box to paste the platform's error into, when the host offers it: the ECS
    /// task's on ECS Fargate, the runner pod's on EKS.
    pub error_box: Option<ErrorBox>,
    /// On EKS, the cluster's part of the form; nothing on ECS Fargate.
    pub cluster: Option<ClusterFields>,
    /// Which secrets may be read, when the host offers the choice.
    pub scope_choice: Option<ChoiceBox>,
    /// Whether the prefix field shows (the prefix scope is chosen).
    pub prefix_field: bool,
    /// The advanced options, when the host offers any that apply to the platform.
    pub advanced: Option<Advanced>,
    /// Whether the runtime secrets and staging buckets come with the switch that turns
    /// their policy on (ECS's task role permissions policy); on EKS the runner role's one
    /// permissions policy always grants them, so there is no switch.
    pub lists_switch: bool,
    /// Where the runtime secrets and staging buckets lists go.
    pub task_role_lists: ListsPlace,
    /// The cards, in order.
    pub cards: Vec<Card>,
}

/// On EKS: what the form asks about the cluster and the runner's pods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterFields {
    /// IRSA or EKS Pod Identity, when the host offers the choice.
    pub credentials: Option<ChoiceBox>,
    /// The text fields, in order: the cluster's OIDC issuer (IRSA only, which its trust
    /// names), the namespace, the service accounts and the cluster's name (Pod Identity's
    /// condition, and both ways' commands).
    pub fields: Vec<Field>,
}

/// What the error paste box says next to itself once something is pasted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBox {
    /// The field it fills: the ECS error or the EKS one.
    pub field: Field,
    /// The disclosure's summary when folded.
    pub summary: &'static str,
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
    /// What the pasted error means.
    Diagnosis(DiagnosisCard),
    /// One document, built or not yet.
    Document(DocumentCard),
    /// The documents shown, as code.
    Exports(ExportsCard),
}

/// What a pasted error means, from either reader, as every host draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosisCard {
    /// The cause in a few words: the card's heading.
    pub title: &'static str,
    /// One sentence a person understands.
    pub message: String,
    /// The parts the error names, each with what it is, in order.
    pub named: Vec<(&'static str, String)>,
    /// What to do, in order.
    pub steps: Vec<Step>,
    /// The document that is the fix, when one of the builder's is.
    pub fix: Option<DocumentId>,
}

impl DiagnosisCard {
    fn of_ecs(d: &ecs_error::Diagnosis) -> DiagnosisCard {
        let named = [
            ("Role that needs the permission", &d.role),
            ("Account", &d.account),
            ("Region", &d.region),
            ("Refused on", &d.resource),
            ("Action", &d.action),
        ];
        DiagnosisCard::new(d.title, &d.message, named, &d.steps, d.fix)
    }

    fn of_eks(d: &eks_error::Diagnosis) -> DiagnosisCard {
        let named = [
            ("Role the call was made with", &d.role),
            ("Its session", &d.session),
            ("Account", &d.account),
            ("Region", &d.region),
            ("The cluster's OIDC issuer", &d.issuer),
            ("Secret refused", &d.secret),
        ];
        DiagnosisCard::new(d.title, &d.message, named, &d.steps, d.fix)
    }

    /// The parts the error named are those found, each with what it is.
    fn new<const N: usize>(
        title: &'static str,
        message: &str,
        parts: [(&'static str, &Option<String>); N],
        steps: &[Step],
        fix: Option<DocumentId>,
    ) -> DiagnosisCard {
        DiagnosisCard {
            title,
            message: message.to_owned(),
            named: parts
                .into_iter()
                .filter_map(|(what, value)| value.clone().map(|value| (what, value)))
                .collect(),
            steps: steps.to_vec(),
            fix,
        }
    }
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
        let platform = input.platform();
        let on_eks = platform == Platform::Eks;
        let field_problems = field_problems(input, response);
        let error_box = view
            .offers(error_control(platform))
            .then(|| error_box(input, response, view));
        let needs_kms_key = response
            .problems
            .iter()
            .any(|p| p.code == Code::KmsKeyNeeded);
        let advanced_controls: Vec<Control> = view
            .controls
            .iter()
            .copied()
            .filter(|&c| c.is_advanced() && applies(c, platform))
            .collect();
        let policy_on = input.switch(Field::TaskRolePolicy);
        // On EKS the lists are the runner role's, with no switch: offered, they are among
        // the advanced options whatever the (ECS) switch says. A host that turned the
        // policy on without offering its switch wants them in the form.
        let offered = view.offers(Control::TaskRolePolicy);
        let task_role_lists = if offered && (policy_on || on_eks) {
            ListsPlace::Advanced
        } else if !offered && policy_on {
            ListsPlace::Form
        } else {
            ListsPlace::Hidden
        };
        let cluster = on_eks.then(|| ClusterFields {
            credentials: view
                .offers(Control::EksCredentials)
                .then(|| ChoiceBox::eks_credentials(input)),
            fields: [
                Field::OidcIssuer,
                Field::KubernetesNamespace,
                Field::ServiceAccounts,
                Field::ClusterName,
            ]
            .into_iter()
            .filter(|&f| f != Field::OidcIssuer || input.eks_credentials() == EksCredentials::Irsa)
            .collect(),
        });
        let mut cards = Vec::new();
        let diagnosis = match platform {
            Platform::EcsFargate => response.diagnosis.as_ref().map(DiagnosisCard::of_ecs),
            Platform::Eks => response.eks_diagnosis.as_ref().map(DiagnosisCard::of_eks),
        };
        cards.extend(diagnosis.map(Card::Diagnosis));
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
            header: Header::of(platform),
            platform_choice: view
                .offers(Control::Platform)
                .then(|| ChoiceBox::platform(input)),
            error_box,
            cluster,
            scope_choice: view
                .offers(Control::SecretScope)
                .then(|| ChoiceBox::secret_scope(input)),
            prefix_field: input.scope() == SecretScope::Prefix,
            advanced: (!advanced_controls.is_empty()).then_some(Advanced {
                open: input.opens_advanced() || needs_kms_key,
                controls: advanced_controls,
            }),
            lists_switch: !on_eks,
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
/// for. On EKS the runner role's two replace the ECS roles' three. A host that lists
/// documents of the other platform only (a page written before EKS, or one about EKS
/// whose reader chose ECS) gets all of this platform's; one that lists none, none.
fn shown_documents(view: &View, response: &Response, policy_on: bool) -> Vec<DocumentId> {
    let on_eks = response.target.runner_role.is_some();
    let ours = |d: &DocumentId| (d.role() == Role::Runner) == on_eks;
    let mut listed: Vec<DocumentId> = view.documents.iter().copied().filter(ours).collect();
    if listed.is_empty() && !view.documents.is_empty() {
        listed = DocumentId::ALL.iter().copied().filter(ours).collect();
    }
    listed.retain(|&d| d != DocumentId::TaskRolePermissionsPolicy || policy_on);
    listed
}

/// Whether a control has a place on the platform's form: the ECS error, the EC2
/// principal, the source conditions and Parameter Store are ECS's (EKS does not read
/// them); the pods' credentials and the pod's error are EKS's.
fn applies(control: Control, platform: Platform) -> bool {
    match control {
        Control::EcsError
        | Control::Ec2Principal
        | Control::SourceConditions
        | Control::Parameters => platform == Platform::EcsFargate,
        Control::EksCredentials | Control::EksError => platform == Platform::Eks,
        Control::SecretScope
        | Control::KmsKeys
        | Control::TaskRolePolicy
        | Control::ExistingRoles
        | Control::Platform => true,
    }
}

/// The platform's paste box.
fn error_control(platform: Platform) -> Control {
    match platform {
        Platform::EcsFargate => Control::EcsError,
        Platform::Eks => Control::EksError,
    }
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

/// What the pasted error filled in or contradicts is said at once, wherever it is.
fn from_the_error(code: Code) -> bool {
    matches!(
        code,
        Code::FilledFromEcsError
            | Code::EcsErrorContradicts
            | Code::EcsErrorSecretNotListed
            | Code::KmsKeyNeeded
            | Code::FilledFromEksError
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

/// The platform's paste box: what it read, said beside it, with the diagnosis below.
fn error_box(input: &FormInput, response: &Response, view: &View) -> ErrorBox {
    // The diagnosis's title, and whether the text was recognised at all.
    let (field, summary, read, what) = match input.platform() {
        Platform::EcsFargate => (
            Field::EcsError,
            "Task failed to start? Paste the error",
            response
                .diagnosis
                .as_ref()
                .map(|d| (d.title, d.cause == ecs_error::Cause::Unrecognised)),
            "an ECS error",
        ),
        Platform::Eks => (
            Field::EksError,
            "Runner pod can't get AWS credentials? Paste its error",
            response
                .eks_diagnosis
                .as_ref()
                .map(|d| (d.title, d.cause == eks_error::Cause::Unrecognised)),
            "an IRSA or EKS Pod Identity error",
        ),
    };
    let typed = !input.text(field).trim().is_empty();
    let read = read.filter(|_| typed);
    let unrecognised = read.is_some_and(|(_, unrecognised)| unrecognised);
    let status = read.map(|(title, _)| {
        if unrecognised {
            format!("The builder does not recognise this text as {what}; the note below says what to paste.")
        } else {
            format!("Read: {title}. The diagnosis, with what to do, is below the form.")
        }
    });
    ErrorBox {
        field,
        summary,
        folded: view.compact,
        open: typed,
        status,
        unrecognised,
        diagnosis: read.is_some(),
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
        assert!(
            matches!(&shown.cards[0], Card::Diagnosis(d) if d.fix == Some(DocumentId::ExecutionRoleSecretsPolicy))
        );
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

    fn card_ids(screen: &Screen) -> Vec<DocumentId> {
        screen
            .cards
            .iter()
            .filter_map(|card| match card {
                Card::Document(card) => Some(card.id),
                _ => None,
            })
            .collect()
    }

    /// What every platform and way of getting credentials shows with everything offered:
    /// the platform's own controls, and none of the other's.
    #[test]
    fn each_platform_and_credentials_shows_only_what_it_needs() {
        for platform in Platform::ALL.iter().copied() {
            for credentials in EksCredentials::ALL.iter().copied() {
                let (input, refused) = FormInput::starting_with([
                    (Field::Platform, platform.id()),
                    (Field::EksCredentials, credentials.id()),
                ]);
                assert!(refused.is_empty());
                let shown = screen(&input, &View::default());
                let case = format!("{} with {}", platform.id(), credentials.id());
                let choice = shown.platform_choice.as_ref().expect("offered");
                assert_eq!(choice.chosen, platform.id(), "{case}");
                assert!(shown.scope_choice.is_some(), "{case}");
                assert_eq!(shown.header, Header::of(platform), "{case}");
                let advanced = shown.advanced.as_ref().expect("offered").controls.clone();
                let error_field = shown.error_box.as_ref().map(|b| b.field);
                match platform {
                    Platform::EcsFargate => {
                        assert_eq!(error_field, Some(Field::EcsError), "{case}");
                        assert_eq!(shown.cluster, None, "{case}");
                        assert_eq!(
                            advanced,
                            [
                                Control::Ec2Principal,
                                Control::SourceConditions,
                                Control::KmsKeys,
                                Control::Parameters,
                                Control::TaskRolePolicy
                            ],
                            "{case}"
                        );
                        assert!(shown.lists_switch, "{case}");
                        // The lists wait for the task role policy's switch.
                        assert_eq!(shown.task_role_lists, ListsPlace::Hidden, "{case}");
                        assert_eq!(
                            card_ids(&shown),
                            [
                                DocumentId::TaskRoleTrustPolicy,
                                DocumentId::ExecutionRoleSecretsPolicy
                            ],
                            "{case}"
                        );
                    }
                    Platform::Eks => {
                        assert_eq!(error_field, Some(Field::EksError), "{case}");
                        let cluster = shown.cluster.as_ref().expect("on EKS");
                        assert_eq!(
                            cluster.credentials.as_ref().map(|c| c.chosen),
                            Some(credentials.id()),
                            "{case}"
                        );
                        let mut fields = vec![
                            Field::KubernetesNamespace,
                            Field::ServiceAccounts,
                            Field::ClusterName,
                        ];
                        if credentials == EksCredentials::Irsa {
                            fields.insert(0, Field::OidcIssuer);
                        }
                        assert_eq!(cluster.fields, fields, "{case}");
                        // No EC2 principal, source conditions, Parameter Store, nor the
                        // switch: the runner role's lists are always in its policy.
                        assert_eq!(
                            advanced,
                            [Control::KmsKeys, Control::TaskRolePolicy],
                            "{case}"
                        );
                        assert!(!shown.lists_switch, "{case}");
                        assert_eq!(shown.task_role_lists, ListsPlace::Advanced, "{case}");
                        assert_eq!(
                            card_ids(&shown),
                            [
                                DocumentId::RunnerRoleTrustPolicy,
                                DocumentId::RunnerRolePermissionsPolicy
                            ],
                            "{case}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_page_about_eks_fixes_the_platform_and_hides_the_choices_it_set() {
        let (input, _) = FormInput::starting_with([
            (Field::Platform, "eks"),
            (Field::EksCredentials, "pod-identity"),
        ]);
        let view = View {
            controls: vec![Control::SecretScope, Control::KmsKeys],
            documents: vec![DocumentId::RunnerRoleTrustPolicy],
            ..View::default()
        };
        let shown = screen(&input, &view);
        assert_eq!(shown.platform_choice, None);
        assert_eq!(shown.error_box, None);
        let cluster = shown.cluster.clone().expect("on EKS");
        assert_eq!(cluster.credentials, None);
        assert_eq!(
            cluster.fields,
            [
                Field::KubernetesNamespace,
                Field::ServiceAccounts,
                Field::ClusterName
            ]
        );
        assert_eq!(
            shown.advanced.as_ref().map(|a| a.controls.clone()),
            Some(vec![Control::KmsKeys])
        );
        assert_eq!(shown.task_role_lists, ListsPlace::Hidden);
        assert_eq!(card_ids(&shown), [DocumentId::RunnerRoleTrustPolicy]);
    }

    #[test]
    fn a_host_listing_only_the_other_platforms_documents_shows_all_of_this_ones_and_none_means_none()
     {
        let runner_only = View {
            documents: vec![DocumentId::RunnerRolePermissionsPolicy],
            ..View::default()
        };
        assert_eq!(
            card_ids(&screen(&FormInput::default(), &runner_only)),
            [
                DocumentId::TaskRoleTrustPolicy,
                DocumentId::ExecutionRoleSecretsPolicy
            ]
        );
        let (eks, _) = FormInput::starting_with([(Field::Platform, "eks")]);
        let none = View {
            documents: Vec::new(),
            ..View::default()
        };
        let shown = screen(&eks, &none);
        assert!(shown.cards.is_empty(), "{:?}", shown.cards);
    }

    /// A host that turned the task role policy on without offering its switch shows the
    /// lists in the form, on EKS as on ECS.
    #[test]
    fn lists_without_their_control_go_in_the_form_only_when_turned_on() {
        let view = View {
            controls: vec![Control::KmsKeys],
            ..View::default()
        };
        for platform in ["ecs-fargate", "eks"] {
            let (on, _) = FormInput::starting_with([
                (Field::Platform, platform),
                (Field::TaskRolePolicy, "true"),
            ]);
            assert_eq!(screen(&on, &view).task_role_lists, ListsPlace::Form);
            let (off, _) = FormInput::starting_with([(Field::Platform, platform)]);
            assert_eq!(screen(&off, &view).task_role_lists, ListsPlace::Hidden);
        }
    }

    /// A real pod's error (tests/data/real/eks-errors.json, opencost/opencost#1217).
    const NO_PROVIDER: &str = "No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-2.amazonaws.com/id/8175BB95BF8BEEDA432DDA4146DAD965";

    #[test]
    fn a_pasted_eks_error_says_what_it_read_beside_the_box_and_fills_the_form() {
        let (mut input, _) = FormInput::starting_with([(Field::Platform, "eks")]);
        assert!(input.apply(Edit::Set(Field::EksError, NO_PROVIDER.into())));
        assert_eq!(input.text(Field::Region), "eu-west-2");
        assert_eq!(
            input.text(Field::OidcIssuer),
            "oidc.eks.eu-west-2.amazonaws.com/id/8175BB95BF8BEEDA432DDA4146DAD965"
        );
        let shown = screen(&input, &View::default());
        let pasted = shown.error_box.clone().expect("offered");
        assert_eq!(pasted.field, Field::EksError);
        assert!(!pasted.unrecognised && pasted.diagnosis && pasted.open);
        assert_eq!(
            pasted.status.as_deref(),
            Some(
                "Read: The cluster's OIDC provider is not registered in IAM. The diagnosis, with what to do, is below the form."
            )
        );
        let Some(Card::Diagnosis(card)) = shown.cards.first() else {
            panic!("the diagnosis comes first: {:?}", shown.cards);
        };
        assert_eq!(
            card.title,
            "The cluster's OIDC provider is not registered in IAM"
        );
        assert!(card.named.contains(&(
            "The cluster's OIDC issuer",
            "oidc.eks.eu-west-2.amazonaws.com/id/8175BB95BF8BEEDA432DDA4146DAD965".to_owned()
        )));
        assert!(
            shown
                .problems_of(Field::Region)
                .iter()
                .any(|p| p.code == Code::FilledFromEksError)
        );
    }

    #[test]
    fn text_that_is_no_eks_error_is_marked_invalid_and_says_so_at_once() {
        let (mut input, _) = FormInput::starting_with([(Field::Platform, "eks")]);
        input.apply(Edit::Set(Field::EksError, "hello world".into()));
        let shown = screen(&input, &View::default());
        let pasted = shown.error_box.clone().expect("offered");
        assert!(pasted.unrecognised);
        assert_eq!(
            pasted.status.as_deref(),
            Some(
                "The builder does not recognise this text as an IRSA or EKS Pod Identity error; the note below says what to paste."
            )
        );
        assert_eq!(
            shown.problems_of(Field::EksError)[0].code,
            Code::EksErrorUnrecognised
        );
        // The ECS error's box and diagnosis are not EKS's.
        assert!(
            screen(&FormInput::default(), &View::default())
                .error_box
                .is_some_and(|b| b.field == Field::EcsError && b.status.is_none())
        );
    }
}
