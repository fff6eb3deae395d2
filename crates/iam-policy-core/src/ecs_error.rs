//! Reads the error ECS shows when a task cannot start because it could not read its
//! secrets, and says what it means: the cause, the role that needs the permission, the
//! account, region and resource — picked out by the structure of ARNs and the SDK's
//! phrases, not by one exact sentence, so console prefixes in any language, older and
//! newer SDK wordings, `describe-tasks` JSON, wrapped lines and cut-off pastes all read.

use serde::Serialize;

/// What went wrong, as the error tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// The execution role may not read the secret.
    SecretAccessDenied,
    /// The execution role may not read the Parameter Store parameter.
    ParameterAccessDenied,
    /// The role may not decrypt with the secret's KMS key.
    KmsAccessDenied,
    /// A `Deny` refuses the call; no `Allow` can fix it.
    ExplicitDeny,
    /// There is no such secret (a typo, another region or account, or deleted).
    SecretNotFound,
    /// The secret has no current value.
    SecretValueMissing,
    /// The secret is scheduled for deletion.
    SecretScheduledForDeletion,
    /// The task definition asks for a JSON key the secret does not have.
    JsonKeyMissing,
    /// The task could not reach Secrets Manager: no IAM change helps.
    Network,
    /// The task definition has secrets but no execution role.
    ExecutionRoleMissing,
    /// Not an error the builder knows.
    Unrecognised,
}

/// What the error says, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// The cause.
    pub cause: Cause,
    /// The role from `assumed-role/<name>/…`: the one that needs the permission.
    pub role: Option<String>,
    /// The account, from the role's or the resource's ARN.
    pub account: Option<String>,
    /// The region, from the resource's ARN (or the message's "in region …").
    pub region: Option<String>,
    /// The partition of those ARNs.
    pub partition: Option<String>,
    /// The ARN the call was refused on (the secret's full ARN, with its real suffix).
    pub resource: Option<String>,
    /// The action refused, e.g. `secretsmanager:GetSecretValue`.
    pub action: Option<String>,
    /// The JSON key the task definition asked for, when that is the cause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_key: Option<String>,
    /// For an explicit deny: the kind of policy, and its ARN when the message has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deny_policy: Option<String>,
    /// One sentence a person understands.
    pub message: String,
    /// What to do, in order.
    pub steps: Vec<String>,
}

/// The first so many characters are read: an error is a few lines, and a pasted megabyte
/// must be answered in milliseconds.
const MOST_READ: usize = 64 * 1024;

/// Reads pasted ECS error text. Never fails: text it does not know is `Unrecognised`.
pub fn diagnose(text: &str) -> Diagnosis {
    let text = normalise(cut(text, MOST_READ));
    // Several failures are joined with `;`: the first the builder knows decides.
    let parts = text.split("; ").map(str::trim).filter(|p| !p.is_empty());
    let mut first = None;
    for part in parts {
        let found = read_failure(part, &text);
        if found.cause != Cause::Unrecognised {
            return explained(found);
        }
        first.get_or_insert(found);
    }
    explained(first.unwrap_or_else(|| read_failure("", "")))
}

fn cut(text: &str, most: usize) -> &str {
    match text.char_indices().nth(most) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// The text as one line of plain words: JSON string escapes undone (text copied out of
/// `describe-tasks`), quotes around it dropped, lines joined — an ARN wrapped across a
/// line break joined back up.
fn normalise(text: &str) -> String {
    let unescaped = text
        .replace("\\\"", "\"")
        .replace("\\n", "\n")
        .replace("\\t", " ")
        .replace("\\/", "/");
    let mut out = String::with_capacity(unescaped.len());
    let mut lines = unescaped
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        if let Some(next) = lines.peek() {
            // A line that ends inside an ARN (a `:`, `/` or `-` last, or an ARN's segments
            // unfinished) goes on without a space.
            let last_word = line.rsplit(' ').next().unwrap_or_default();
            let inside_arn = last_word.contains("arn:")
                && (last_word.ends_with([':', '/', '-'])
                    || last_word
                        .trim_start_matches(|c| c != 'a')
                        .matches(':')
                        .count()
                        < 5)
                && !next.starts_with(|c: char| c.is_whitespace());
            if !inside_arn {
                out.push(' ');
            }
        }
    }
    out
}

