//! The form as a person fills it in: the text of every field exactly as typed, which
//! fields they have left, and the request that text makes. Hosts change it only through
//! [`Edit`]s, so the page's state is plain data that tests compare and replay.
//!
//! ```
//! use iam_policy_core::view::{Edit, FormInput};
//! use iam_policy_core::input::Field;
//!
//! let mut form = FormInput::default();
//! form.apply(Edit::Set(Field::Secrets, "matillion/agent, prod/db".into()));
//! form.apply(Edit::Leave(Field::Secrets));
//! assert_eq!(form.text(Field::Secrets), "matillion/agent, prod/db");
//! assert_eq!(form.request().secrets, ["matillion/agent", "prod/db"]);
//! assert!(form.shows_problems_of(Field::Secrets));
//! assert!(!form.shows_problems_of(Field::Account));
//! ```

use super::host::Control;
use crate::input::fields::{FIELDS, FieldDef, Kind, parse_switch};
use crate::input::problem::Field;
use crate::input::request::{EksCredentials, Platform, Request, SecretScope};
use crate::model::Role;
use crate::read::{ecs_error, eks_error};

/// A change to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A field's new text, as typed (a switch's `true`/`false`, a scope's id).
    Set(Field, String),
    /// The person left the field: its problems show from now on, so nobody is told
    /// "must be 12 digits" after typing the first digit.
    Leave(Field),
    /// A new role, or one the person already has. Choosing "new" sets the pasted policy
    /// aside (the request no longer reads it); choosing "existing" again brings it back.
    ChooseRole(Role, RoleChoice),
}

/// Whether a role is created or one the person already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleChoice {
    /// Create the role.
    New,
    /// Use a role the person already has.
    Existing,
}

/// The field naming a role.
pub fn name_field(role: Role) -> Field {
    match role {
        Role::Task => Field::TaskRoleName,
        Role::Execution => Field::ExecutionRoleName,
        Role::Runner => Field::RunnerRoleName,
    }
}

/// The field holding the policy a role already has, pasted.
pub fn policy_field(role: Role) -> Field {
    match role {
        Role::Task => Field::ExistingTrustPolicy,
        Role::Execution => Field::ExistingSecretsPolicy,
        Role::Runner => Field::ExistingRunnerTrustPolicy,
    }
}

/// The form's raw text and visited fields, and the request derived from them.
#[derive(Debug, Clone)]
pub struct FormInput {
    /// One per row of [`FIELDS`], in its order.
    texts: Vec<String>,
    /// Likewise: whether the field's problems are shown.
    visited: Vec<bool>,
    /// Kept in step by [`FormInput::apply`]: a list is split when it changes, never on a
    /// keystroke in another field.
    request: Request,
    /// The roles the person said they already have.
    existing: Vec<Role>,
    /// A pasted policy set aside by choosing "a new role", by role: never lost.
    set_aside: Vec<(Role, String)>,
    /// Whether the form started with an advanced option set (a share link, a widget's
    /// attribute), which opens the options so nobody is handed settings they cannot see.
    advanced_at_start: bool,
}

/// Two forms are equal when their text and visited fields are: the request follows.
impl PartialEq for FormInput {
    fn eq(&self, other: &Self) -> bool {
        self.texts == other.texts
            && self.visited == other.visited
            && self.existing == other.existing
            && self.set_aside == other.set_aside
            && self.advanced_at_start == other.advanced_at_start
    }
}

impl Eq for FormInput {}

impl Default for FormInput {
    /// Every field at its default: Matillion's documented policies.
    fn default() -> Self {
        FormInput {
            texts: FIELDS.iter().map(FieldDef::default_text).collect(),
            visited: FIELDS.iter().map(|def| shown_at_once(def, "")).collect(),
            request: Request::default(),
            existing: Vec::new(),
            set_aside: Vec::new(),
            advanced_at_start: false,
        }
    }
}

/// Whether a field is among the advanced options: set from outside, it opens them.
fn is_advanced(field: Field) -> bool {
    Control::ALL
        .iter()
        .any(|&c| c.is_advanced() && c.field() == field)
        || matches!(field, Field::RuntimeSecrets | Field::StagingBuckets)
}

/// Whether a field's problems show before the person has left it: a choice has no
/// "still typing" state, and a value the form starts with (from a share link or a
/// widget's attribute) is news.
fn shown_at_once(def: &FieldDef, text: &str) -> bool {
    matches!(def.kind(), Kind::Switch | Kind::Choice) || !text.is_empty()
}

/// The text a field keeps: what was typed, for text and lists; for a switch or the scope
/// (which read `TRUE`, ` Prefix `, or nothing for on), the one spelling hosts write.
fn canonical(def: &FieldDef, typed: &str, request: &Request) -> String {
    match def.kind() {
        Kind::Text | Kind::List => typed.to_owned(),
        Kind::Switch | Kind::Choice => def.text_of(request),
    }
}

