//! A policy as an ordered tree whose strings know which parts are the partition, region,
//! account or DNS suffix — so each export can write those portably in its own syntax.

use crate::build::Target;
use crate::model::Json;
use crate::model::Policy;
use crate::model::policy::{OneOrMany, PolicyDocument, Principal, Statement};

/// A value in an export: what JSON can say, plus CloudFormation's intrinsic functions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Keys in the order IAM documents print them.
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
    Text(String),
    /// A string with pseudo-parameter pieces.
    Template(Vec<Piece>),
    /// CloudFormation `Ref`.
    Ref(&'static str),
    /// CloudFormation `Fn::GetAtt` of a resource's attribute.
    GetAtt(&'static str, &'static str),
    /// A JSON literal that is not a string (a number, `true`, `false`, `null`), which every
    /// export's syntax writes the way JSON does.
    Raw(String),
}

/// A piece of a templated string; the variable pieces carry the value they stand for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Literal(String),
    Partition(String),
    Region(String),
    Account(String),
    UrlSuffix(String),
    /// The account the stack is deployed in (a role the stack did not create is there).
    StackAccount,
    /// A template parameter of the export's own (`TaskRoleName`).
    Parameter(&'static str),
}

impl Piece {
    /// The text this piece stands for in the core's own document.
    pub fn value(&self) -> &str {
        match self {
            Piece::Literal(text)
            | Piece::Partition(text)
            | Piece::Region(text)
            | Piece::Account(text)
            | Piece::UrlSuffix(text) => text,
            Piece::StackAccount | Piece::Parameter(_) => "",
        }
    }
}

pub(crate) fn map(entries: impl IntoIterator<Item = (&'static str, Node)>) -> Node {
    Node::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

pub(crate) fn text(value: &str) -> Node {
    Node::Text(value.to_owned())
}

/// A document as a tree: the builder's own in IAM's usual key order, a pasted one in its
/// own; every string split into its portable pieces.
pub(crate) fn policy(policy: &Policy, target: &Target) -> Node {
    match policy {
        Policy::New(document) => built(document, target),
        Policy::Existing(json) => pasted(json, target),
    }
}

fn pasted(json: &Json, target: &Target) -> Node {
    match json {
        Json::Object(entries) => Node::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), pasted(v, target)))
                .collect(),
        ),
        Json::Array(items) => Node::List(items.iter().map(|v| pasted(v, target)).collect()),
        Json::String(text) => portable(text, target),
        other => Node::Raw(serde_json::to_string(other).unwrap_or_default()),
    }
}

/// The builder's document in IAM's usual key order (Version, Statement; Sid, Effect,
/// Principal, Action, Resource, Condition).
pub(crate) fn built(document: &PolicyDocument, target: &Target) -> Node {
    map([
        ("Version", text(document.version)),
        (
            "Statement",
            Node::List(
                document
                    .statement
                    .iter()
                    .map(|s| statement(s, target))
                    .collect(),
            ),
        ),
    ])
}

fn statement(statement: &Statement, target: &Target) -> Node {
    let mut entries = Vec::new();
    if let Some(sid) = statement.sid {
        entries.push(("Sid", text(sid.as_str())));
    }
    entries.push(("Effect", text("Allow")));
    if let Some(principal) = &statement.principal {
        entries.push((
            "Principal",
            match principal {
                Principal::Service(services) => {
                    map([("Service", one_or_many(services, |s| text(s)))])
                }
                Principal::Federated(provider) => map([("Federated", portable(provider, target))]),
            },
        ));
    }
    entries.push(("Action", one_or_many(&statement.action, |a| text(a))));
    if let Some(resource) = &statement.resource {
        entries.push(("Resource", one_or_many(resource, |r| portable(r, target))));
    }
    if let Some(condition) = &statement.condition {
        let operators = condition.iter().map(|(operator, keys)| {
            let keys = keys
                .iter()
                .map(|(key, values)| (key.clone(), one_or_many(values, |v| portable(v, target))));
            ((*operator).to_owned(), Node::Map(keys.collect()))
        });
        entries.push(("Condition", Node::Map(operators.collect())));
    }
    map(entries)
}

fn one_or_many<T>(values: &OneOrMany<T>, node: impl Fn(&T) -> Node) -> Node {
    match values {
        OneOrMany::One(value) => node(value),
        OneOrMany::Many(values) => Node::List(values.iter().map(node).collect()),
    }
}

/// Splits an ARN, a `kms:ViaService` endpoint or a bare account ID into pieces wherever it
/// names the target's own partition, region, account or DNS suffix.
pub(crate) fn portable(value: &str, target: &Target) -> Node {
    let region = target.region.unwrap_or_default();
    let account = target.account.as_deref().unwrap_or_default();
    let mut pieces = Vec::new();
    if let Some(rest) = value.strip_prefix("arn:") {
        let fields: Vec<&str> = rest.splitn(5, ':').collect();
        if let [partition, service, arn_region, arn_account, resource] = fields[..] {
            pieces.push(Piece::Literal("arn:".to_owned()));
            pieces.push(variable(partition, target.partition, Piece::Partition));
            pieces.push(Piece::Literal(format!(":{service}:")));
            pieces.push(variable(arn_region, region, Piece::Region));
            pieces.push(Piece::Literal(":".to_owned()));
            pieces.push(variable(arn_account, account, Piece::Account));
            pieces.push(Piece::Literal(format!(":{resource}")));
        }
    } else if !account.is_empty() && value == account {
        pieces.push(Piece::Account(value.to_owned()));
    } else if let Some(service) = value
        .strip_suffix(&format!(".{}.{}", region, target.dns_suffix))
        .filter(|service| !region.is_empty() && !service.contains('.'))
    {
        pieces.push(Piece::Literal(format!("{service}.")));
        pieces.push(Piece::Region(region.to_owned()));
        pieces.push(Piece::Literal(".".to_owned()));
        pieces.push(Piece::UrlSuffix(target.dns_suffix.to_owned()));
    }
    if pieces
        .iter()
        .all(|piece| matches!(piece, Piece::Literal(_)))
    {
        return text(value);
    }
    Node::Template(merge_literals(pieces))
}

fn variable(value: &str, target_value: &str, piece: fn(String) -> Piece) -> Piece {
    if !value.is_empty() && value == target_value {
        piece(value.to_owned())
    } else {
        Piece::Literal(value.to_owned())
    }
}

fn merge_literals(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut merged: Vec<Piece> = Vec::new();
    for piece in pieces {
        match (merged.last_mut(), piece) {
            (Some(Piece::Literal(last)), Piece::Literal(next)) => last.push_str(&next),
            (_, piece) => merged.push(piece),
        }
    }
    merged
}

/// The region and account a tree's templated strings stand for, when any piece names them —
/// what an export's region and account parameters default to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Variables {
    pub region: Option<String>,
    pub account: Option<String>,
}

impl Variables {
    pub fn of<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> Variables {
        let mut found = Variables::default();
        nodes.into_iter().for_each(|node| found.collect(node));
        found
    }

    fn collect(&mut self, node: &Node) {
        match node {
            Node::Map(entries) => entries.iter().for_each(|(_, v)| self.collect(v)),
            Node::List(items) => items.iter().for_each(|v| self.collect(v)),
            Node::Template(pieces) => {
                for piece in pieces {
                    match piece {
                        Piece::Region(region) => self.region = Some(region.clone()),
                        Piece::Account(account) => self.account = Some(account.clone()),
                        _ => {}
                    }
                }
            }
            Node::Text(_) | Node::Ref(_) | Node::GetAtt(..) | Node::Raw(_) => {}
        }
    }
}
