//! What users type, and what they must be told. Each row: a request, then the field,
//! severity and code of a problem that must be reported, and words its message must hold.

use iam_policy_core::{Code, DocumentId, Field, Request, SecretScope, Severity, build};
use serde_json::{Value, json};

fn request(account: &str, region: &str, secrets: &[&str]) -> Request {
    Request {
        account: account.to_owned(),
        region: region.to_owned(),
        secrets: secrets.iter().map(|s| (*s).to_owned()).collect(),
        ..Request::default()
    }
}

fn resources(request: &Request) -> Vec<String> {
    let response = build(request);
    let Some(document) = response.document(DocumentId::ExecutionRoleSecretsPolicy) else {
        return Vec::new();
    };
    let policy = serde_json::to_value(&document.policy).expect("serialises");
    match &policy["Statement"][0]["Resource"] {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        Value::String(one) => vec![one.clone()],
        _ => Vec::new(),
    }
}

const OK_ACCOUNT: &str = "123456789012";
const OK_REGION: &str = "eu-west-1";
const OK_SECRET: &[&str] = &["matillion/agent"];

struct Case {
    what: &'static str,
    request: Request,
    field: Field,
    severity: Severity,
    code: Code,
    says: &'static [&'static str],
}

fn case(
    what: &'static str,
    request: Request,
    (field, severity, code): (Field, Severity, Code),
    says: &'static [&'static str],
) -> Case {
    Case {
        what,
        request,
        field,
        severity,
        code,
        says,
    }
}

fn account(text: &str) -> Request {
    request(text, OK_REGION, OK_SECRET)
}
fn region(text: &str) -> Request {
    request(OK_ACCOUNT, text, OK_SECRET)
}
fn secrets(entries: &[&str]) -> Request {
    request(OK_ACCOUNT, OK_REGION, entries)
}

use Field::{Account, Region, Secrets};
use Severity::{Error, Info, Warning};