fn index(field: Field) -> Option<usize> {
    FIELDS.iter().position(|def| def.field == field)
}

impl FormInput {
    /// A form that starts with these texts (the rest at their defaults). Text a field
    /// cannot take — a switch that is neither true nor false, an unknown scope — is left
    /// out and named in the returned list, with what the field takes.
    pub fn starting_with<'a>(
        texts: impl IntoIterator<Item = (Field, &'a str)>,
    ) -> (FormInput, Vec<Refused>) {
        let mut form = FormInput::default();
        let mut refused = Vec::new();
        for (field, text) in texts {
            let Some(i) = index(field) else { continue };
            match FIELDS[i].set(&mut form.request, text) {
                Ok(()) => {
                    form.texts[i] = canonical(&FIELDS[i], text, &form.request);
                    form.visited[i] |= shown_at_once(&FIELDS[i], text);
                }
                Err(takes) => refused.push(Refused {
                    field,
                    text: text.to_owned(),
                    takes,
                    kept: form.texts[i].clone(),
                }),
            }
        }
        form.existing = Role::ALL
            .into_iter()
            .filter(|&role| !form.text(policy_field(role)).trim().is_empty())
            .collect();
        let advanced = form.changed().any(|(def, _)| is_advanced(def.field));
        form.advanced_at_start = advanced;
        (form, refused)
    }

    /// Applies an edit; `false` when it changed nothing (the same text again, a field
    /// left twice, or text the field cannot take), so a host can skip a re-render.
    pub fn apply(&mut self, edit: Edit) -> bool {
        match edit {
            Edit::Set(field @ (Field::EcsError | Field::EksError), text) => {
                if !self.set(field, text) {
                    return false;
                }
                // The fields the error names that are still empty are filled in the form
                // itself, so the person sees (and can change) what was taken from it; the
                // fill is the one `build` makes for hosts that send only a request.
                let text = self.text(field);
                if !text.trim().is_empty() {
                    let fills = if field == Field::EcsError {
                        ecs_error::fill(&self.request, &ecs_error::diagnose(text)).0
                    } else {
                        eks_error::fill(&self.request, &eks_error::diagnose(text)).0
                    };
                    for value in fills {
                        self.set(value.field, value.value);
                    }
                }
                true
            }
            Edit::Set(field, text) => self.set(field, text),
            Edit::ChooseRole(role, choice) => self.choose(role, choice),
            Edit::Leave(field) => match index(field) {
                Some(i) if !self.visited[i] => {
                    self.visited[i] = true;
                    true
                }
                _ => false,
            },
        }
    }

    fn set(&mut self, field: Field, text: String) -> bool {
        let Some(i) = index(field) else { return false };
        if self.texts[i] == text || FIELDS[i].set(&mut self.request, &text).is_err() {
            return false;
        }
        let kept = canonical(&FIELDS[i], &text, &self.request);
        std::mem::replace(&mut self.texts[i], kept) != self.texts[i]
    }

    fn choose(&mut self, role: Role, choice: RoleChoice) -> bool {
        if self.is_existing(role) == (choice == RoleChoice::Existing) {
            return false;
        }
        let field = policy_field(role);
        match choice {
            RoleChoice::Existing => {
                self.existing.push(role);
                if let Some(at) = self.set_aside.iter().position(|(r, _)| *r == role) {
                    let (_, pasted) = self.set_aside.remove(at);
                    self.set(field, pasted);
                }
            }
            RoleChoice::New => {
                self.existing.retain(|&r| r != role);
                let pasted = self.text(field).to_owned();
                if !pasted.is_empty() {
                    self.set_aside.push((role, pasted));
                    self.set(field, String::new());
                }
            }
        }
        true
    }

    /// Whether the person said they already have this role.
    pub fn is_existing(&self, role: Role) -> bool {
        self.existing.contains(&role)
    }

    /// Whether the form started with an advanced option set.
    pub fn opens_advanced(&self) -> bool {
        self.advanced_at_start
    }

    /// Whether [`FormInput::apply`] would change anything, without changing it: a host
    /// keeps its old state, and renders nothing, when it would not.
    pub fn changes(&self, edit: &Edit) -> bool {
        match edit {
            Edit::Set(field, text) => index(*field).is_some_and(|i| {
                let def = &FIELDS[i];
                match def.kind() {
                    Kind::Text | Kind::List => self.texts[i] != *text,
                    // The text a switch or the scope would keep, if it takes this at all.
                    Kind::Switch | Kind::Choice => {
                        let mut request = Request::default();
                        def.set(&mut request, text).is_ok()
                            && self.texts[i] != def.text_of(&request)
                    }
                }
            }),
            Edit::Leave(field) => index(*field).is_some_and(|i| !self.visited[i]),
            Edit::ChooseRole(role, choice) => {
                self.is_existing(*role) != (*choice == RoleChoice::Existing)
            }
        }
    }

