//! The `iam-policy-builder` binary as a user runs it: stdin or flags in, JSON and an exit
//! code out.

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iam-policy-builder"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // A child that exits early closes its stdin; that is its answer, not a test failure.
    let _ = child.stdin.take().expect("piped").write_all(stdin);
    child.wait_with_output().expect("the binary finishes")
}

fn response(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is the response JSON")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_seed_request_prints_the_matillion_trust_policy_and_one_suffixed_secret() {
    let output = run(
        &[],
        br#"{"account":"123456789012","region":"eu-west-1","secrets":["matillion/agent"]}"#,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let response = response(&output);
    assert_eq!(
        response["documents"][0]["policy"],
        json!({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
            "Principal":{"Service":["ecs-tasks.amazonaws.com","ec2.amazonaws.com"]},
            "Action":"sts:AssumeRole"}]})
    );
    assert_eq!(
        response["documents"][1]["policy"]["Statement"][0]["Resource"],
        json!(["arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????"])
    );
}

#[test]
fn flags_build_the_same_response_as_stdin() {
    let from_flags = run(
        &[
            "--account",
            "1234-5678-9012",
            "--region=eu-west-1",
            "--secret",
            "a,b",
            "--secret",
            "c",
            "--kms-key",
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "--no-ec2-principal",
        ],
        b"",
    );
    let from_stdin = run(
        &[],
        br#"{"account":"1234-5678-9012","region":"eu-west-1","secrets":["a","b","c"],"kmsKeys":["1234abcd-12ab-34cd-56ef-1234567890ab"],"ec2Principal":false}"#,
    );
    assert_eq!(from_flags.status.code(), Some(0), "{}", stderr(&from_flags));
    assert_eq!(response(&from_flags), response(&from_stdin));
}

#[test]
fn error_problems_exit_1_and_still_print_the_response() {
    let output = run(
        &[],
        br#"{"account":"12345","region":"eu-west-1","secrets":["a"]}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(response(&output)["problems"][0]["code"], "account-length");
}

#[test]
fn unusable_input_exits_2_with_a_one_line_reason() {
    for (stdin, says) in [
        (&b"not json"[..], "not valid"),
        (b"", "standard input is empty"),
        (br#"{"account": 123456789012}"#, "invalid type"),
        (br#"{"secrets": "a"}"#, "invalid type"),
        (br#"{"acount": "123456789012"}"#, "unknown field `acount`"),
        (br#"{"secretScope": "some"}"#, "unknown variant `some`"),
        (b"[1, 2]", "not valid"),
        (b"\xff\xfe", "not valid"),
    ] {
        let output = run(&[], stdin);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(stdin)
        );
        let reason = stderr(&output);
        assert!(reason.contains(says), "{reason}");
        assert_eq!(reason.trim_end().lines().count(), 1, "{reason}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn bad_options_exit_2() {
    for (args, says) in [
        (&["--acount", "1"][..], "unknown option “--acount”"),
        (&["--region"], "--region needs a value"),
        (
            &["--secret-scope", "everything"],
            "must be listed, prefix, region or all",
        ),
    ] {
        let output = run(args, b"");
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains(says), "{}", stderr(&output));
    }
}

#[test]
fn help_explains_input_output_and_exit_codes() {
    let output = run(&["--help"], b"");
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    for words in [
        "standard input",
        "--secret NAME_OR_ARN",
        "--secret-scope",
        "Exit status",
    ] {
        assert!(help.contains(words), "help lacks {words}");
    }
}

#[test]
fn hostile_input_gets_problems_not_crashes() {
    let huge_name = "x".repeat(1 << 20);
    let many: Vec<String> = (0..100_000).map(|i| format!("s{i}")).collect();
    for request in [
        json!({"account": "\u{0}\u{1}\u{7f}", "region": "\u{200b}", "secrets": ["a\u{0}b"]}),
        json!({"account": huge_name, "region": huge_name, "secrets": [huge_name]}),
        json!({"account": "123456789012", "region": "eu-west-1", "secrets": many}),
    ] {
        let output = run(&["--compact"], request.to_string().as_bytes());
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let response = response(&output);
        assert!(
            response["problems"]
                .as_array()
                .is_some_and(|p| !p.is_empty())
        );
    }
}

#[test]
fn format_prints_an_export_with_the_same_exit_code() {
    let request =
        br#"{"account":"123456789012","region":"eu-west-1","secrets":["matillion/agent"]}"#;
    let output = run(&["--format", "terraform"], request);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("resource \"aws_iam_role_policy\" \"agent_execution_secrets\""),
        "{text}"
    );
    let broken = run(
        &["--format=cloudformation"],
        br#"{"account":"1","region":"eu-west-1","secrets":["a"]}"#,
    );
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stdout).starts_with("# NOT READY"));
}

#[test]
fn an_unknown_format_exits_2_naming_the_formats() {
    let output = run(&["--format", "yaml"], b"{}");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "use one of json, aws-cli, cloudformation, cloudformation-json, terraform, cdk"
        ),
        "{}",
        stderr(&output)
    );
}

