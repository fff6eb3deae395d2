//! Reads a policy as copied from the console's editor into a view of its statements, keeping
//! the JSON itself untouched for the merge and the fix to change in place.
//!
//! Accepts what IAM accepts: `Statement` as one object or a list; `Action`/`NotAction`,
//! `Resource`/`NotResource`, `Principal`/`NotPrincipal` as a string or a list;
//! `"Principal": "*"`; `Service`, `AWS`, `Federated`, `CanonicalUser`; any `Condition`;
//! versions `2012-10-17` and `2008-10-17`.

use crate::model::PolicyKind;
use crate::model::json::{self, Json};
use crate::model::shape::{Interface, Member, Shape};
use std::fmt;

/// The versions of the policy language IAM accepts.
pub const VERSIONS: [&str; 2] = ["2012-10-17", "2008-10-17"];

const DOCUMENT_KEYS: [&str; 3] = ["Version", "Id", "Statement"];
const STATEMENT_KEYS: [&str; 9] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];
const PRINCIPAL_KEYS: [&str; 4] = ["Service", "AWS", "Federated", "CanonicalUser"];

/// What a policy this reader accepts looks like, as TypeScript declares it: a merged or
/// fixed pasted policy keeps this shape in the response. Its members are the key tables
/// above (a test holds them to it).
pub const DECLARED: [Interface; 3] = [
    Interface {
        name: "ExistingPolicy",
        doc: "A pasted policy, as IAM accepts one: Statement may be one object or a list.",
        members: &[
            Member::new(
                "Version",
                Shape::AnyOf(&[Shape::Exactly(VERSIONS[0]), Shape::Exactly(VERSIONS[1])]),
                "",
            )
            .optional(),
            // The reader does not judge `Id`; IAM wants a string.
            Member::new("Id", Shape::Unknown, "").optional(),
            Member::new(
                "Statement",
                Shape::AnyOf(&[
                    Shape::Named("IamStatement"),
                    Shape::List(&Shape::Named("IamStatement")),
                ]),
                "",
            ),
        ],
    },
    Interface {
        name: "IamStatement",
        doc: "A statement of a pasted policy, with any element IAM accepts.",
        members: &[
            Member::new("Sid", Shape::String, "").optional(),
            Member::new(
                "Effect",
                Shape::AnyOf(&[Shape::Exactly("Allow"), Shape::Exactly("Deny")]),
                "",
            ),
            Member::new("Principal", PRINCIPAL, "").optional(),
            Member::new("NotPrincipal", PRINCIPAL, "").optional(),
            Member::new("Action", Shape::ONE_OR_MANY, "").optional(),
            Member::new("NotAction", Shape::ONE_OR_MANY, "").optional(),
            Member::new("Resource", Shape::ONE_OR_MANY, "").optional(),
            Member::new("NotResource", Shape::ONE_OR_MANY, "").optional(),
            Member::new(
                "Condition",
                Shape::Map(&Shape::Map(&Shape::Unknown)),
                "Operator, then condition key, then the values as pasted.",
            )
            .optional(),
        ],
    },
    Interface {
        name: "IamPrincipal",
        doc: "Who a pasted statement names, by kind.",
        members: &[
            Member::new("Service", Shape::ONE_OR_MANY, "").optional(),
            Member::new("AWS", Shape::ONE_OR_MANY, "").optional(),
            Member::new("Federated", Shape::ONE_OR_MANY, "").optional(),
            Member::new("CanonicalUser", Shape::ONE_OR_MANY, "").optional(),
        ],
    },
];

/// `"*"`, or principals by kind.
const PRINCIPAL: Shape = Shape::AnyOf(&[Shape::Exactly("*"), Shape::Named("IamPrincipal")]);

/// A pasted policy: its JSON as written, and what each statement says.
#[derive(Debug, Clone, PartialEq)]
pub struct Pasted {
    /// The document exactly as read (key order, strings or lists).
    pub json: Json,
    /// Each statement, in order.
    pub statements: Vec<StatementView>,
    /// Whether the statements name principals (a trust policy) or resources.
    pub kind: PolicyKind,
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Grants what matches.
    Allow,
    /// Refuses what matches, whatever else allows it.
    Deny,
}

/// A list of names as a statement holds them, and whether they are the `Not…` form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Names {
    /// The values.
    pub values: Vec<String>,
    /// `NotAction` / `NotResource` / `NotPrincipal`: every value *but* these.
    pub negated: bool,
}

/// Who a trust statement names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Principals {
    /// `"Principal": "*"` (or `{"AWS": "*"}`): anyone.
    pub anyone: bool,
    /// `Service` principals.
    pub service: Vec<String>,
    /// `AWS` principals (accounts, roles, users).
    pub aws: Vec<String>,
    /// `Federated` principals (OIDC and SAML providers).
    pub federated: Vec<String>,
    /// `CanonicalUser` principals.
    pub canonical_user: Vec<String>,
    /// `NotPrincipal`.
    pub negated: bool,
}

