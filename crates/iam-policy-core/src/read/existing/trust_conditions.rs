//! Whether a trust statement's `Condition` lets the agent's ECS tasks assume the role.
//! AWS advises trusting `ecs-tasks.amazonaws.com` only under `aws:SourceAccount` and
//! `aws:SourceArn` (the confused-deputy conditions), and ECS sends both keys for a task:
//! the task's account, and its ARN, `arn:<partition>:ecs:<region>:<account>:task/…`.
//! A condition on those keys is decided against the typed account, region and partition;
//! one the tasks fail can be widened in place (its list of values gains theirs); any other
//! key is one the builder cannot decide, and says so — it never adds a statement beside a
//! conditioned one, which would bypass the condition.

use crate::model::json::Json;
use crate::text::glob::{Budget, glob_matches};

/// Where the agent's tasks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agent<'a> {
    /// The partition id (`aws`).
    pub partition: &'a str,
    /// The region code.
    pub region: &'a str,
    /// The 12-digit account.
    pub account: &'a str,
}

impl Agent<'_> {
    /// The pattern AWS recommends for `aws:SourceArn`: any ECS resource of the account in
    /// the region.
    pub fn source_arn(&self) -> String {
        format!(
            "arn:{}:ecs:{}:{}:*",
            self.partition, self.region, self.account
        )
    }

    /// Two task ARNs of the agent's, in different clusters: a pattern that covers both
    /// covers whichever the agent's task has.
    fn tasks(&self) -> [String; 2] {
        let head = format!(
            "arn:{}:ecs:{}:{}:task/",
            self.partition, self.region, self.account
        );
        [
            format!("{head}matillion-agent-cluster/0123456789abcdef0123456789abcdef"),
            format!("{head}another/fedcba9876543210fedcba9876543210"),
        ]
    }
}

/// What a statement's conditions mean for the agent's tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every condition holds for them.
    Satisfied,
    /// Some fail; adding the agent's value to each of these makes them hold.
    Widen(Vec<Widening>),
    /// It depends on something the builder cannot know; each reason a sentence.
    Undecided(Vec<String>),
}

/// One value to add to one condition's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widening {
    /// The operator, as written (`ArnLike`).
    pub operator: String,
    /// The key, as written (`aws:SourceArn`).
    pub key: String,
    /// The value to add.
    pub value: String,
    /// Why it must be added, completing "The condition …".
    pub why: String,
}

/// How one key's test came out.
enum Outcome {
    Holds,
    Fails { value: String, why: String },
    Undecided(String),
}

/// Judges `condition` (a statement's `Condition` object) for the agent's tasks; with no
/// agent (the form has no valid account and region yet) nothing can be decided.
pub fn judge(condition: &Json, agent: Option<&Agent>) -> Verdict {
    let Json::Object(operators) = condition else {
        return Verdict::Undecided(vec!["its Condition is not an object".to_owned()]);
    };
    let Some(agent) = agent else {
        return Verdict::Undecided(vec![
            "the form has no valid account and region to test its Condition with".to_owned(),
        ]);
    };
    let mut widen = Vec::new();
    let mut undecided = Vec::new();
    for (operator, block) in operators {
        let Json::Object(keys) = block else {
            undecided.push(format!("its {operator} is not an object"));
            continue;
        };
        for (key, values) in keys {
            match test(operator, key, &strings(values), agent) {
                Outcome::Holds => {}
                Outcome::Fails { value, why } => widen.push(Widening {
                    operator: operator.clone(),
                    key: key.clone(),
                    value,
                    why,
                }),
                Outcome::Undecided(why) => undecided.push(why),
            }
        }
    }
    if !undecided.is_empty() {
        Verdict::Undecided(undecided)
    } else if !widen.is_empty() {
        Verdict::Widen(widen)
    } else {
        Verdict::Satisfied
    }
}