/// A docs page that shows only the secrets policy exports only the execution role, and an
/// error in the task role's pasted trust policy does not make that export fail.
#[test]
fn documents_limit_an_export_to_their_roles_and_to_their_problems() {
    let request = br#"{"account":"123456789012","region":"eu-west-1","secrets":["matillion/agent"],"existingTrustPolicy":"{ not json"}"#;
    let whole = run(&["--format", "terraform"], request);
    assert_eq!(whole.status.code(), Some(1));
    let secrets = run(
        &[
            "--format",
            "terraform",
            "--documents",
            "execution-role-secrets-policy",
        ],
        request,
    );
    assert_eq!(secrets.status.code(), Some(0), "{}", stderr(&secrets));
    let text = String::from_utf8_lossy(&secrets.stdout);
    assert!(
        text.contains("resource \"aws_iam_role\" \"agent_execution\""),
        "{text}"
    );
    assert!(!text.contains("agent_task"), "{text}");
    // JSON is the response whatever the documents.
    let json = run(
        &["--format=json", "--documents=task-role-trust-policy"],
        request,
    );
    assert_eq!(
        response(&json)["documents"].as_array().map(Vec::len),
        Some(2)
    );
    for bad in ["trust-policy", ","] {
        let refused = run(&["--format", "cdk", "--documents", bad], request);
        assert_eq!(refused.status.code(), Some(2));
        assert!(
            stderr(&refused).contains("task-role-trust-policy, execution-role-secrets-policy, task-role-permissions-policy"),
            "{}",
            stderr(&refused)
        );
    }
}

/// Lists anyone can put in a share link, shaped to make comparing entries quadratic: many
/// long `*` patterns beside texts with the same start (19 s in the page before the check
/// had a budget), many names of 300 characters, and many run lengths of `?`.
fn pathological_lists(entry_prefix: &str) -> Vec<Vec<String>> {
    let long = "a".repeat(1_992);
    let stars = (0..60)
        .map(|i| format!("{entry_prefix}*{long}Z{i}"))
        .chain((0..60).map(|i| format!("{entry_prefix}{long}{i}")))
        .collect();
    let names = "n".repeat(300);
    let many = (0..200)
        .map(|i| format!("{entry_prefix}*{names}{i}"))
        .chain((0..200).map(|i| format!("{entry_prefix}{names}{i}")))
        .collect();
    let marks = (1..=400)
        .map(|n| format!("{entry_prefix}{long}{}", "?".repeat(n)))
        .chain((0..400).map(|i| format!("{entry_prefix}{long}{i:0>400}")))
        .collect();
    vec![stars, many, marks]
}

#[test]
fn pathological_lists_in_every_list_field_are_answered_in_well_under_a_second() {
    let fields = [
        ("secrets", ""),
        ("runtimeSecrets", ""),
        ("parameters", ""),
        ("kmsKeys", ""),
        ("stagingBuckets", "my-staging-bucket/"),
    ];
    for (field, entry_prefix) in fields {
        for (shape, entries) in pathological_lists(entry_prefix).into_iter().enumerate() {
            let mut request = json!({
                "account": "123456789012",
                "region": "eu-west-1",
                "secrets": ["matillion/agent"],
                "taskRolePolicy": true,
            });
            request[field] = json!(entries);
            let body = serde_json::to_vec(&request).expect("serialisable");
            let started = std::time::Instant::now();
            let output = run(&[], &body);
            let took = started.elapsed();
            assert_ne!(
                output.status.code(),
                Some(2),
                "{field} #{shape}: {}",
                stderr(&output)
            );
            assert!(response(&output)["documents"].is_array());
            assert!(
                took < std::time::Duration::from_secs(1),
                "{field}, shape {shape}: {took:?}"
            );
        }
    }
}