/// What one statement says, for the evaluator and the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementView {
    /// Its position, from 0.
    pub index: usize,
    /// Its `Sid`, when it has one.
    pub sid: Option<String>,
    /// `Allow` or `Deny`.
    pub effect: Effect,
    /// Its principals, in a trust policy.
    pub principals: Option<Principals>,
    /// Its actions.
    pub actions: Names,
    /// Its resources, in an identity policy.
    pub resources: Option<Names>,
    /// The condition keys it tests, in order (`aws:SourceAccount`).
    pub condition_keys: Vec<String>,
}

impl StatementView {
    /// How a message names it: by its Sid, else by its position.
    pub fn name(&self) -> String {
        match &self.sid {
            Some(sid) if !sid.is_empty() => format!("statement “{sid}”"),
            _ => format!("statement {}", self.index + 1),
        }
    }

    /// An `Allow` without a condition whose `Action` (not `NotAction`) names `action`
    /// exactly: the statement a merge or a fix may add to without widening anything else.
    pub fn is_unconditioned_allow_of(&self, action: &str) -> bool {
        self.effect == Effect::Allow
            && self.condition_keys.is_empty()
            && !self.actions.negated
            && self
                .actions
                .values
                .iter()
                .any(|a| a.eq_ignore_ascii_case(action))
    }

    /// The Sid, or the 1-based position, as the `access` table reports it.
    pub fn reference(&self) -> String {
        match &self.sid {
            Some(sid) if !sid.is_empty() => sid.clone(),
            _ => (self.index + 1).to_string(),
        }
    }
}

/// Why a pasted policy cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing but white space.
    Empty,
    /// Not JSON.
    Json(json::JsonError),
    /// JSON, but not a policy IAM accepts.
    Shape(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Empty => f.write_str("is empty"),
            ReadError::Json(error) => write!(f, "is not valid JSON — {error}"),
            ReadError::Shape(message) => f.write_str(message),
        }
    }
}

/// Reads a pasted policy. What it is *for* (trust or permissions) is the caller's check.
pub fn read(text: &str) -> Result<Pasted, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let json = json::parse(text).map_err(ReadError::Json)?;
    let Json::Object(entries) = &json else {
        return Err(ReadError::Shape(format!(
            "is {}, not a policy: a policy is an object, {{ \"Version\": …, \"Statement\": … }}",
            json.kind()
        )));
    };
    if let Some((key, _)) = entries
        .iter()
        .find(|(k, _)| !DOCUMENT_KEYS.contains(&k.as_str()))
    {
        return Err(ReadError::Shape(unknown_key(
            key,
            "a policy",
            &DOCUMENT_KEYS,
        )));
    }
    match json.get("Version") {
        None => {}
        Some(Json::String(version)) if VERSIONS.contains(&version.as_str()) => {}
        Some(other) => {
            return Err(ReadError::Shape(format!(
                "has \"Version\": {}, which IAM does not accept: use \"2012-10-17\"",
                short(other)
            )));
        }
    }
    let statements = match json.get("Statement") {
        None => {
            return Err(ReadError::Shape(
                "has no \"Statement\": copy the whole policy from the console's editor".to_owned(),
            ));
        }
        Some(Json::Array(items)) => items.iter().collect::<Vec<_>>(),
        Some(one @ Json::Object(_)) => vec![one],
        Some(other) => {
            return Err(ReadError::Shape(format!(
                "has a \"Statement\" that is {}: it must be a statement object or a list of them",
                other.kind()
            )));
        }
    };
    let statements = statements
        .into_iter()
        .enumerate()
        .map(|(index, statement)| read_statement(index, statement))
        .collect::<Result<Vec<_>, _>>()?;
    let principals = statements.iter().filter(|s| s.principals.is_some()).count();
    let resources = statements.iter().filter(|s| s.resources.is_some()).count();
    let kind = match (principals, resources) {
        (0, _) => PolicyKind::Inline,
        (_, 0) => PolicyKind::Trust,
        _ => {
            return Err(ReadError::Shape(
                "mixes statements with a Principal (a trust policy's) and with a Resource (a permissions policy's): paste each policy in its own field".to_owned(),
            ));
        }
    };
    Ok(Pasted {
        json,
        statements,
        kind,
    })
}