    /// The field's text as typed.
    pub fn text(&self, field: Field) -> &str {
        index(field).map_or("", |i| &self.texts[i])
    }

    /// A switch's state.
    pub fn switch(&self, field: Field) -> bool {
        parse_switch(self.text(field)).unwrap_or(false)
    }

    /// The chosen scope.
    pub fn scope(&self) -> SecretScope {
        self.request.secret_scope
    }

    /// Where the agent runs.
    pub fn platform(&self) -> Platform {
        self.request.platform
    }

    /// How the runner's pods get credentials on EKS.
    pub fn eks_credentials(&self) -> EksCredentials {
        self.request.eks_credentials
    }

    /// Whether the field's problems are shown yet.
    pub fn shows_problems_of(&self, field: Field) -> bool {
        index(field).is_some_and(|i| self.visited[i])
    }

    /// The request the form's text makes, for [`crate::build()`].
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// Every field whose text differs from its default, with that text, in the table's
    /// order: what a share link needs to carry.
    pub fn changed(&self) -> impl Iterator<Item = (&'static FieldDef, &str)> {
        FIELDS
            .iter()
            .zip(&self.texts)
            .filter(|(def, text)| **text != def.default_text())
            .map(|(def, text)| (def, text.as_str()))
    }
}

/// Text a field could not take, when a form was started from outside text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The field.
    pub field: Field,
    /// What was given.
    pub text: String,
    /// What the field takes, e.g. "true or false".
    pub takes: String,
    /// The text the field kept instead.
    pub kept: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_form_is_the_default_request_with_only_the_choices_shown() {
        let form = FormInput::default();
        assert_eq!(form.request(), &Request::default());
        assert!(form.shows_problems_of(Field::SecretScope));
        assert!(form.shows_problems_of(Field::Ec2Principal));
        assert!(!form.shows_problems_of(Field::Account));
        assert!(form.switch(Field::Ec2Principal));
        assert_eq!(form.changed().count(), 0);
    }

    #[test]
    fn edits_change_the_text_and_the_request_together() {
        let mut form = FormInput::default();
        assert!(form.apply(Edit::Set(Field::Account, "1234-5678-9012".into())));
        assert!(form.apply(Edit::Set(Field::Ec2Principal, "false".into())));
        assert!(form.apply(Edit::Set(Field::SecretScope, "prefix".into())));
        assert!(form.apply(Edit::Set(Field::KmsKeys, "a\nb".into())));
        assert_eq!(form.request().account, "1234-5678-9012");
        assert!(!form.request().ec2_principal);
        assert_eq!(form.scope(), SecretScope::Prefix);
        assert_eq!(form.request().kms_keys, ["a", "b"]);
        let changed: Vec<&str> = form.changed().map(|(def, _)| def.name).collect();
        assert_eq!(
            changed,
            ["account", "secretScope", "ec2Principal", "kmsKeys"]
        );
    }

    #[test]
    fn edits_that_change_nothing_say_so() {
        let mut form = FormInput::default();
        assert!(!form.apply(Edit::Set(Field::Account, String::new())));
        assert!(form.apply(Edit::Leave(Field::Account)));
        assert!(!form.apply(Edit::Leave(Field::Account)));
        assert!(!form.apply(Edit::Set(Field::Ec2Principal, "maybe".into())));
        assert!(form.switch(Field::Ec2Principal));
        assert!(!form.apply(Edit::Set(Field::Documents, "x".into())));
        for edit in [
            Edit::Set(Field::Account, "1".into()),
            Edit::Set(Field::Account, "1".into()),
            Edit::Leave(Field::Region),
            Edit::Leave(Field::Region),
            Edit::Set(Field::SecretScope, "everything".into()),
        ] {
            assert_eq!(
                form.changes(&edit),
                form.clone().apply(edit.clone()),
                "{edit:?}"
            );
            form.apply(edit);
        }
    }

    #[test]
    fn a_started_form_shows_the_problems_of_what_it_started_with_and_names_what_it_refused() {
        let (form, refused) = FormInput::starting_with([
            (Field::Account, "12345"),
            (Field::SourceConditions, "yes"),
            (Field::SecretScope, "All"),
        ]);
        assert!(form.shows_problems_of(Field::Account));
        assert!(!form.shows_problems_of(Field::Region));
        assert_eq!(form.scope(), SecretScope::All);
        assert_eq!(
            refused,
            [Refused {
                field: Field::SourceConditions,
                text: "yes".into(),
                takes: "true or false".into(),
                kept: "false".into(),
            }]
        );
    }
}