/// Every field of the core's table has its flag, named in --help, and the flag sets the
/// same request field the JSON request would.
#[test]
fn every_field_has_a_flag_in_the_help_that_sets_its_request_field() {
    use iam_policy_core::input::fields::{FIELDS, FILE_VALUE, Kind};
    let help = String::from_utf8_lossy(&run(&["--help"], b"").stdout).into_owned();
    for def in FIELDS {
        let flag = format!("--{}", def.flag);
        assert!(help.contains(&flag), "--help lacks {flag}");
        let (args, json): (Vec<String>, Value) = match def.kind() {
            Kind::Switch => (
                vec![flag.clone()],
                json!({ def.name: def.default_text() != "true", "taskRolePolicy": true }),
            ),
            Kind::List => (
                vec![flag.clone(), "a,b".into(), flag.clone(), "c".into()],
                json!({ def.name: ["a", "b", "c"], "taskRolePolicy": true }),
            ),
            // A choice's last id, in capitals: read in any case.
            Kind::Choice => {
                let id = *def.choices().last().expect("a choice has ids");
                (
                    vec![flag.clone(), id.to_uppercase()],
                    json!({ def.name: id, "taskRolePolicy": true }),
                )
            }
            // A pasted policy's flag reads a file.
            Kind::Text if def.value_name == FILE_VALUE => {
                let file = std::env::temp_dir().join(format!(
                    "ipb-cli-{}-{}",
                    std::process::id(),
                    def.flag
                ));
                std::fs::write(&file, TRUST).expect("a scratch file");
                (
                    vec![flag.clone(), file.display().to_string()],
                    json!({ def.name: TRUST, "taskRolePolicy": true }),
                )
            }
            Kind::Text => (
                vec![flag.clone(), "prod/".into()],
                json!({ def.name: "prod/", "taskRolePolicy": true }),
            ),
        };
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        if def.name != "taskRolePolicy" {
            args.push("--task-role-policy");
        }
        let from_flags = response(&run(&args, b""));
        let from_json = response(&run(&[], json.to_string().as_bytes()));
        assert_eq!(from_flags, from_json, "{flag}");
    }
}

/// Matillion ETL's EC2 role, as the console's editor shows its trust policy.
const TRUST: &str = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Principal\": {\n                \"Service\": \"ec2.amazonaws.com\"\n            },\n            \"Action\": \"sts:AssumeRole\"\n        }\n    ]\n}\n";

#[test]
fn an_existing_trust_policy_from_standard_input_is_merged_not_replaced() {
    let output = run(
        &[
            "--account",
            "123456789012",
            "--region",
            "eu-west-1",
            "--secret",
            "matillion/agent",
            "--existing-trust-policy",
            "-",
        ],
        TRUST.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let response = response(&output);
    let trust = &response["documents"][0];
    assert_eq!(trust["origin"], "existing");
    assert_eq!(
        trust["policy"]["Statement"][0]["Principal"]["Service"],
        json!(["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"])
    );
    assert_eq!(trust["changes"].as_array().map(Vec::len), Some(1));
}

#[test]
fn policy_files_that_cannot_be_read_exit_2_naming_the_flag() {
    let missing = run(&["--existing-secrets-policy", "/no/such/policy.json"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("--existing-secrets-policy: could not read /no/such/policy.json"),
        "{}",
        stderr(&missing)
    );
    let twice = run(
        &[
            "--existing-trust-policy",
            "-",
            "--existing-secrets-policy",
            "-",
        ],
        TRUST.as_bytes(),
    );
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        stderr(&twice).contains("already read by --existing-trust-policy"),
        "{}",
        stderr(&twice)
    );
    let file = std::env::temp_dir().join(format!("ipb-cli-{}-latin1", std::process::id()));
    std::fs::write(&file, b"{\"Version\": \"2012-10-17\xff\"}").expect("a scratch file");
    let latin = run(
        &["--existing-trust-policy", &file.display().to_string()],
        b"",
    );
    assert_eq!(latin.status.code(), Some(2));
    assert!(
        stderr(&latin).contains("is not UTF-8 text"),
        "{}",
        stderr(&latin)
    );
}

/// Pasted policies at their worst: a clear problem on the field, never a crash, quickly.
#[test]
fn hostile_pasted_policies_get_a_problem_on_their_field_in_well_under_a_second() {
    let statement = r#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:x"}"#;
    let many = format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        vec![statement; 10_000].join(",")
    );
    let megabyte = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::{}"}}]}}"#,
        "b".repeat(1 << 20)
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let duplicate = r#"{"Version":"2012-10-17","Statement":[],"Statement":[]}"#.to_owned();
    let control = "{\"Version\":\"2012-10-17\u{1}\",\"Statement\":[]}".replace("\\u{1}", "\u{1}");
    for (name, text, field) in [
        ("10,000 statements", many.clone(), "existingSecretsPolicy"),
        (
            "a megabyte policy",
            megabyte.clone(),
            "existingSecretsPolicy",
        ),
        (
            "nesting past the reader's limit",
            deep.clone(),
            "existingTrustPolicy",
        ),
        ("duplicate keys", duplicate.clone(), "existingTrustPolicy"),
        (
            "a control character",
            control.clone(),
            "existingSecretsPolicy",
        ),
        (
            "10,000 statements as a trust policy",
            many.clone(),
            "existingTrustPolicy",
        ),
    ] {
        let request = json!({"account": "123456789012", "region": "eu-west-1", "secrets": ["matillion/agent"], field: text});
        let started = std::time::Instant::now();
        let output = run(&[], request.to_string().as_bytes());
        let took = started.elapsed();
        assert_ne!(output.status.code(), Some(2), "{name}: {}", stderr(&output));
        let response = response(&output);
        let problems = response["problems"].as_array().cloned().unwrap_or_default();
        assert!(
            problems.iter().any(|p| p["field"] == field),
            "{name}: no problem on {field}: {problems:?}"
        );
        assert!(took < std::time::Duration::from_secs(1), "{name}: {took:?}");
    }
}

