//! IAM policy documents as typed values; serde writes the JSON.

use super::shape::{Interface, Member, Shape};
use serde::Serialize;
use std::collections::BTreeMap;

/// The only policy language version current IAM features work with.
pub const POLICY_VERSION: &str = "2012-10-17";

/// A whole policy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyDocument {
    /// Always [`POLICY_VERSION`].
    pub version: &'static str,
    /// The statements, in a fixed order so the same request gives the same bytes.
    pub statement: Vec<Statement>,
}

impl PolicyDocument {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "NewPolicy",
        doc: "A policy the builder wrote: always the current version, with a list of Allow statements.",
        members: &[
            Member::new("Version", Shape::Exactly(POLICY_VERSION), ""),
            Member::new("Statement", Shape::List(&Shape::Named("NewStatement")), ""),
        ],
    };

    /// A document with these statements and the current version.
    pub fn new(statement: Vec<Statement>) -> Self {
        PolicyDocument {
            version: POLICY_VERSION,
            statement,
        }
    }

    /// A document whose statements carry their Sids only when there are several: a lone
    /// statement stays exactly as the Matillion docs print it.
    pub fn with_sids(statements: Vec<(Sid, Statement)>) -> Self {
        let several = statements.len() > 1;
        PolicyDocument::new(
            statements
                .into_iter()
                .map(|(sid, statement)| Statement {
                    sid: several.then_some(sid),
                    ..statement
                })
                .collect(),
        )
    }
}

/// One `Allow` statement. Trust policies set `principal`, identity policies `resource`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Statement {
    /// Present only when a document has several statements, to tell them apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<Sid>,
    /// Every statement the builder writes allows; denies are the account's business.
    pub effect: Effect,
    /// Who may assume the role (trust policies only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<Principal>,
    /// The actions allowed.
    pub action: OneOrMany<&'static str>,
    /// The resources the actions apply to (identity policies only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<OneOrMany<String>>,
    /// Extra conditions, keyed by operator then by condition key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

impl Statement {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "NewStatement",
        doc: "A statement the builder wrote. Trust policies name a Principal, permissions policies a Resource.",
        members: &[
            Member::new(
                "Sid",
                Shape::String,
                "Present only when a document has several statements, to tell them apart.",
            )
            .optional(),
            Member::new("Effect", Shape::Exactly("Allow"), ""),
            Member::new(
                "Principal",
                Shape::Object(&[Member::new("Service", Shape::ONE_OR_MANY, "")]),
                "The services that may assume the role (trust policies).",
            )
            .optional(),
            Member::new("Action", Shape::ONE_OR_MANY, ""),
            Member::new(
                "Resource",
                Shape::ONE_OR_MANY,
                "What the actions apply to (permissions policies).",
            )
            .optional(),
            Member::new(
                "Condition",
                Shape::Map(&Shape::Map(&Shape::ONE_OR_MANY)),
                "Operator, then condition key, then the values.",
            )
            .optional(),
        ],
    };

    /// An `Allow` statement for these actions, with nothing else yet.
    pub fn allow(action: OneOrMany<&'static str>) -> Statement {
        Statement {
            sid: None,
            effect: Effect::Allow,
            principal: None,
            action,
            resource: None,
            condition: None,
        }
    }

    /// Sets the resources.
    pub fn on(self, resource: OneOrMany<String>) -> Statement {
        Statement {
            resource: Some(resource),
            ..self
        }
    }

    /// Sets the service principals.
    pub fn by(self, service: OneOrMany<&'static str>) -> Statement {
        Statement {
            principal: Some(Principal::Service(service)),
            ..self
        }
    }

    /// Sets the federated principal: an identity provider's ARN.
    pub fn federated(self, provider: String) -> Statement {
        Statement {
            principal: Some(Principal::Federated(provider)),
            ..self
        }
    }

    /// Adds a condition `operator: { key: value }`. A key is the builder's own
    /// (`aws:SourceAccount`) or made from a validated name (an OIDC issuer's `<host>:sub`).
    pub fn when(
        mut self,
        operator: &'static str,
        key: impl Into<String>,
        value: OneOrMany<String>,
    ) -> Statement {
        self.condition
            .get_or_insert_with(BTreeMap::new)
            .entry(operator)
            .or_default()
            .insert(key.into(), value);
        self
    }
}

/// `Condition` block: operator → key → value(s). Ordered maps keep the output stable.
pub type Condition = BTreeMap<&'static str, BTreeMap<String, OneOrMany<String>>>;

/// A statement's effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Effect {
    /// Grants the actions.
    Allow,
}

/// The `Principal` of a trust policy statement: `{"Service": …}` or `{"Federated": …}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Principal {
    /// AWS service principals, e.g. `ecs-tasks.amazonaws.com`.
    Service(OneOrMany<&'static str>),
    /// An identity provider's ARN, e.g. an EKS cluster's IAM OIDC provider.
    Federated(String),
}

impl Principal {
    /// The service principals it names; none for a federated one.
    pub fn services(&self) -> &[&'static str] {
        match self {
            Principal::Service(services) => services.as_slice(),
            Principal::Federated(_) => &[],
        }
    }
}

/// IAM accepts a single value or a list in most places; the builder writes whichever the
/// Matillion docs print, so users can compare the two by eye.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single value, written as a bare string.
    One(T),
    /// A list, written as an array even when it has one item.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values, one or many.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(value) => std::slice::from_ref(value),
            OneOrMany::Many(values) => values,
        }
    }
}

/// A statement id: `[A-Za-z0-9]+`, checked when the constant is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sid(&'static str);

impl Sid {
    /// Makes a Sid; an invalid one is a compile error when used in a `const`.
    ///
    /// ```
    /// use iam_policy_core::model::policy::Sid;
    /// const READ: Sid = Sid::new("ReadAgentSecrets");
    /// assert_eq!(READ.as_str(), "ReadAgentSecrets");
    /// ```
    pub const fn new(sid: &'static str) -> Sid {
        let bytes = sid.as_bytes();
        assert!(!bytes.is_empty(), "a Sid must not be empty");
        let mut i = 0;
        while i < bytes.len() {
            assert!(
                bytes[i].is_ascii_alphanumeric(),
                "a Sid may only hold A-Z, a-z and 0-9"
            );
            i += 1;
        }
        Sid(sid)
    }

    /// The id.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}
