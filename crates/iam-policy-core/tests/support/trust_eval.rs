//! An evaluator of role trust policies for one request, written for the tests from IAM's
//! documented rules and sharing no code with the core: an explicit `Deny` wins, else an
//! `Allow` whose principal, action and every condition match, else an implicit deny
//! ("Policy evaluation logic"; "Condition operators"; "Multivalued condition keys"). It
//! knows the operators the builder's and people's trust policies use; any other is a
//! test failure, never a silent pass. @cloud-copilot/iam-simulate cannot judge EKS
//! web-identity keys (its OIDC keys are a fixed list of providers), so the IRSA trust is
//! held to this, and the Pod Identity trust to both (tests/oracles/eks-trust.test.mjs).

use serde_json::Value;
use std::collections::BTreeMap;

/// Who asks to assume the role.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(dead_code, reason = "each including test uses a different part")]
pub enum Caller<'a> {
    /// A web identity from this provider (its IAM ARN).
    Federated(&'a str),
    /// An AWS service principal.
    Service(&'a str),
}

/// IAM's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    ImplicitlyDenied,
    ExplicitlyDenied,
}

/// The request: the caller, the action, and the request's context keys (single values).
pub struct Ask<'a> {
    pub caller: Caller<'a>,
    pub action: &'a str,
    pub context: BTreeMap<String, String>,
}

fn values(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// IAM's `*` and `?`, anchored: `*` any run of characters, `?` exactly one.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

fn principal_matches(statement: &Value, caller: &Caller<'_>) -> bool {
    let (key, negated) = match (statement.get("Principal"), statement.get("NotPrincipal")) {
        (Some(p), _) => (p, false),
        (None, Some(p)) => (p, true),
        (None, None) => return false,
    };
    let named = if key == "*" {
        true
    } else {
        let (kind, value) = match caller {
            Caller::Federated(arn) => ("Federated", *arn),
            Caller::Service(name) => ("Service", *name),
        };
        key.get(kind).is_some_and(|v| values(v).contains(&value))
            || key.get("AWS").is_some_and(|v| values(v).contains(&"*"))
    };
    named != negated
}

fn action_matches(statement: &Value, action: &str) -> bool {
    let any = |v: &Value| {
        values(v)
            .iter()
            .any(|a| glob(&a.to_ascii_lowercase(), &action.to_ascii_lowercase()))
    };
    match (statement.get("Action"), statement.get("NotAction")) {
        (Some(v), _) => any(v),
        (None, Some(v)) => !any(v),
        (None, None) => false,
    }
}

/// One operator on one key. Context key names are case-insensitive in IAM.
fn condition_holds(
    operator: &str,
    key: &str,
    wanted: &Value,
    context: &BTreeMap<String, String>,
) -> bool {
    let (operator, if_exists) = match operator.strip_suffix("IfExists") {
        Some(base) => (base, true),
        None => (operator, false),
    };
    // Every context key here is single-valued: the set operators reduce to the plain ones,
    // except that ForAllValues holds when the key is missing.
    let (operator, all_values) = match operator.split_once(':') {
        Some(("ForAnyValue", base)) => (base, false),
        Some(("ForAllValues", base)) => (base, true),
        Some((other, _)) => panic!("the test evaluator does not know {other}:"),
        None => (operator, false),
    };
    let found = context
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str());
    let wanted = values(wanted);
    let Some(actual) = found else {
        let negative = operator.starts_with("StringNot");
        return if_exists || all_values || negative;
    };
    match operator {
        "StringEquals" => wanted.contains(&actual),
        "StringEqualsIgnoreCase" => wanted.iter().any(|w| w.eq_ignore_ascii_case(actual)),
        "StringLike" => wanted.iter().any(|w| glob(w, actual)),
        "StringNotEquals" => !wanted.contains(&actual),
        "StringNotLike" => !wanted.iter().any(|w| glob(w, actual)),
        "ArnLike" | "ArnEquals" => wanted.iter().any(|w| glob(w, actual)),
        other => panic!("the test evaluator does not know the operator {other}"),
    }
}

fn conditions_hold(statement: &Value, context: &BTreeMap<String, String>) -> bool {
    let Some(condition) = statement.get("Condition").and_then(Value::as_object) else {
        return true;
    };
    condition.iter().all(|(operator, keys)| {
        keys.as_object()
            .expect("an operator holds keys")
            .iter()
            .all(|(key, wanted)| condition_holds(operator, key, wanted, context))
    })
}

/// What IAM decides for `ask` under the trust policy `policy`.
pub fn decide(policy: &Value, ask: &Ask<'_>) -> Decision {
    let statements = match &policy["Statement"] {
        Value::Array(items) => items.iter().collect::<Vec<_>>(),
        one => vec![one],
    };
    let matching = |effect: &str| {
        statements.iter().any(|s| {
            s["Effect"] == effect
                && principal_matches(s, &ask.caller)
                && action_matches(s, ask.action)
                && conditions_hold(s, &ask.context)
        })
    };
    if matching("Deny") {
        Decision::ExplicitlyDenied
    } else if matching("Allow") {
        Decision::Allowed
    } else {
        Decision::ImplicitlyDenied
    }
}

/// A pod's web-identity token for `subject` from `issuer` (host/path), audience `aud`.
pub fn web_identity<'a>(provider: &'a str, issuer: &str, subject: &str, aud: &str) -> Ask<'a> {
    Ask {
        caller: Caller::Federated(provider),
        action: "sts:AssumeRoleWithWebIdentity",
        context: BTreeMap::from([
            (format!("{issuer}:sub"), subject.to_owned()),
            (format!("{issuer}:aud"), aud.to_owned()),
        ]),
    }
}