fn cases() -> Vec<Case> {
    vec![
        case(
            "empty account",
            account(""),
            (Account, Error, Code::AccountMissing),
            &["12-digit"],
        ),
        case(
            "eleven digits",
            account("12345678901"),
            (Account, Error, Code::AccountLength),
            &["12 digits", "got 11"],
        ),
        case(
            "thirteen digits",
            account("1234567890123"),
            (Account, Error, Code::AccountLength),
            &["got 13"],
        ),
        case(
            "dashed account",
            account("1234-5678-9012"),
            (Account, Info, Code::AccountNormalised),
            &["123456789012"],
        ),
        case(
            "spaced account",
            account("1234 5678 9012"),
            (Account, Info, Code::AccountNormalised),
            &["Removed"],
        ),
        case(
            "placeholder account",
            account("<your-aws-account>"),
            (Account, Error, Code::AccountPlaceholder),
            &["placeholder"],
        ),
        case(
            "alias account",
            account("my-company-prod"),
            (Account, Error, Code::AccountAlias),
            &["alias"],
        ),
        case(
            "letter in account",
            account("12345678901O"),
            (Account, Error, Code::AccountInvalidCharacter),
            &["“O”", "position 12"],
        ),
        case(
            "arabic-indic digits",
            account("١٢٣٤٥٦٧٨٩٠١٢"),
            (Account, Error, Code::AccountInvalidCharacter),
            &["not ASCII 0–9", "position 1"],
        ),
        case(
            "zero-width space in account",
            account("123456\u{200B}789012"),
            (Account, Error, Code::AccountInvalidCharacter),
            &["zero-width space", "U+200B", "position 7"],
        ),
        case(
            "account from an ARN",
            account("arn:aws:iam::123456789012:root"),
            (Account, Info, Code::AccountFromArn),
            &["123456789012"],
        ),
        case(
            "empty region",
            region(" "),
            (Region, Error, Code::RegionMissing),
            &["eu-west-1"],
        ),
        case(
            "region typo",
            region("eu-wset-1"),
            (Region, Error, Code::RegionUnknown),
            &["did you mean eu-west-1"],
        ),
        case(
            "region by console name",
            region("Ireland"),
            (Region, Info, Code::RegionFromName),
            &["“Ireland” is eu-west-1 (Europe (Ireland)): using eu-west-1."],
        ),
        case(
            "region by its whole console name",
            region("Europe (Ireland)"),
            (Region, Info, Code::RegionFromName),
            &["“Europe (Ireland)” is eu-west-1"],
        ),
        case(
            "region name without its accent",
            region("Sao Paulo"),
            (Region, Info, Code::RegionFromName),
            &["“Sao Paulo” is sa-east-1"],
        ),
        case(
            "region name in capitals with its accent",
            region("SÃO PAULO"),
            (Region, Info, Code::RegionFromName),
            &["“SÃO PAULO” is sa-east-1"],
        ),
        case(
            "a name of several regions",
            region("Europe"),
            (Region, Error, Code::RegionUnknown),
            &["“Europe” is not an AWS region"],
        ),
        case(
            "typo in an isolated region keeps its partition",
            region("us-isob-wset-1"),
            (Region, Error, Code::RegionUnknown),
            &["did you mean us-isob-west-1"],
        ),
        case(
            "availability zone",
            region("us-east-1a"),
            (Region, Error, Code::RegionAvailabilityZone),
            &["availability zone", "us-east-1"],
        ),
        case(
            "local zone",
            region("us-west-2-lax-1a"),
            (Region, Error, Code::RegionAvailabilityZone),
            &["us-west-2"],
        ),
        case(
            "nonsense region",
            region("mars-north-1"),
            (Region, Error, Code::RegionUnknown),
            &["not an AWS region"],
        ),
        case(
            "opt-in region",
            region("ap-southeast-5"),
            (Region, Info, Code::RegionOptIn),
            &["opt-in", "Malaysia"],
        ),
        case(
            "isolated partition",
            region("us-iso-east-1"),
            (Region, Info, Code::PartitionPrincipalsUnconfirmed),
            &["AWS ISO (US)"],
        ),
        case(
            "no secrets",
            secrets(&[]),
            (Secrets, Error, Code::SecretsMissing),
            &["at least one secret"],
        ),
        case(
            "only blank secrets",
            secrets(&["  ", ""]),
            (Secrets, Error, Code::SecretsMissing),
            &["at least one"],
        ),
        case(
            "space in a name",
            secrets(&["my secret"]),
            (Secrets, Error, Code::SecretInvalidCharacter),
            &["a space", "position 3"],
        ),
        case(
            "cyrillic a in a name",
            secrets(&["m\u{0430}tillion"]),
            (Secrets, Error, Code::SecretInvalidCharacter),
            &["Cyrillic small letter a", "looks like “a”", "position 2"],
        ),
        case(
            "zero-width joiner in a name",
            secrets(&["prod\u{200D}/db"]),
            (Secrets, Error, Code::SecretInvalidCharacter),
            &["zero-width joiner", "position 5"],
        ),
        case(
            "en dash in a name",
            secrets(&["prod\u{2013}db"]),
            (Secrets, Error, Code::SecretInvalidCharacter),
            &["en dash"],
        ),
        case(
            "name too long",
            secrets(&[&"a".repeat(513)]),
            (Secrets, Error, Code::SecretTooLong),
            &["513", "512"],
        ),
        case(
            "ssm ARN as a secret",
            secrets(&["arn:aws:ssm:eu-west-1:123456789012:parameter/x"]),
            (Secrets, Error, Code::SecretArnOtherService),
            &["Parameter Store parameters"],
        ),
        case(
            "kms ARN as a secret",
            secrets(&["arn:aws:kms:eu-west-1:123456789012:key/x"]),
            (Secrets, Error, Code::SecretArnOtherService),
            &["“kms”"],
        ),
        case(
            "truncated ARN",
            secrets(&["arn:aws:secretsmanager:eu-west-1"]),
            (Secrets, Error, Code::SecretArnMalformed),
            &["not one"],
        ),
        case(
            "unknown partition",
            secrets(&["arn:awz:secretsmanager:eu-west-1:123456789012:secret:x"]),
            (Secrets, Error, Code::SecretArnUnknownPartition),
            &["“awz”"],
        ),
        case(
            "ARN with a bad region",
            secrets(&["arn:aws:secretsmanager:eu-wset-1:123456789012:secret:x"]),
            (Secrets, Error, Code::SecretArnRegion),
            &["did you mean eu-west-1"],
        ),
        case(
            "arn:aws in China",
            secrets(&["arn:aws:secretsmanager:cn-north-1:123456789012:secret:x"]),
            (Secrets, Error, Code::SecretArnPartitionMismatch),
            &["arn:aws-cn:"],
        ),
        case(
            "ARN with a short account",
            secrets(&["arn:aws:secretsmanager:eu-west-1:12345:secret:x"]),
            (Secrets, Error, Code::SecretArnAccount),
            &["got 5"],
        ),
        case(
            "ARN with no name",
            secrets(&["arn:aws:secretsmanager:eu-west-1:123456789012:secret:"]),
            (Secrets, Error, Code::SecretEmptyName),
            &["add the secret's name"],
        ),
        case(
            "ARN in another region",
            secrets(&["arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbC123"]),
            (Secrets, Warning, Code::SecretOtherRegion),
            &["us-east-1", "eu-west-1"],
        ),
        case(
            "ARN in another account",
            secrets(&["arn:aws:secretsmanager:eu-west-1:210987654321:secret:x-AbC123"]),
            (Secrets, Warning, Code::SecretOtherAccount),
            &["210987654321", "resource policy"],
        ),
        case(
            "ARN in another partition",
            request(
                OK_ACCOUNT,
                "cn-north-1",
                &["arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbC123"],
            ),
            (Secrets, Error, Code::SecretOtherPartition),
            &["across partitions"],
        ),
        case(
            "ECS valueFrom",
            secrets(&["arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbC123:password::"]),
            (Secrets, Info, Code::SecretValueFromTail),
            &["“:password::”"],
        ),
        case(
            "partial ARN",
            secrets(&["arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"]),
            (Secrets, Info, Code::SecretPartialArn),
            &["-??????"],
        ),
        case(
            "name that ends like a suffix",
            secrets(&["db-AbCdEf"]),
            (Secrets, Warning, Code::SecretNameLooksSuffixed),
            &["db-AbCdEf-??????", "full ARN"],
        ),
        case(
            "ARN whose suffix reads like a word",
            secrets(&["arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-secret"]),
            (Secrets, Warning, Code::SecretSuffixLooksLikeWord),
            &["enter the name instead"],
        ),
        case(
            "prefix wildcard",
            secrets(&["prod/*"]),
            (Secrets, Warning, Code::SecretWildcard),
            &["starts with “prod/”"],
        ),
        case(
            "question-mark wildcard",
            secrets(&["db-?"]),
            (Secrets, Warning, Code::SecretWildcard),
            &["exactly one"],
        ),
        case(
            "duplicate",
            secrets(&["prod/db", " prod/db "]),
            (Secrets, Info, Code::DuplicateEntry),
            &["more than once"],
        ),
        case(
            "every secret",
            Request {
                all_secrets: true,
                ..secrets(&[])
            },
            (Field::SecretScope, Warning, Code::SecretsAll),
            &["every secret"],
        ),
        case("100,000 secrets", secrets(&vec!["a"; 100_000]), (Secrets, Error, Code::ListTooLong), &["100,000 entries", "prefix"]),
        case("a megabyte secret name", secrets(&[&"x".repeat(1 << 20)]), (Secrets, Error, Code::SecretTooLong), &["1,048,576 characters"]),
        case("NUL in a name", secrets(&["db\u{0}x"]), (Secrets, Error, Code::SecretInvalidCharacter), &["control character (U+0000)"]),
        case("prefix scope", Request { secret_scope: SecretScope::Prefix, secret_prefix: "prod/".into(), ..secrets(&[]) }, (Field::SecretScope, Warning, Code::SecretScopePrefix), &["starts with “prod/”"]),
        case("prefix scope without a prefix", Request { secret_scope: SecretScope::Prefix, ..secrets(&[]) }, (Field::SecretPrefix, Error, Code::SecretPrefixMissing), &["prefix"]),
        case("prefix with a space", Request { secret_scope: SecretScope::Prefix, secret_prefix: "my prod/".into(), ..secrets(&[]) }, (Field::SecretPrefix, Error, Code::SecretPrefixInvalid), &["a space"]),
        case("region scope", Request { secret_scope: SecretScope::Region, ..secrets(&[]) }, (Field::SecretScope, Warning, Code::SecretScopeRegion), &["every secret in this region"]),
        case("list ignored by a broad scope", Request { secret_scope: SecretScope::Region, ..secrets(OK_SECRET) }, (Secrets, Info, Code::SecretsIgnored), &["kept"]),
        case("conditions beside EC2", Request { source_conditions: true, ..secrets(OK_SECRET) }, (Field::SourceConditions, Info, Code::SourceConditionsSeparate), &["EC2 does not send"]),
        case("KMS alias", Request { kms_keys: vec!["alias/agent".into()], ..secrets(OK_SECRET) }, (Field::KmsKeys, Error, Code::KmsKeyAlias), &["key's ARN"]),
        case("KMS alias ARN", Request { kms_keys: vec!["arn:aws:kms:eu-west-1:123456789012:alias/agent".into()], ..secrets(OK_SECRET) }, (Field::KmsKeys, Error, Code::KmsKeyAlias), &["not on an alias"]),
        case("AWS managed key", Request { kms_keys: vec!["aws/secretsmanager".into()], ..secrets(OK_SECRET) }, (Field::KmsKeys, Error, Code::KmsKeyAwsManaged), &["remove it"]),
        case("not a key", Request { kms_keys: vec!["my-key".into()], ..secrets(OK_SECRET) }, (Field::KmsKeys, Error, Code::KmsKeyInvalid), &["mrk-"]),
        case("key in another partition", Request { kms_keys: vec!["arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".into()], ..secrets(OK_SECRET) }, (Field::KmsKeys, Error, Code::KmsKeyOtherPartition), &["aws-cn"]),
        case("parameter with a space", Request { parameters: vec!["/prod/db password".into()], ..secrets(OK_SECRET) }, (Field::Parameters, Error, Code::ParameterInvalid), &["a space"]),
        case("parameter 16 levels deep", Request { parameters: vec![format!("/{}", vec!["a"; 16].join("/"))], ..secrets(OK_SECRET) }, (Field::Parameters, Error, Code::ParameterInvalid), &["16 levels"]),
        case("secret ARN as a parameter", Request { parameters: vec!["arn:aws:secretsmanager:eu-west-1:123456789012:secret:x".into()], ..secrets(OK_SECRET) }, (Field::Parameters, Error, Code::ParameterInvalid), &["not a parameter ARN"]),
        case("parameter wildcard", Request { parameters: vec!["/prod/*".into()], ..secrets(OK_SECRET) }, (Field::Parameters, Warning, Code::ParameterWildcard), &["“/prod/”"]),
        case("bucket with capitals", Request { task_role_policy: true, staging_buckets: vec!["My-Bucket".into()], ..secrets(OK_SECRET) }, (Field::StagingBuckets, Error, Code::BucketInvalid), &["lower-case"]),
        case("bucket like an IP", Request { task_role_policy: true, staging_buckets: vec!["192.168.5.4".into()], ..secrets(OK_SECRET) }, (Field::StagingBuckets, Error, Code::BucketInvalid), &["IP address"]),
        case("bucket too short", Request { task_role_policy: true, staging_buckets: vec!["ab".into()], ..secrets(OK_SECRET) }, (Field::StagingBuckets, Error, Code::BucketInvalid), &["3 to 63"]),
        case("bucket with a path", Request { task_role_policy: true, staging_buckets: vec!["s3://bucket-a/staging/".into()], ..secrets(OK_SECRET) }, (Field::StagingBuckets, Info, Code::BucketPrefix), &["“staging/”"]),
        case("bad run-time secret", Request { task_role_policy: true, runtime_secrets: vec!["a b".into()], ..secrets(OK_SECRET) }, (Field::RuntimeSecrets, Error, Code::SecretInvalidCharacter), &["a space"]),
        case("name under a listed prefix", secrets(&["prod/*", "prod/db"]), (Field::Documents, Warning, Code::CheckRedundantResource), &["prod/db-??????", "covered by"]),
        case("too many long names for one policy", Request { secrets: (0..200).map(|i| format!("{i:0>60}")).collect(), ..secrets(&[]) }, (Field::Documents, Error, Code::DocumentTooLarge), &["10,240", "prefix"]),
        case("a megabyte region", region(&"x".repeat(1 << 20)), (Region, Error, Code::RegionUnknown), &["…” is not an AWS region"]),
        case("a megabyte zone", region(&format!("us-east-1-{}", "x".repeat(1 << 20))), (Region, Error, Code::RegionAvailabilityZone), &["…” is an availability zone"]),
        case("bucket path IAM cannot hold", Request { task_role_policy: true, staging_buckets: vec!["s3://staging-bucket/データ/".into()], ..secrets(OK_SECRET) }, (Field::StagingBuckets, Error, Code::BucketInvalid), &["U+30C7", "position 1 of its path"]),
        case("bucket path longer than any S3 key", Request { task_role_policy: true, staging_buckets: vec![format!("s3://staging-bucket/{}", "k".repeat(5 << 20))], ..secrets(OK_SECRET) }, (Field::StagingBuckets, Error, Code::BucketInvalid), &["5,242,880 bytes", "at most 1,024"]),
        case("bucket path at the longest S3 key", Request { task_role_policy: true, staging_buckets: vec![format!("s3://staging-bucket/{}", "k".repeat(1_024))], ..secrets(OK_SECRET) }, (Field::StagingBuckets, Info, Code::BucketPrefix), &["“kkkk", "…”"]),
        case("long wildcard lists", Request { parameters: (0..60).map(|i| format!("*{}Z{i}", "a".repeat(1_992))).chain((0..60).map(|i| format!("{}{i}", "a".repeat(1_992)))).collect(), ..secrets(OK_SECRET) }, (Field::Documents, Info, Code::CheckSkipped), &["stopped early", "policy itself is complete"]),
        case("EC2 left out of the trust policy", Request { ec2_principal: false, ..secrets(OK_SECRET) }, (Field::Ec2Principal, Warning, Code::Ec2PrincipalRemoved), &["Matillion ETL", "keep EC2"]),
        case("name with a trailing dash", secrets(&["matillion/agent-"]), (Secrets, Warning, Code::SecretTrailingDash), &["“matillion/agent-”", "“matillion/agent--??????”", "cut short"]),
        case("prefix with an inner wildcard", Request { secret_scope: SecretScope::Prefix, secret_prefix: "pr?d*x/".into(), ..secrets(&[]) }, (Field::SecretPrefix, Error, Code::SecretPrefixInvalid), &["“?” at position 3"]),
    ]
}