#[test]
fn an_ecs_error_from_a_file_is_diagnosed_and_fills_the_form() {
    let error = "ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/agent-exec/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Ab12Cd because no identity-based policy allows the secretsmanager:GetSecretValue action";
    let file = std::env::temp_dir().join(format!("ipb-cli-{}-ecs-error", std::process::id()));
    std::fs::write(&file, error).expect("a scratch file");
    let output = run(&["--ecs-error", &file.display().to_string()], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let response = response(&output);
    assert_eq!(response["diagnosis"]["cause"], "secret-access-denied");
    assert_eq!(response["diagnosis"]["role"], "agent-exec");
    assert_eq!(
        response["documents"][1]["policy"]["Statement"][0]["Resource"],
        json!(["arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-Ab12Cd"])
    );
    let export = run(
        &["--ecs-error", "-", "--format", "terraform"],
        error.as_bytes(),
    );
    assert!(
        stderr(&export).contains("agent-exec may not read the secret “matillion/agent”"),
        "{}",
        stderr(&export)
    );
}

/// A pasted policy no role could hold is refused before it is compared with every secret
/// (1,000 secrets against 10,000 statements took three minutes before).
#[test]
fn a_pasted_policy_past_iams_largest_quota_is_refused_saying_by_how_much() {
    let statement = r#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:x*?a*"}"#;
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        vec![statement; 10_000].join(",")
    );
    let secrets: Vec<String> = (0..1_000).map(|i| format!("team/secret-{i}")).collect();
    let request = json!({"account": "123456789012", "region": "eu-west-1", "secrets": secrets, "existingSecretsPolicy": policy});
    let started = std::time::Instant::now();
    let output = run(&[], request.to_string().as_bytes());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let problems = response(&output)["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        problems
            .iter()
            .any(|p| p["field"] == "existingSecretsPolicy"
                && p["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("more than IAM accepts on a role (10,240"))),
        "{problems:?}"
    );
}

/// The second security review: the CLI wrote the diagnosis to stderr as it was, so escape
/// sequences in a pasted error (or in a request's unknown key, which serde quotes) could
/// rewrite the terminal. Whatever the input, stderr is plain lines.
#[test]
fn nothing_from_the_input_reaches_the_terminal_as_a_control_character() {
    let escape = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\r";
    let error = format!(
        "ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/agent{escape}exec/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/{escape}agent-Ab12Cd"
    );
    let export = run(
        &["--ecs-error", "-", "--format", "terraform"],
        error.as_bytes(),
    );
    let unknown_key = run(
        &[],
        format!("{{\"acc{escape}ount\": 1}}")
            .replace('\u{1b}', "\\u001b")
            .replace('\u{7}', "\\u0007")
            .replace('\r', "\\r")
            .as_bytes(),
    );
    for output in [&export, &unknown_key] {
        let text = stderr(output);
        assert!(!text.is_empty());
        let body = text.strip_suffix('\n').unwrap_or(&text);
        assert!(
            !body.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
    assert_eq!(unknown_key.status.code(), Some(2));
}

/// A new-user review: `--existing-trust-policy FILEthe trust policy…` — the long option
/// names ran into their descriptions. Every option now stands apart from its text by two
/// spaces or more, and the help fits an 80-column terminal.
#[test]
fn help_keeps_every_option_apart_from_its_description_within_80_columns() {
    let output = run(&["--help"], b"");
    let help = String::from_utf8(output.stdout).expect("UTF-8");
    for line in help.lines().skip(1) {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    let options: Vec<&str> = help.lines().filter(|l| l.starts_with("  -")).collect();
    assert!(options.len() > 20, "{help}");
    for line in options {
        let after_flag = line.trim_start();
        // The option's words, then a run of two or more spaces, then the description.
        assert!(
            after_flag.contains("  "),
            "runs into its description: {line}"
        );
    }
}
