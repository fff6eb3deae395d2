//! Writes generated policy/request pairs with the core evaluator's verdict, one JSON object
//! per line, for tests/oracles/evaluator.test.mjs to put to @cloud-copilot/iam-simulate.
//!
//! `cargo run --release -p iam-policy-core --example evaluator_cases -- 10000 [SEED]`
//!
//! The pieces are chosen where evaluators go wrong: letter case in every ARN segment and
//! in actions, `?` and `*` in each segment, a name without its suffix, `NotAction` and
//! `NotResource`, several statements with `Deny`, and conditions (which the core reports
//! as conditional and the oracle decides against an empty context, so those are counted,
//! not compared).

use iam_policy_core::read::existing::{Decision, evaluate, read};
use serde_json::{Value, json};
use std::io::{BufWriter, Write};

/// xorshift64*: reproducible without a dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const ACTIONS: [&str; 10] = [
    "secretsmanager:GetSecretValue",
    "secretsmanager:getsecretvalue",
    "SecretsManager:Get*",
    "secretsmanager:*",
    "*",
    "secretsmanager:Get?ecretValue",
    "secretsmanager:DescribeSecret",
    "kms:Decrypt",
    "secretsmanager:GetSecret",
    "secretsmanager:*Value",
];
const PARTITIONS: [&str; 5] = ["aws", "AWS", "*", "aws-cn", "a?s"];
const SERVICES: [&str; 4] = ["secretsmanager", "SecretsManager", "secrets*", "ssm"];
const REGIONS: [&str; 6] = [
    "eu-west-1",
    "EU-WEST-1",
    "*",
    "eu-west-?",
    "us-east-1",
    "eu-*",
];
const ACCOUNTS: [&str; 5] = [
    "123456789012",
    "*",
    "1234567890?2",
    "999999999999",
    "12345*",
];
const RESTS: [&str; 12] = [
    "secret:matillion/agent-??????",
    "secret:matillion/agent",
    "secret:matillion/*",
    "secret:Matillion/agent-??????",
    "secret:*",
    "secret:matillion/agent-AbCdEf",
    "secret:matillion/agent-?????",
    "secret:matillion/agent*",
    "secret:*agent*",
    "secret:matillion/agent-??????*",
    "secret:matillion/?gent-*",
    "parameter/matillion/*",
];
const REQUEST_ACTIONS: [&str; 2] = [
    "secretsmanager:GetSecretValue",
    "secretsmanager:DescribeSecret",
];
const REQUEST_RESOURCES: [&str; 8] = [
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-AbCdEf",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-extra-AbCdEf",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:Matillion/agent-AbCdEf",
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:matillion/agent-AbCdEf",
    "arn:aws:secretsmanager:eu-west-1:999999999999:secret:matillion/agent-AbCdEf",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent",
    "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:matillion/agent-AbCdEf",
    "arn:aws:secretsmanager:eu-west-2:123456789012:secret:prod/db-Zz9Zz9",
];

fn resource(random: &mut Random) -> String {
    if random.chance(8) {
        return "*".to_owned();
    }
    format!(
        "arn:{}:{}:{}:{}:{}",
        random.pick(&PARTITIONS),
        random.pick(&SERVICES),
        random.pick(&REGIONS),
        random.pick(&ACCOUNTS),
        random.pick(&RESTS)
    )
}

/// A string or a list of one to three, as people write them.
fn one_or_many(random: &mut Random, mut item: impl FnMut(&mut Random) -> String) -> Value {
    if random.chance(40) {
        return Value::String(item(random));
    }
    let count = 1 + random.below(3);
    Value::Array((0..count).map(|_| Value::String(item(random))).collect())
}

fn statement(random: &mut Random) -> Value {
    let mut statement = serde_json::Map::new();
    let effect = if random.chance(25) { "Deny" } else { "Allow" };
    statement.insert("Effect".into(), json!(effect));
    let actions = one_or_many(random, |r| r.pick(&ACTIONS).to_owned());
    let action_key = if random.chance(12) {
        "NotAction"
    } else {
        "Action"
    };
    statement.insert(action_key.into(), actions);
    let resources = one_or_many(random, resource);
    let resource_key = if random.chance(12) {
        "NotResource"
    } else {
        "Resource"
    };
    statement.insert(resource_key.into(), resources);
    if random.chance(6) {
        statement.insert(
            "Condition".into(),
            json!({ "StringEquals": { "aws:ResourceTag/team": "data" } }),
        );
    }
    Value::Object(statement)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(0x1A4D_5EED);
    let mut random = Random(seed | 1);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for _ in 0..count {
        let statements = 1 + random.below(3);
        let policy = json!({
            "Version": "2012-10-17",
            "Statement": (0..statements).map(|_| statement(&mut random)).collect::<Vec<_>>(),
        });
        let action = random.pick(&REQUEST_ACTIONS);
        let resource = random.pick(&REQUEST_RESOURCES);
        let pasted = read(&policy.to_string()).unwrap_or_else(|e| panic!("{policy}: {e}"));
        let verdict = evaluate(&pasted.statements, action, resource);
        let decision = match verdict.decision {
            Decision::Allowed => "Allowed",
            Decision::Denied => "ImplicitlyDenied",
            Decision::ExplicitlyDenied => "ExplicitlyDenied",
            Decision::Conditional => "Conditional",
            // Generated policies are small: the budget never runs out, and if it did the
            // oracle test would report the case as a disagreement.
            Decision::Undecided => "Undecided",
        };
        let line = json!({ "policy": policy, "action": action, "resource": resource, "core": decision, "statement": verdict.statement });
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
}