/// Reads one failure — its parts, not yet its message and steps (`explained` writes
/// those); `whole` is every failure, for the parts one of them lacks.
fn read_failure(part: &str, whole: &str) -> Diagnosis {
    let lower = part.to_ascii_lowercase();
    let has = |phrase: &str| lower.contains(phrase);
    let arns = arns_of(part);
    let assumed = arns.iter().find(|a| a.contains(":assumed-role/"));
    let role = assumed.and_then(|a| {
        a.split(":assumed-role/")
            .nth(1)?
            .split('/')
            .next()
            .map(str::to_owned)
    });
    let action = after(part, "perform: ").map(|a| a.trim_end_matches([',', '.']).to_owned());
    let resource = after(part, "on resource: ")
        .filter(|r| r.starts_with("arn:"))
        .map(|r| r.trim_end_matches([',', '.']).to_owned())
        .or_else(|| {
            after(part, "fetch secret ")
                .filter(|r| r.starts_with("arn:"))
                .map(|r| r.trim_end_matches([',', '.', ':']).to_owned())
        })
        .or_else(|| {
            after(part, "secret ")
                .filter(|r| r.starts_with("arn:"))
                .map(|r| r.trim_end_matches([',', '.', ':']).to_owned())
        })
        .or_else(|| {
            arns.iter()
                .find(|a| !a.contains(":sts:") && !a.contains(":iam:"))
                .cloned()
        })
        .or_else(|| {
            // The secret is named in the wrapper when the failure itself does not.
            arns_of(whole)
                .into_iter()
                .find(|a| a.contains(":secretsmanager:") || a.contains(":ssm:"))
        });
    let field = |arn: &Option<String>, i: usize| {
        arn.as_ref()
            .and_then(|a| a.split(':').nth(i))
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
    };
    let assumed = assumed.cloned();
    let region = field(&resource, 3).or_else(|| {
        after(part, "in region ").map(|r| r.trim_end_matches([':', ',', '.']).to_owned())
    });
    let account = field(&assumed, 4).or_else(|| field(&resource, 4));
    let partition = field(&assumed, 1).or_else(|| field(&resource, 1));
    let action_is = |prefix: &str| {
        action
            .as_deref()
            .is_some_and(|a| a.to_ascii_lowercase().starts_with(prefix))
    };
    let cause = if has("with an explicit deny") {
        Cause::ExplicitDeny
    } else if has("access to kms is not allowed")
        || has("ciphertext refers to a customer master key")
        || action_is("kms:")
    {
        Cause::KmsAccessDenied
    } else if (has("accessdenied") || has("not authorized to perform"))
        && (action_is("ssm:") || has("from ssm"))
    {
        Cause::ParameterAccessDenied
    } else if has("accessdenied") || has("not authorized to perform") {
        Cause::SecretAccessDenied
    } else if has("can't find the specified secret value")
        || has("can’t find the specified secret value")
    {
        Cause::SecretValueMissing
    } else if has("can't find the specified secret")
        || has("can’t find the specified secret")
        || has("resourcenotfoundexception")
    {
        Cause::SecretNotFound
    } else if has("marked for deletion") {
        Cause::SecretScheduledForDeletion
    } else if has("did not contain json key") {
        Cause::JsonKeyMissing
    } else if has("context deadline exceeded")
        || has("connection issue between the task")
        || has("i/o timeout")
        || has("requestcanceled")
        || has("check your task network configuration")
    {
        Cause::Network
    } else if has("executionrolearn") && has("secrets") {
        Cause::ExecutionRoleMissing
    } else {
        Cause::Unrecognised
    };
    let json_key = (cause == Cause::JsonKeyMissing)
        .then(|| after(part, "json key ").map(|k| k.trim_end_matches([',', '.', ';']).to_owned()))
        .flatten();
    let deny_policy = (cause == Cause::ExplicitDeny).then(|| {
        let kind = after_phrase(&lower, part, "explicit deny in a ")
            .or_else(|| after_phrase(&lower, part, "explicit deny in an "))
            .map(|rest| {
                rest.split(" policy")
                    .next()
                    .unwrap_or(rest)
                    .trim()
                    .to_owned()
            });
        let arn = part
            .split("policy: ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .filter(|a| a.starts_with("arn:"))
            .map(|a| a.trim_end_matches(['.', ',']).to_owned());
        match (kind, arn) {
            (Some(kind), Some(arn)) => format!("{kind} policy {arn}"),
            (Some(kind), None) => format!("{kind} policy"),
            (None, Some(arn)) => arn,
            (None, None) => "a policy".to_owned(),
        }
    });
    Diagnosis {
        cause,
        role,
        account,
        region,
        partition,
        resource,
        action,
        json_key,
        deny_policy,
        message: String::new(),
        steps: Vec::new(),
    }
}

/// The failure with its message and the steps to take.
fn explained(mut found: Diagnosis) -> Diagnosis {
    (found.message, found.steps) = explain(&found);
    found
}

/// The word after `marker`, when the text has it (the first occurrence).
fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let at = text.find(marker)? + marker.len();
    text[at..].split_whitespace().next()
}