fn read_statement(index: usize, statement: &Json) -> Result<StatementView, ReadError> {
    let at = |message: String| {
        ReadError::Shape(format!(
            "has a problem in statement {}: {message}",
            index + 1
        ))
    };
    let Json::Object(entries) = statement else {
        return Err(at(format!(
            "is {}, not a statement object",
            statement.kind()
        )));
    };
    if let Some((key, _)) = entries
        .iter()
        .find(|(k, _)| !STATEMENT_KEYS.contains(&k.as_str()))
    {
        return Err(at(unknown_key(key, "a statement", &STATEMENT_KEYS)));
    }
    let sid = match statement.get("Sid") {
        None => None,
        Some(Json::String(sid)) => Some(sid.clone()),
        Some(other) => return Err(at(format!("its \"Sid\" is {}, not a string", other.kind()))),
    };
    let effect = match statement.get("Effect") {
        Some(Json::String(effect)) if effect == "Allow" => Effect::Allow,
        Some(Json::String(effect)) if effect == "Deny" => Effect::Deny,
        Some(Json::String(effect))
            if effect.eq_ignore_ascii_case("allow") || effect.eq_ignore_ascii_case("deny") =>
        {
            return Err(at(format!(
                "\"Effect\": \"{effect}\" must be written \"Allow\" or \"Deny\", with that capitalisation"
            )));
        }
        Some(other) => {
            return Err(at(format!(
                "\"Effect\" is {}: it must be \"Allow\" or \"Deny\"",
                short(other)
            )));
        }
        None => return Err(at("has no \"Effect\": add \"Effect\": \"Allow\"".to_owned())),
    };
    let actions = either(statement, "Action", "NotAction")
        .map_err(at)?
        .ok_or_else(|| at("has neither \"Action\" nor \"NotAction\"".to_owned()))?;
    let resources = either(statement, "Resource", "NotResource").map_err(at)?;
    let principals = principals(statement).map_err(at)?;
    let condition_keys = match statement.get("Condition") {
        None => Vec::new(),
        Some(Json::Object(operators)) => {
            let mut keys = Vec::new();
            for (operator, tests) in operators {
                let Json::Object(tests) = tests else {
                    return Err(at(format!(
                        "the condition operator \"{operator}\" holds {}: it must hold an object of condition keys",
                        tests.kind()
                    )));
                };
                keys.extend(tests.iter().map(|(key, _)| key.clone()));
            }
            keys
        }
        Some(other) => {
            return Err(at(format!(
                "its \"Condition\" is {}: it must be an object of operators",
                other.kind()
            )));
        }
    };
    Ok(StatementView {
        index,
        sid,
        effect,
        principals,
        actions,
        resources,
        condition_keys,
    })
}

/// `Action` or `NotAction` (never both) as a string or a list of strings.
fn either(statement: &Json, plain: &str, not: &str) -> Result<Option<Names>, String> {
    match (statement.get(plain), statement.get(not)) {
        (Some(_), Some(_)) => Err(format!("has both \"{plain}\" and \"{not}\": keep one")),
        (Some(value), None) => strings(value, plain).map(|values| {
            Some(Names {
                values,
                negated: false,
            })
        }),
        (None, Some(value)) => strings(value, not).map(|values| {
            Some(Names {
                values,
                negated: true,
            })
        }),
        (None, None) => Ok(None),
    }
}

fn strings(value: &Json, element: &str) -> Result<Vec<String>, String> {
    match value {
        Json::String(text) => Ok(vec![text.clone()]),
        Json::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str().map(str::to_owned).ok_or_else(|| {
                    format!("\"{element}\" holds {}: it must hold strings", item.kind())
                })
            })
            .collect(),
        other => Err(format!(
            "\"{element}\" is {}: it must be a string or a list of strings",
            other.kind()
        )),
    }
}

fn principals(statement: &Json) -> Result<Option<Principals>, String> {
    let (value, negated, element) =
        match (statement.get("Principal"), statement.get("NotPrincipal")) {
            (Some(_), Some(_)) => {
                return Err("has both \"Principal\" and \"NotPrincipal\": keep one".to_owned());
            }
            (Some(value), None) => (value, false, "Principal"),
            (None, Some(value)) => (value, true, "NotPrincipal"),
            (None, None) => return Ok(None),
        };
    let mut found = Principals {
        negated,
        ..Principals::default()
    };
    match value {
        Json::String(star) if star == "*" => found.anyone = true,
        Json::Object(entries) => {
            for (key, names) in entries {
                let names = strings(names, &format!("{element}.{key}"))?;
                match key.as_str() {
                    "Service" => found.service = names,
                    "AWS" => {
                        found.anyone |= names.iter().any(|n| n == "*");
                        found.aws = names;
                    }
                    "Federated" => found.federated = names,
                    "CanonicalUser" => found.canonical_user = names,
                    other => {
                        return Err(unknown_key(
                            other,
                            &format!("\"{element}\""),
                            &PRINCIPAL_KEYS,
                        ));
                    }
                }
            }
        }
        other => {
            return Err(format!(
                "\"{element}\" is {}: it must be \"*\" or an object such as {{ \"Service\": … }}",
                short(other)
            ));
        }
    }
    Ok(Some(found))
}