/// A message quotes at most what it needs: a pasted megabyte in any field must not come
/// back in a sentence (a 5 MB bucket path quoted whole cost 1.3 s per keystroke).
#[test]
fn no_message_grows_with_what_was_typed() {
    for case in cases() {
        for problem in build(&case.request).problems {
            assert!(
                problem.message.chars().count() < 600,
                "{}: a message of {} characters",
                case.what,
                problem.message.chars().count()
            );
        }
    }
}

/// New-user defect 7: "Removed the spaces and dashes: using 123456789012." was followed by
/// a "Use 123456789012" button. A note about something already applied offers no fix.
#[test]
fn notes_about_what_was_already_applied_offer_no_fix() {
    for case in cases() {
        for problem in build(&case.request).problems {
            if problem.severity == Info && problem.suggestion.is_some() {
                panic!(
                    "{}: {:?} offers {:?}",
                    case.what, problem.code, problem.suggestion
                );
            }
        }
    }
}

/// New-user defect 18: a suggestion moved us-isob-west-1 to us-iso-west-1, another
/// partition, whose one-click fix wrote `arn:aws-iso:` ARNs. A suggestion keeps the
/// partition the typed code names.
#[test]
fn a_region_suggestion_never_changes_the_partition() {
    use iam_policy_core::aws::partition::Partition;
    use iam_policy_core::aws::region::REGIONS;
    for known in REGIONS {
        // Every one-letter slip of every code.
        for at in 0..known.code.len() {
            let mut typo = known.code.to_owned();
            typo.replace_range(at..=at, "x");
            let Some(suggestion) = build(&region(&typo))
                .problems
                .into_iter()
                .find_map(|p| p.suggestion.filter(|_| p.field == Region))
            else {
                continue;
            };
            let typed = Partition::for_region_code(&typo).map(|p| p.id);
            let suggested =
                iam_policy_core::aws::region::Region::lookup(&suggestion).map(|r| r.partition().id);
            if typed.is_some() {
                assert_eq!(suggested, typed, "{typo} → {suggestion}");
            }
        }
    }
}