/// A condition's values as strings (IAM compares booleans and numbers as their text).
fn strings(values: &Json) -> Vec<String> {
    let one = |value: &Json| match value {
        Json::String(text) => Some(text.clone()),
        Json::Bool(b) => Some(b.to_string()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    };
    match values {
        Json::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

/// The kinds of test a condition operator makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Test {
    Equals,
    Like,
    EqualsIgnoreCase,
}

/// `ForAnyValue:ArnLikeIfExists` → (Like, not negated). ECS sends both keys, so
/// `IfExists` tests as the operator does, and a set operator on a key with one value as
/// the operator does.
fn operator(name: &str) -> Option<(Test, bool)> {
    let name = name
        .strip_prefix("ForAnyValue:")
        .or_else(|| name.strip_prefix("ForAllValues:"))
        .unwrap_or(name);
    let name = name.strip_suffix("IfExists").unwrap_or(name);
    Some(match name {
        "StringEquals" | "ArnEquals" => (Test::Equals, false),
        "StringLike" | "ArnLike" => (Test::Like, false),
        "StringEqualsIgnoreCase" => (Test::EqualsIgnoreCase, false),
        "StringNotEquals" | "ArnNotEquals" => (Test::Equals, true),
        "StringNotLike" | "ArnNotLike" => (Test::Like, true),
        "StringNotEqualsIgnoreCase" => (Test::EqualsIgnoreCase, true),
        _ => return None,
    })
}

fn matches(test: Test, pattern: &str, value: &str) -> bool {
    match test {
        Test::Equals => pattern == value,
        Test::EqualsIgnoreCase => pattern.eq_ignore_ascii_case(value),
        Test::Like => glob_matches(pattern, value, &mut Budget::new(100_000)).unwrap_or(false),
    }
}

fn test(operator_name: &str, key: &str, values: &[String], agent: &Agent) -> Outcome {
    let lower = key.to_ascii_lowercase();
    let known = matches!(lower.as_str(), "aws:sourceaccount" | "aws:sourcearn");
    let Some((test, negated)) = operator(operator_name).filter(|_| known) else {
        return Outcome::Undecided(format!(
            "{key} under {operator_name} depends on more than the agent's account and region"
        ));
    };
    let is_arn = lower == "aws:sourcearn";
    // What ECS sends for the agent's tasks: one account, or a task ARN it cannot know
    // beforehand (probed with two, in different clusters).
    let sent: Vec<String> = if is_arn {
        agent.tasks().to_vec()
    } else {
        vec![agent.account.to_owned()]
    };
    let covers = |pattern: &str| sent.iter().all(|value| matches(test, pattern, value));
    let touches = |pattern: &str| sent.iter().any(|value| matches(test, pattern, value));
    if negated {
        return match values.iter().find(|v| touches(v)) {
            None => Outcome::Holds,
            Some(value) => Outcome::Undecided(format!(
                "{key} under {operator_name} excludes {value}, which the agent's tasks send: remove that value for them"
            )),
        };
    }
    if values.iter().any(|v| covers(v)) {
        return Outcome::Holds;
    }
    // A task pattern in the agent's own place that names a cluster (`…:task/prod/*`).
    let in_place = |value: &str| {
        let mut parts = value.splitn(6, ':');
        let heads: Vec<&str> = parts.by_ref().take(5).collect();
        let rest = parts.next().unwrap_or_default();
        heads.len() == 5
            && matches(
                Test::Like,
                &heads.join(":"),
                &format!(
                    "arn:{}:ecs:{}:{}",
                    agent.partition, agent.region, agent.account
                ),
            )
            && rest.starts_with("task/")
    };
    let partly = |value: &str| touches(value) || (is_arn && in_place(value));
    if let Some(value) = values.iter().find(|v| partly(v)) {
        return Outcome::Undecided(format!(
            "{key} under {operator_name} allows only some of the account's tasks ({value}): check the agent's tasks are among them"
        ));
    }
    if !is_arn {
        return Outcome::Fails {
            value: agent.account.to_owned(),
            why: format!("names only {}, not the agent's account", list(values)),
        };
    }
    // A pattern can only be widened under an operator that reads patterns.
    if test != Test::Like {
        return Outcome::Undecided(format!(
            "{key} under {operator_name} names {} exactly, which no task of the agent's is: it needs ArnLike with {}",
            list(values),
            agent.source_arn()
        ));
    }
    let never = values.iter().all(|v| names_no_task(v));
    Outcome::Fails {
        value: agent.source_arn(),
        why: if never {
            format!(
                "names {}, which is not the ARN of a task, so it never matches what ECS sends",
                list(values)
            )
        } else {
            format!("names {}, not the agent's region and account", list(values))
        },
    }
}

/// An ECS ARN of something other than a task (`task-definition/…`, `cluster/…`,
/// `service/…`): what people write, and what `aws:SourceArn` never is for a task role.
fn names_no_task(value: &str) -> bool {
    let rest = value.splitn(6, ':').nth(5).unwrap_or_default();
    value.contains(":ecs:") && !rest.starts_with("task/") && !rest.starts_with('*')
}

fn list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("“{v}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::parse;

    const AGENT: Agent = Agent {
        partition: "aws",
        region: "eu-west-1",
        account: "123456789012",
    };

    fn verdict(condition: &str) -> Verdict {
        judge(&parse(condition).expect("JSON"), Some(&AGENT))
    }

    #[test]
    fn awss_recommended_conditions_hold_for_the_agents_tasks() {
        assert_eq!(
            verdict(
                r#"{"ArnLike":{"aws:SourceArn":"arn:aws:ecs:eu-west-1:123456789012:*"},"StringEquals":{"aws:SourceAccount":"123456789012"}}"#
            ),
            Verdict::Satisfied
        );
    }

    #[test]
    fn another_account_or_region_is_widened_with_the_agents() {
        let Verdict::Widen(widen) = verdict(
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:ecs:us-east-1:123456789012:*"},"StringEquals":{"aws:SourceAccount":["999999999999"]}}"#,
        ) else {
            panic!("widens")
        };
        assert_eq!(widen.len(), 2);
        assert_eq!(widen[0].value, "arn:aws:ecs:eu-west-1:123456789012:*");
        assert_eq!(widen[1].value, "123456789012");
    }

    #[test]
    fn a_task_definition_arn_never_matches_and_is_said_so() {
        let Verdict::Widen(widen) = verdict(
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/agent:*"}}"#,
        ) else {
            panic!("widens")
        };
        assert!(widen[0].why.contains("never matches"), "{}", widen[0].why);
    }

    #[test]
    fn other_keys_a_cluster_and_exact_arns_are_undecided() {
        for condition in [
            r#"{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}"#,
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:ecs:eu-west-1:123456789012:task/prod/*"}}"#,
            r#"{"ArnEquals":{"aws:SourceArn":"arn:aws:ecs:us-east-1:123456789012:task/x/y"}}"#,
            r#"{"StringNotEquals":{"aws:SourceAccount":"123456789012"}}"#,
        ] {
            assert!(
                matches!(verdict(condition), Verdict::Undecided(_)),
                "{condition}"
            );
        }
        assert!(matches!(
            judge(
                &parse(r#"{"StringEquals":{"aws:SourceAccount":"1"}}"#).expect("JSON"),
                None
            ),
            Verdict::Undecided(_)
        ));
    }

    #[test]
    fn if_exists_and_set_operators_test_as_their_operator() {
        assert_eq!(
            verdict(
                r#"{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"},"ForAnyValue:ArnLike":{"aws:SourceArn":"arn:aws:ecs:*:123456789012:*"}}"#
            ),
            Verdict::Satisfied
        );
        assert_eq!(
            verdict(r#"{"StringNotLike":{"aws:SourceAccount":"9*"}}"#),
            Verdict::Satisfied
        );
    }
}