fn unknown_key(key: &str, inside: &str, known: &[&str]) -> String {
    // The slips people make: letter case, a plural, a letter too many or too few.
    let near = known.iter().find(|k| {
        k.eq_ignore_ascii_case(key)
            || key
                .strip_suffix('s')
                .is_some_and(|one| k.eq_ignore_ascii_case(one))
            || one_letter_apart(&k.to_ascii_lowercase(), &key.to_ascii_lowercase())
    });
    match near {
        Some(near) if near.eq_ignore_ascii_case(key) => {
            format!("“{key}” in {inside} must be written “{near}”")
        }
        Some(near) => {
            format!("IAM does not know the element “{key}” in {inside} — did you mean “{near}”?")
        }
        None => format!(
            "IAM does not know the element “{key}” in {inside} (it knows {})",
            known.join(", ")
        ),
    }
}

/// Whether one slip — a letter added, dropped or changed, or two swapped — turns `a`
/// into `b` (the optimal-string-alignment distance is at most 1).
fn one_letter_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 1 || a.len() > 64 || b.len() > 64 {
        return false;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()] <= 1
}

/// A value quoted briefly for a message.
fn short(value: &Json) -> String {
    match value {
        Json::String(text) if text.chars().count() <= 40 => format!("\"{text}\""),
        other => other.kind().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_policy_has_the_elements_the_reader_accepts() {
        let names = |interface: &Interface| -> Vec<&str> {
            interface.members.iter().map(|member| member.name).collect()
        };
        assert_eq!(names(&DECLARED[0]), DOCUMENT_KEYS);
        assert_eq!(names(&DECLARED[1]), STATEMENT_KEYS);
        assert_eq!(names(&DECLARED[2]), PRINCIPAL_KEYS);
        let versions = match DECLARED[0].members[0].shape {
            Shape::AnyOf(versions) => versions.to_vec(),
            other => vec![other],
        };
        assert_eq!(versions, VERSIONS.map(Shape::Exactly));
    }

    #[test]
    fn one_statement_object_with_a_service_string_is_a_trust_policy() {
        let pasted = read(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}"#).expect("reads");
        assert_eq!(pasted.kind, PolicyKind::Trust);
        assert_eq!(
            pasted.statements[0]
                .principals
                .as_ref()
                .map(|p| p.service.clone()),
            Some(vec!["ec2.amazonaws.com".to_owned()])
        );
    }

    #[test]
    fn an_element_iam_does_not_know_is_named() {
        let error = read(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Actions":"s3:*","Resource":"*"}]}"#).expect_err("unknown");
        assert!(error.to_string().contains("“Actions”"), "{error}");
        assert!(
            error.to_string().contains("did you mean “Action”?"),
            "{error}"
        );
        let error = read(r#"{"Statement":[{"Effect":"Allow","Actoin":"s3:*","Resource":"*"}]}"#)
            .expect_err("typo");
        assert!(
            error.to_string().contains("did you mean “Action”?"),
            "{error}"
        );
        let error = read(r#"{"Statement":[{"Effect":"Allow","Verb":"s3:*","Resource":"*"}]}"#)
            .expect_err("unknown");
        assert!(
            error.to_string().contains("it knows Sid, Effect"),
            "{error}"
        );
        let error = read(r#"{"version":"2012-10-17","Statement":[]}"#).expect_err("case");
        assert!(
            error.to_string().contains("must be written “Version”"),
            "{error}"
        );
    }

    #[test]
    fn versions_iam_accepts_are_read_and_others_refused() {
        for version in VERSIONS {
            let text = format!(
                r#"{{"Version":"{version}","Statement":[{{"Effect":"Allow","Action":"s3:*","Resource":"*"}}]}}"#
            );
            assert!(read(&text).is_ok(), "{version}");
        }
        let error = read(r#"{"Version":"2012-10-18","Statement":[]}"#).expect_err("version");
        assert!(error.to_string().contains("\"2012-10-18\""), "{error}");
    }

    #[test]
    fn principal_star_not_principal_and_conditions_are_read() {
        let pasted = read(r#"{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#).expect("reads");
        assert!(
            pasted.statements[0]
                .principals
                .as_ref()
                .is_some_and(|p| p.negated)
        );
        assert!(
            pasted.statements[1]
                .principals
                .as_ref()
                .is_some_and(|p| p.anyone)
        );
        assert_eq!(pasted.statements[1].condition_keys, ["aws:PrincipalOrgID"]);
    }
}