#[test]
fn every_unusual_input_gets_a_problem_on_its_field() {
    let cases = cases();
    assert!(cases.len() >= 40);
    let mut failures = Vec::new();
    for case in &cases {
        let response = build(&case.request);
        let found = response.problems.iter().find(|p| p.code == case.code);
        match found {
            None => failures.push(format!(
                "{}: no {:?} in {:#?}",
                case.what, case.code, response.problems
            )),
            Some(problem) => {
                if problem.field != case.field || problem.severity != case.severity {
                    failures.push(format!(
                        "{}: {:?} is on {:?} as {:?}, expected {:?} as {:?}",
                        case.what,
                        case.code,
                        problem.field,
                        problem.severity,
                        case.field,
                        case.severity
                    ));
                }
                for words in case.says {
                    if !problem.message.contains(words) {
                        failures.push(format!(
                            "{}: “{}” does not say “{words}”",
                            case.what, problem.message
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // However long the input, a message stays a sentence.
    for case in &cases {
        for problem in build(&case.request).problems {
            assert!(
                problem.message.chars().count() < 600,
                "{}: {} characters",
                case.what,
                problem.message.len()
            );
        }
    }
}

#[test]
fn default_trust_policy_is_byte_for_byte_the_matillion_docs_one() {
    let response = build(&request(OK_ACCOUNT, OK_REGION, OK_SECRET));
    let trust = response
        .document(DocumentId::TaskRoleTrustPolicy)
        .expect("always built");
    assert_eq!(
        serde_json::to_string(&trust.policy).expect("serialises"),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ecs-tasks.amazonaws.com","ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#
    );
}

#[test]
fn secret_names_get_the_six_character_suffix_pattern() {
    assert_eq!(
        resources(&secrets(&["matillion/agent"])),
        ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????"]
    );
}

#[test]
fn full_arns_keep_their_suffix_and_lose_the_value_from_tail() {
    assert_eq!(
        resources(&secrets(&[
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbC123:username:AWSCURRENT:"
        ])),
        ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbC123"]
    );
}

#[test]
fn prefix_wildcards_are_not_given_a_second_suffix() {
    assert_eq!(
        resources(&secrets(&["prod/*"])),
        ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/*"]
    );
}

#[test]
fn leading_zeros_in_the_account_survive() {
    assert_eq!(
        resources(&request("0012-3456-7890", OK_REGION, OK_SECRET)),
        ["arn:aws:secretsmanager:eu-west-1:001234567890:secret:matillion/agent-??????"]
    );
}

#[test]
fn every_secret_is_the_bare_wildcard() {
    let request = Request {
        all_secrets: true,
        ..secrets(&["ignored"])
    };
    let response = build(&request);
    let policy = serde_json::to_value(
        &response
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .expect("built")
            .policy,
    )
    .expect("json");
    assert_eq!(policy["Statement"][0]["Resource"], json!("*"));
}

#[test]
fn the_partition_follows_the_region() {
    for (region, partition, ec2) in [
        ("eu-west-1", "aws", "ec2.amazonaws.com"),
        ("cn-northwest-1", "aws-cn", "ec2.amazonaws.com.cn"),
        ("us-gov-east-1", "aws-us-gov", "ec2.amazonaws.com"),
        ("us-isob-east-1", "aws-iso-b", "ec2.amazonaws.com"),
        ("eusc-de-east-1", "aws-eusc", "ec2.amazonaws.com"),
    ] {
        let response = build(&request(OK_ACCOUNT, region, OK_SECRET));
        let resource = &resources(&request(OK_ACCOUNT, region, OK_SECRET))[0];
        assert!(
            resource.starts_with(&format!("arn:{partition}:secretsmanager:{region}:")),
            "{resource}"
        );
        let trust = serde_json::to_value(&response.documents[0].policy).expect("json");
        assert_eq!(
            trust["Statement"][0]["Principal"]["Service"][1],
            json!(ec2),
            "{region}"
        );
        let execution = response
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .expect("built");
        assert_eq!(
            execution.placement.managed_policies,
            [format!(
                "arn:{partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
            )]
        );
    }
}

#[test]
fn a_document_with_errors_in_its_inputs_shows_placeholders_and_says_it_is_incomplete() {
    let response = build(&request("12345", "eu-wset-1", OK_SECRET));
    let execution = response
        .document(DocumentId::ExecutionRoleSecretsPolicy)
        .expect("still built");
    assert!(!execution.complete);
    assert_eq!(
        resources(&request("12345", "eu-wset-1", OK_SECRET)),
        ["arn:aws:secretsmanager:<region>:<account-id>:secret:matillion/agent-??????"]
    );
}

#[test]
fn an_invalid_secret_is_left_out_and_the_rest_still_build() {
    let request = secrets(&["good/one", "bad one"]);
    assert_eq!(
        resources(&request),
        ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:good/one-??????"]
    );
    let response = build(&request);
    assert!(
        !response
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .expect("built")
            .complete
    );
    assert_eq!(response.problems[0].entry, Some(1));
}

#[test]
fn without_any_valid_secret_there_is_no_execution_document_rather_than_an_empty_resource() {
    assert!(
        build(&secrets(&[]))
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .is_none()
    );
    assert!(
        build(&secrets(&["bad one"]))
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .is_none()
    );
}

#[test]
fn problems_come_errors_first() {
    let response = build(&request("1234-5678-9012", "eu-wset-1", &["db-AbCdEf"]));
    let severities: Vec<_> = response.problems.iter().map(|p| p.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(severities, sorted);
}

#[test]
fn region_suggestions_are_offered_as_one_click_fixes() {
    let response = build(&region("US-EAST-1C"));
    assert_eq!(
        response.problems[0].suggestion.as_deref(),
        Some("us-east-1")
    );
}

/// 300 secrets under one path are too many for one policy, or one list; the fix the error
/// offers, applied as the page applies it, leaves a policy IAM accepts that still reads
/// every one of them.
#[test]
fn too_many_secrets_under_one_path_are_fixed_by_their_shared_prefix_in_one_click() {
    use iam_policy_core::view::{Edit, FormInput};
    let names: Vec<String> = (0..300)
        .map(|i| format!("matillion/{}-{i}", ["agent", "db", "dbt"][i % 3]))
        .collect();
    let thousand: Vec<String> = (0..1_001).map(|i| format!("matillion/x{i}")).collect();
    for (list, code) in [
        (names, Code::DocumentTooLarge),
        (thousand, Code::ListTooLong),
    ] {
        let mut form = FormInput::default();
        form.apply(Edit::Set(Account, "123456789012".into()));
        form.apply(Edit::Set(Region, "eu-west-1".into()));
        form.apply(Edit::Set(Secrets, list.join("\n")));
        let response = build(form.request());
        let problem = response
            .problems
            .iter()
            .find(|p| p.code == code)
            .unwrap_or_else(|| panic!("no {code:?}"));
        assert!(
            problem.message.contains("“matillion/"),
            "{}",
            problem.message
        );
        let fix = problem.fix.clone().expect("a one-click fix");
        assert!(
            fix.label.starts_with("Use the prefix matillion/"),
            "{}",
            fix.label
        );
        for value in fix.set {
            form.apply(Edit::Set(value.field, value.value));
        }
        let fixed = build(form.request());
        assert!(!fixed.has_errors(), "{:?}", fixed.problems);
        let policy = &fixed
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .expect("the secrets policy")
            .policy;
        let json = serde_json::to_value(policy).expect("JSON");
        let resource = &json["Statement"][0]["Resource"];
        let pattern = resource
            .as_str()
            .or_else(|| resource[0].as_str())
            .unwrap_or_default();
        assert!(
            pattern.starts_with("arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/")
                && pattern.ends_with('*'),
            "{resource}"
        );
        // The list the person typed is kept, for when they switch back.
        assert!(form.text(Secrets).contains("matillion/"));
    }
}

#[test]
fn unknown_request_fields_are_refused_by_name() {
    let error = serde_json::from_str::<Request>(r#"{"acount":"123456789012"}"#).expect_err("typo");
    assert!(
        error.to_string().contains("unknown field `acount`"),
        "{error}"
    );
}

/// The fuzzer's seed corpus holds every case of the table (but the few over 64 KiB, which
/// stay in the table alone: libFuzzer reads 4 KiB by default). After changing the table,
/// `BLESS=1 cargo test -p iam-policy-core --test behaviour corpus` rewrites the seeds;
/// scripts/fuzz.sh does that before every run.
#[test]
fn the_fuzz_corpus_holds_every_case_of_the_table() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/build_request");
    let bless = std::env::var_os("BLESS").is_some();
    let mut stale = Vec::new();
    for case in cases() {
        let json = serde_json::to_string(&case.request).expect("serialises");
        if json.len() > 64 * 1024 {
            continue;
        }
        let slug: String = case
            .what
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let path = dir.join(format!("table-{slug}.json"));
        if std::fs::read_to_string(&path).ok().as_deref() == Some(json.as_str()) {
            continue;
        }
        if bless {
            std::fs::write(&path, json).expect("written");
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the seed corpus lacks {} of the table's cases, such as {:?}: run BLESS=1 cargo test -p iam-policy-core --test behaviour corpus",
        stale.len(),
        &stale[..stale.len().min(3)]
    );
}

/// Security review, finding 2: a share link or an iframe's address can choose a scope
/// while the host hides its control; the warning must reach the document's own card.
#[test]
fn warnings_about_what_a_document_grants_are_tied_to_that_document() {
    use iam_policy_core::DocumentId::{ExecutionRoleSecretsPolicy, TaskRolePermissionsPolicy};
    let cases = [
        (
            Request {
                secret_scope: SecretScope::All,
                ..secrets(OK_SECRET)
            },
            Code::SecretsAll,
            ExecutionRoleSecretsPolicy,
        ),
        (
            Request {
                all_secrets: true,
                ..secrets(OK_SECRET)
            },
            Code::SecretsAll,
            ExecutionRoleSecretsPolicy,
        ),
        (
            Request {
                secret_scope: SecretScope::Region,
                ..secrets(OK_SECRET)
            },
            Code::SecretScopeRegion,
            ExecutionRoleSecretsPolicy,
        ),
        (
            Request {
                secret_scope: SecretScope::Prefix,
                secret_prefix: "prod/".into(),
                ..secrets(OK_SECRET)
            },
            Code::SecretScopePrefix,
            ExecutionRoleSecretsPolicy,
        ),
        (
            secrets(&["prod/*"]),
            Code::SecretWildcard,
            ExecutionRoleSecretsPolicy,
        ),
        (
            Request {
                parameters: vec!["/agent/*".into()],
                ..secrets(OK_SECRET)
            },
            Code::ParameterWildcard,
            ExecutionRoleSecretsPolicy,
        ),
        (
            Request {
                task_role_policy: true,
                runtime_secrets: vec!["etl/*".into()],
                ..secrets(OK_SECRET)
            },
            Code::SecretWildcard,
            TaskRolePermissionsPolicy,
        ),
    ];
    for (request, code, document) in cases {
        let response = build(&request);
        let problem = response
            .problems
            .iter()
            .find(|p| p.code == code)
            .unwrap_or_else(|| panic!("no {code:?} in {:#?}", response.problems));
        assert_eq!(problem.document, Some(document), "{code:?}");
        assert!(
            response.document(document).is_some(),
            "{code:?}: the document is built"
        );
    }
    // A note that widens nothing stays on its field alone.
    let response = build(&account("1234-5678-9012"));
    assert!(response.problems.iter().all(|p| p.document.is_none()));
}

/// New-user defect 9: the empty page's exports said "the builder reported errors" while the
/// page showed none (problems appear once a field is left). What is missing is now said
/// with the labels the page shows.
#[test]
fn not_ready_says_what_to_fill_in_with_the_pages_labels() {
    let no_account = build(&request("", OK_REGION, OK_SECRET));
    let note = no_account
        .not_ready_note(DocumentId::ExecutionRoleSecretsPolicy)
        .expect("not ready");
    assert!(note.contains("Placeholders such as <account-id>"), "{note}");
    let terraform = iam_policy_core::export(&no_account, iam_policy_core::Format::Terraform).text;
    assert!(
        terraform
            .lines()
            .next()
            .unwrap_or_default()
            .contains("Placeholders such as <account-id> remain"),
        "{terraform}"
    );
}

/// New-user defects 14 and 17: nobody could check which role their task really uses, and
/// the execution role's steps never said how to create it.
#[test]
fn each_roles_steps_name_its_task_definition_field_and_how_to_create_it() {
    use iam_policy_core::DocumentId::{ExecutionRoleSecretsPolicy, TaskRoleTrustPolicy};
    let response = build(&Request {
        region: "cn-north-1".into(),
        ..secrets(OK_SECRET)
    });
    for (id, field, arn) in [
        (
            TaskRoleTrustPolicy,
            "taskRoleArn",
            "arn:aws-cn:iam::123456789012:role/matillion-agent-task-role",
        ),
        (
            ExecutionRoleSecretsPolicy,
            "executionRoleArn",
            "arn:aws-cn:iam::123456789012:role/matillion-agent-execution-role",
        ),
    ] {
        let steps = response
            .document(id)
            .expect("built")
            .placement
            .steps
            .join("\n");
        assert!(
            steps.contains(field) && steps.contains(arn),
            "{id:?}: {steps}"
        );
        assert!(steps.contains("Creating it?"), "{id:?}: {steps}");
    }
    // Without an account there is no ARN to show, but the field is still named.
    let response = build(&account(""));
    let steps = response
        .document(TaskRoleTrustPolicy)
        .expect("built")
        .placement
        .steps
        .join("\n");
    assert!(
        steps.contains("taskRoleArn") && !steps.contains("arn:aws:iam::"),
        "{steps}"
    );
}

/// A new-user review: the steps for a new execution role say to check
/// AmazonECSTaskExecutionRolePolicy, which ECS needs to pull the image and write logs,
/// and the steps for one the user already has left it out. Both say it now, in the
/// form's partition.
#[test]
fn the_steps_for_an_existing_execution_role_check_its_managed_policy_too() {
    for (region, arn) in [
        (
            "eu-west-1",
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        ),
        (
            "cn-north-1",
            "arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        ),
    ] {
        let mut request = request(OK_ACCOUNT, region, OK_SECRET);
        let new = build(&request);
        request.existing_secrets_policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:CreateLogStream","Resource":"*"}]}"#.into();
        let existing = build(&request);
        for response in [new, existing] {
            let document = response
                .document(DocumentId::ExecutionRoleSecretsPolicy)
                .expect("the secrets policy");
            assert!(
                document
                    .placement
                    .steps
                    .iter()
                    .any(|s| s.contains("AmazonECSTaskExecutionRolePolicy") && s.contains(arn)),
                "{:?}: {:?}",
                document.origin,
                document.placement.steps
            );
        }
    }
}

/// A new-user review: "Not ready … Placeholders such as <account-id> show what is still
/// missing" was said when the problem was unreadable pasted JSON, and the exports said
/// placeholders remain when the only problem was a character in a name. Each note now
/// names the real reason, and placeholders only when there are some.
#[test]
fn not_ready_notes_name_the_real_reason() {
    let mut pasted = request(OK_ACCOUNT, OK_REGION, OK_SECRET);
    pasted.existing_trust_policy = "{\"Version\": \"2012-10-17\",".into();
    let response = build(&pasted);
    let note = response
        .not_ready_note(DocumentId::TaskRoleTrustPolicy)
        .expect("not ready");
    assert!(note.contains("could not be used"), "{note}");
    assert!(note.contains("replace everything the role has"), "{note}");
    assert!(!note.contains("Placeholders"), "{note}");

    let bad_name = build(&request(
        OK_ACCOUNT,
        OK_REGION,
        &["matillion/agent", "my secret"],
    ));
    let terraform = iam_policy_core::export(&bad_name, iam_policy_core::Format::Terraform).text;
    let first = terraform.lines().next().unwrap_or_default();
    assert!(first.starts_with("# NOT READY"), "{first}");
    assert!(!first.contains("Placeholders"), "{first}");

    let no_account = build(&request("", OK_REGION, OK_SECRET));
    let note = no_account
        .not_ready_note(DocumentId::ExecutionRoleSecretsPolicy)
        .expect("not ready");
    assert!(note.contains("Placeholders such as <account-id>"), "{note}");
    let terraform = iam_policy_core::export(&no_account, iam_policy_core::Format::Terraform).text;
    let first = terraform.lines().next().unwrap_or_default();
    assert!(
        first.contains("Placeholders such as <account-id> remain"),
        "{first}"
    );
}