/// The text after a phrase found without regard to case (`lower` is `text` lower-cased).
fn after_phrase<'a>(lower: &str, text: &'a str, phrase: &str) -> Option<&'a str> {
    let at = lower.find(phrase)? + phrase.len();
    text.get(at..)
}

/// Every ARN in the text, in order: `arn:` and what follows up to white space, quotes or
/// closing punctuation.
fn arns_of(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("arn:") {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ')' | ']' | '>' | '<' | ';')
            })
            .unwrap_or(tail.len());
        let arn = tail[..end].trim_end_matches([',', '.', ':']);
        if arn.matches(':').count() >= 5 {
            found.push(arn.to_owned());
        }
        rest = &tail[end.max(4)..];
    }
    found
}

/// Single-quotes a word for a POSIX shell.
pub fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn explain(found: &Diagnosis) -> (String, Vec<String>) {
    let role = found.role.as_deref().unwrap_or("the task execution role");
    // A sentence that starts with the role: its name as it is (names are case-sensitive).
    let subject = found.role.as_deref().unwrap_or("The task execution role");
    let resource = found.resource.as_deref().unwrap_or("the secret");
    let name = secret_name(resource);
    let describe = name.map(|name| {
        format!(
            "Check the secret's full ARN, with its suffix: aws secretsmanager describe-secret --secret-id {}{} --query ARN",
            shell_quoted(name),
            found.region.as_deref().map(|r| format!(" --region {}", shell_quoted(r))).unwrap_or_default()
        )
    });
    let role_arn = match (&found.partition, &found.account, &found.role) {
        (Some(p), Some(a), Some(r)) => Some(format!("arn:{p}:iam::{a}:role/{r}")),
        _ => None,
    };
    let simulate = |action: &str| {
        role_arn.as_ref().zip(found.resource.as_ref()).map(|(role_arn, resource)| {
            format!(
                "Before running the task again, prove the fixed policy allows the call: aws iam simulate-principal-policy --policy-source-arn {} --action-names {} --resource-arns {}",
                shell_quoted(role_arn),
                shell_quoted(action),
                shell_quoted(resource)
            )
        })
    };
    let rerun =
        "Run the task again (a service retries by itself once the role can read the secret)."
            .to_owned();
    let mut steps = Vec::new();
    let message = match found.cause {
        Cause::SecretAccessDenied => {
            steps.push(format!(
                "Add the secrets policy below to the role the error names, {role} — the task execution role (the task definition's executionRoleArn), not the task role: ECS reads secrets before the task starts."
            ));
            steps.extend(describe);
            steps.extend(simulate(
                found
                    .action
                    .as_deref()
                    .unwrap_or("secretsmanager:GetSecretValue"),
            ));
            steps.push(rerun);
            format!(
                "{subject} may not read {}: its policy does not allow secretsmanager:GetSecretValue on that secret (a secret ARN without its six-character suffix, or in another region or account, matches nothing).",
                name.map_or_else(|| resource.to_owned(), |n| format!("the secret “{n}”"))
            )
        }
        Cause::ParameterAccessDenied => {
            steps.push(format!(
                "Add the policy below, which allows ssm:GetParameters on the parameter, to {role}, the task execution role."
            ));
            steps.extend(simulate(
                found.action.as_deref().unwrap_or("ssm:GetParameters"),
            ));
            steps.push(rerun);
            format!("{subject} may not read the Parameter Store parameter {resource}.")
        }
        Cause::KmsAccessDenied => {
            steps.push("Find the key: in the Secrets Manager console, open the secret; its Encryption key is the KMS key to allow (the error never names it). aws/secretsmanager needs nothing.".to_owned());
            steps.push("Enter that key's ARN under Customer managed KMS keys: the policy below then allows kms:Decrypt on it, through Secrets Manager only.".to_owned());
            steps.push("Check the key's own key policy lets the account's IAM policies grant it (the default key policy does).".to_owned());
            steps.push(rerun);
            format!(
                "{subject} may read the secret but not decrypt it: the secret is encrypted with a customer managed KMS key the role may not use."
            )
        }
        Cause::ExplicitDeny => {
            let policy = found.deny_policy.as_deref().unwrap_or("a policy");
            steps.push(format!(
                "Find the Deny in {policy} and narrow or remove it for this role and secret; adding an Allow changes nothing."
            ));
            steps.push("If it is a service control policy or a resource control policy, ask whoever runs your AWS Organization: it is not on the role.".to_owned());
            steps.extend(simulate(
                found
                    .action
                    .as_deref()
                    .unwrap_or("secretsmanager:GetSecretValue"),
            ));
            format!(
                "A Deny in {policy} refuses {role} the call on {resource}: no Allow can override it."
            )
        }
        Cause::SecretNotFound => {
            steps.extend(describe);
            steps.push("Check the task definition's valueFrom names the secret exactly (names are case-sensitive), in the task's own region and account.".to_owned());
            steps.push(
                "If the secret was deleted, restore it or point the task definition at another."
                    .to_owned(),
            );
            "Secrets Manager has no secret by that name or ARN where the task looked: this is not a permissions problem, so no policy change helps.".to_owned()
        }
        Cause::SecretValueMissing => {
            steps.push("In the Secrets Manager console, open the secret and store a value (Retrieve secret value → Edit, or set it).".to_owned());
            "The secret exists but has no current value (no version labelled AWSCURRENT): store one; no policy change is needed.".to_owned()
        }
        Cause::SecretScheduledForDeletion => {
            steps.push("In the Secrets Manager console, open the secret and choose Cancel deletion (or restore-secret with the AWS CLI).".to_owned());
            "The secret is scheduled for deletion, so nothing may read it: cancel the deletion; no policy change is needed.".to_owned()
        }
        Cause::JsonKeyMissing => {
            steps.push(format!(
                "Add the key {} to the secret's JSON, or fix the key in the task definition's valueFrom (…:secret:name:<key>::).",
                found.json_key.as_deref().unwrap_or("it asks for")
            ));
            "The secret was read, but its JSON has no key the task definition asks for: no policy change is needed.".to_owned()
        }
        Cause::Network => {
            steps.push("Give the task's subnets a route to Secrets Manager: a NAT gateway, or an interface VPC endpoint for com.amazonaws.<region>.secretsmanager.".to_owned());
            steps
                .push("In a public subnet, turn on Auto-assign public IP for the task.".to_owned());
            steps.push("Let the task's security group send HTTPS (TCP 443) out, and the endpoint's security group accept it.".to_owned());
            "The task could not reach Secrets Manager in time: a network problem, not a permissions one, so no policy change helps.".to_owned()
        }
        Cause::ExecutionRoleMissing => {
            steps.push("Create the task execution role with the secrets policy below, and set the task definition's executionRoleArn to its ARN.".to_owned());
            "The task definition names secrets but no task execution role: ECS needs one to read them.".to_owned()
        }
        Cause::Unrecognised => {
            steps.push("Paste the whole message from the stopped task's details (Stopped reason), from ResourceInitializationError on.".to_owned());
            "This is not an error the builder recognises as one about reading secrets.".to_owned()
        }
    };
    (message, steps)
}

