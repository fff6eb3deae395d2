//! The form fields an error fills — each only when the form leaves it empty — and what
//! to say about the ones it contradicts.

use super::explain::secret_name;
use super::{Cause, Diagnosis};

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

/// The fields an access-denied error can fill — each left empty in the form — and what
/// to say about them, or about fields the error contradicts. A network or not-found
/// error fills nothing: no document changes for it.
pub fn fill(
    request: &crate::input::Request,
    diagnosis: &Diagnosis,
) -> (Vec<crate::input::FieldValue>, Vec<crate::input::Problem>) {
    use crate::input::{Code, Field, FieldValue, Problem};
    let mut fills = Vec::new();
    let mut problems = Vec::new();
    let note = |field: Field, code: Code, message: String| Problem::new(field, code, message);
    if diagnosis.cause == Cause::Unrecognised {
        problems.push(note(
            Field::EcsError,
            Code::EcsErrorUnrecognised,
            format!(
                "{} {}",
                diagnosis.message,
                diagnosis
                    .steps
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ));
        return (fills, problems);
    }
    if diagnosis.cause == Cause::RoleNotAssumable {
        fill_unassumable_role(request, diagnosis, &mut fills, &mut problems);
        return (fills, problems);
    }
    if !diagnosis.cause.builds_the_fix() {
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
                Code::FilledFromEcsError,
                format!("The ECS error names {what} {found}."),
            ));
        } else if same(typed, found) {
            problems.push(note(
                field,
                Code::FilledFromEcsError,
                format!("The ECS error names {what} {found}."),
            ));
        } else {
            problems.push(note(
                field,
                Code::EcsErrorContradicts,
                format!("The ECS error is about {what} {found}, but the form has {}: the policy below is for the form's; change it if the error is the one to fix.", crate::text::chars::quote(typed.trim())),
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
        if typed.is_empty() || typed == crate::aws::partition::EXECUTION_ROLE_NAME {
            fills.push(FieldValue {
                field: Field::ExecutionRoleName,
                value: role.clone(),
            });
            problems.push(note(Field::ExecutionRoleName, Code::FilledFromEcsError, format!("The ECS error names the role {role}: it needs the permission, as the task execution role.")));
        } else if typed == role {
            problems.push(note(
                Field::ExecutionRoleName,
                Code::FilledFromEcsError,
                format!("The ECS error names the role {role}: it needs the permission, as the task execution role."),
            ));
        } else {
            problems.push(note(Field::ExecutionRoleName, Code::EcsErrorContradicts, format!("The ECS error names the role {role}, but the form has {}: the permission belongs on the role the error names.", crate::text::chars::quote(typed))));
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
                problems.push(note(
                    Field::Secrets,
                    Code::FilledFromEcsError,
                    format!("The ECS error names the secret “{name}”: the policy below grants it."),
                ));
            } else if request.secrets.iter().any(|s| s.contains(name)) {
                problems.push(note(
                    Field::Secrets,
                    Code::FilledFromEcsError,
                    format!("The ECS error names the secret “{name}”: the policy below grants it."),
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
                    note(Field::Secrets, Code::EcsErrorSecretNotListed, format!("The ECS error says the role was refused the secret “{name}”, which is not in this list.")).fixed_by(crate::input::Fix {
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
                Code::FilledFromEcsError,
                format!("The ECS error names the parameter {resource}."),
            ));
        }
        Cause::KmsAccessDenied if request.kms_keys.iter().all(|k| k.trim().is_empty()) => {
            problems.push(note(Field::KmsKeys, Code::KmsKeyNeeded, "The ECS error says the role may not decrypt the secret: enter its KMS key here (Secrets Manager console → the secret → Encryption key; the error never names it).".to_owned()));
        }
        _ => {}
    }
    (fills, problems)
}

/// "ECS was unable to assume the role": the role's name goes into the task role's field
/// (or the execution role's, when its name says it is one), so the trust policy below is
/// for that role.
fn fill_unassumable_role(
    request: &crate::input::Request,
    diagnosis: &Diagnosis,
    fills: &mut Vec<crate::input::FieldValue>,
    problems: &mut Vec<crate::input::Problem>,
) {
    use crate::input::{Code, Field, FieldValue, Problem};
    let Some(role) = diagnosis.role.as_deref().filter(|r| *r != "null") else {
        return;
    };
    let execution = super::is_execution_role_name(role);
    let (field, typed, default, which) = if execution {
        (
            Field::ExecutionRoleName,
            &request.execution_role_name,
            crate::aws::partition::EXECUTION_ROLE_NAME,
            "the task execution role",
        )
    } else {
        (
            Field::TaskRoleName,
            &request.task_role_name,
            crate::aws::partition::TASK_ROLE_NAME,
            "the task role",
        )
    };
    let typed = typed.trim();
    if typed.is_empty() || typed == default {
        fills.push(FieldValue {
            field,
            value: role.to_owned(),
        });
        problems.push(Problem::new(
            field,
            Code::FilledFromEcsError,
            format!("The ECS error names the role {role}: ECS could not assume it, so its trust policy must let ecs-tasks.amazonaws.com assume it ({which})."),
        ));
    } else if typed == role {
        problems.push(Problem::new(
            field,
            Code::FilledFromEcsError,
            format!("The ECS error names the role {role}: ECS could not assume it, so its trust policy must let ecs-tasks.amazonaws.com assume it ({which})."),
        ));
    } else {
        problems.push(Problem::new(
            field,
            Code::EcsErrorContradicts,
            format!("The ECS error names the role {role}, but the form has {}: the trust policy belongs on the role the error names.", crate::text::chars::quote(typed)),
        ));
    }
}