/// Whether a resource the builder grants (`…:secret:name-??????`, or a full ARN) and the
/// ARN an error was refused on name the same secret.
pub fn names_same_secret(granted: &str, refused: &str) -> bool {
    match (
        secret_name(granted.trim_end_matches("-??????")),
        secret_name(refused),
    ) {
        (Some(a), Some(b)) => a == b,
        _ => granted == refused,
    }
}

/// The secret's name in its ARN, without the six-character suffix AWS adds.
fn secret_name(arn: &str) -> Option<&str> {
    let name = arn.split(":secret:").nth(1)?;
    let name = name.split(':').next()?;
    Some(crate::secret::split_suffix(name).map_or(name, |(head, _)| head))
}

/// The fields an access-denied error can fill — each left empty in the form — and what
/// to say about them, or about fields the error contradicts. A network or not-found
/// error fills nothing: no document changes for it.
pub fn fill(
    request: &crate::Request,
    diagnosis: &Diagnosis,
) -> (Vec<crate::FieldValue>, Vec<crate::Problem>) {
    use crate::{Code, Field, FieldValue, Problem, Severity};
    let mut fills = Vec::new();
    let mut problems = Vec::new();
    let note = |field: Field, severity: Severity, code: Code, message: String| {
        Problem::new(field, severity, code, message)
    };
    if diagnosis.cause == Cause::Unrecognised {
        problems.push(note(
            Field::EcsError,
            Severity::Warning,
            Code::EcsErrorUnrecognised,
            format!("{} {}", diagnosis.message, diagnosis.steps.join(" ")),
        ));
        return (fills, problems);
    }
    let fills_fields = matches!(
        diagnosis.cause,
        Cause::SecretAccessDenied | Cause::ParameterAccessDenied | Cause::KmsAccessDenied
    );
    if !fills_fields {
        return (fills, problems);
    }
    let mut take = |field: Field,
                    typed: &str,
                    found: &Option<String>,
                    what: &str,
                    same: fn(&str, &str) -> bool| {
        let Some(found) = found else { return };
        if typed.trim().is_empty() {
            fills.push(FieldValue {
                field,
                value: found.clone(),
            });
            problems.push(note(
                field,
                Severity::Info,
                Code::FilledFromEcsError,
                format!("Taken from the ECS error: {what} {found}."),
            ));
        } else if same(typed, found) {
            problems.push(note(
                field,
                Severity::Info,
                Code::FilledFromEcsError,
                format!("The ECS error names {what} {found} too."),
            ));
        } else {
            problems.push(note(
                field,
                Severity::Warning,
                Code::EcsErrorContradicts,
                format!("The ECS error is about {what} {found}, but the form has {}: the policy below is for the form's; change it if the error is the one to fix.", crate::chars::quote(typed.trim())),
            ));
        }
    };
    let digits = |a: &str, b: &str| a.chars().filter(char::is_ascii_digit).eq(b.chars());
    let region = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b);
    take(
        Field::Account,
        &request.account,
        &diagnosis.account,
        "account",
        digits,
    );
    take(
        Field::Region,
        &request.region,
        &diagnosis.region,
        "region",
        region,
    );
    if let Some(role) = &diagnosis.role {
        let typed = request.execution_role_name.trim();
        if typed.is_empty() || typed == crate::export::EXECUTION_ROLE_NAME {
            fills.push(FieldValue {
                field: Field::ExecutionRoleName,
                value: role.clone(),
            });
            problems.push(note(Field::ExecutionRoleName, Severity::Info, Code::FilledFromEcsError, format!("Taken from the ECS error: the role that needs the permission is {role}, the task execution role.")));
        } else if typed == role {
            problems.push(note(
                Field::ExecutionRoleName,
                Severity::Info,
                Code::FilledFromEcsError,
                format!("The ECS error names this role too: {role} needs the permission."),
            ));
        } else {
            problems.push(note(Field::ExecutionRoleName, Severity::Warning, Code::EcsErrorContradicts, format!("The ECS error names the role {role}, but the form has {}: the permission belongs on the role the error names.", crate::chars::quote(typed))));
        }
    }
    let resource = diagnosis.resource.as_deref().unwrap_or_default();
    match diagnosis.cause {
        Cause::SecretAccessDenied if resource.contains(":secretsmanager:") => {
            let listed = request.secrets.iter().any(|s| !s.trim().is_empty());
            let name = secret_name(resource).unwrap_or(resource);
            if !listed {
                fills.push(FieldValue {
                    field: Field::Secrets,
                    value: resource.to_owned(),
                });
                problems.push(note(Field::Secrets, Severity::Info, Code::FilledFromEcsError, format!("Taken from the ECS error: the secret “{name}”, granted as its exact ARN (with its suffix).")));
            } else if request.secrets.iter().any(|s| s.contains(name)) {
                problems.push(note(
                    Field::Secrets,
                    Severity::Info,
                    Code::FilledFromEcsError,
                    format!(
                        "The ECS error was refused the secret “{name}”: the policy below grants it."
                    ),
                ));
            } else {
                let mut with = request
                    .secrets
                    .iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                with.push('\n');
                with.push_str(resource);
                problems.push(
                    note(Field::Secrets, Severity::Warning, Code::EcsErrorSecretNotListed, format!("The ECS error was refused the secret “{name}”, which is not in this list.")).fixed_by(crate::Fix {
                        label: format!("Add {name}"),
                        set: vec![FieldValue { field: Field::Secrets, value: with }],
                    }),
                );
            }
        }
        Cause::ParameterAccessDenied
            if resource.contains(":ssm:")
                && request.parameters.iter().all(|p| p.trim().is_empty()) =>
        {
            fills.push(FieldValue {
                field: Field::Parameters,
                value: resource.to_owned(),
            });
            problems.push(note(
                Field::Parameters,
                Severity::Info,
                Code::FilledFromEcsError,
                format!("Taken from the ECS error: the parameter {resource}."),
            ));
        }
        Cause::KmsAccessDenied if request.kms_keys.iter().all(|k| k.trim().is_empty()) => {
            problems.push(note(Field::KmsKeys, Severity::Warning, Code::KmsKeyNeeded, "The ECS error says the role may not decrypt the secret: enter its KMS key here (Secrets Manager console → the secret → Encryption key; the error never names it).".to_owned()));
        }
        _ => {}
    }
    (fills, problems)
}
