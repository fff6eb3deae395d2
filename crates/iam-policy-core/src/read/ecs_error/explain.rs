//! What each cause means, in a sentence, and the steps that fix it. A command is written
//! only from parts `read` validated — a role name IAM allows, a twelve-digit account, a
//! known region and partition, an ARN valid in every part — each quoted for a POSIX
//! shell; what the error says in its own words is never part of one.

use super::{Cause, Diagnosis, Step};
use crate::aws::partition::Partition;
use crate::text::chars::shell_quoted as q;

/// The failure with its message and the steps to take.
pub(super) fn explained(mut found: Diagnosis) -> Diagnosis {
    (found.message, found.steps) = explain(&found);
    found.fix = fix(&found);
    found
}

/// The builder's document that fixes the failure: the secrets policy for what the
/// execution role may not read, the task role's trust policy for a task role ECS could
/// not assume (an execution role's trust is in the exports, not on a card).
fn fix(found: &Diagnosis) -> Option<crate::model::DocumentId> {
    use crate::model::DocumentId;
    match found.cause {
        Cause::SecretAccessDenied
        | Cause::ParameterAccessDenied
        | Cause::KmsAccessDenied
        | Cause::PrivateRegistryAuth
        | Cause::ExecutionRoleMissing => Some(DocumentId::ExecutionRoleSecretsPolicy),
        Cause::RoleNotAssumable
            if found
                .role
                .as_deref()
                .is_none_or(|r| r != "null" && !super::is_execution_role_name(r)) =>
        {
            Some(DocumentId::TaskRoleTrustPolicy)
        }
        _ => None,
    }
}

/// The ECS managed policy every execution role needs to pull from ECR and write logs.
const EXECUTION_POLICY: &str = "service-role/AmazonECSTaskExecutionRolePolicy";

fn explain(found: &Diagnosis) -> (String, Vec<Step>) {
    let role = found.role.as_deref().unwrap_or("the task execution role");
    // A sentence that starts with the role: its name as it is (names are case-sensitive).
    let subject = found.role.as_deref().unwrap_or("The task execution role");
    let resource = found.resource.as_deref();
    let name = resource.and_then(secret_name);
    let region = found
        .region
        .as_deref()
        .map(|r| format!(" --region {}", q(r)))
        .unwrap_or_default();
    let describe = name.map(|name| {
        Step::runs(
            "Check the secret's full ARN, with its suffix:",
            format!(
                "aws secretsmanager describe-secret --secret-id {}{region} --query ARN",
                q(name)
            ),
        )
    });
    let partition = found
        .partition
        .as_deref()
        .and_then(Partition::by_id)
        .unwrap_or_else(Partition::commercial);
    let role_arn = match (&found.partition, &found.account, &found.role) {
        (Some(p), Some(a), Some(r)) => Some(format!("arn:{p}:iam::{a}:role/{r}")),
        _ => None,
    };
    let simulate = |action: &str| {
        role_arn.as_ref().zip(resource.filter(|r| r.starts_with("arn:"))).map(|(role_arn, resource)| {
            Step::runs(
                "Before running the task again, prove the fixed policy allows the call:",
                format!(
                    "aws iam simulate-principal-policy --policy-source-arn {} --action-names {} --resource-arns {}",
                    q(role_arn),
                    q(action),
                    q(resource)
                ),
            )
        })
    };
    let attach_managed = |role: Option<&str>| {
        let policy = partition.managed_policy_arn(EXECUTION_POLICY);
        match role {
            Some(role) => Step::runs(
                format!(
                    "Attach the AWS managed policy AmazonECSTaskExecutionRolePolicy to {role}, the task execution role:"
                ),
                format!(
                    "aws iam attach-role-policy --role-name {} --policy-arn {}",
                    q(role),
                    q(&policy)
                ),
            ),
            None => Step::says(format!(
                "Attach the AWS managed policy AmazonECSTaskExecutionRolePolicy ({policy}) to the task execution role (the task definition's executionRoleArn)."
            )),
        }
    };
    let rerun = Step::says(
        "Run the task again (a service retries by itself once the role can read the secret).",
    );
    let no_policy = "no policy change helps";
    let action = found.action.as_deref();
    let mut steps = Vec::new();
    let message = match found.cause {
        Cause::SecretAccessDenied => {
            steps.push(Step::says(format!(
                "Add the secrets policy below to the role the error names, {role} — the task execution role (the task definition's executionRoleArn), not the task role: ECS reads secrets before the task starts."
            )));
            steps.extend(describe);
            steps.extend(simulate(action.unwrap_or("secretsmanager:GetSecretValue")));
            steps.push(rerun);
            format!(
                "{subject} may not read {}: its policy does not allow secretsmanager:GetSecretValue on that secret (a secret ARN without its six-character suffix, or in another region or account, matches nothing).",
                name.map_or_else(|| "the secret".to_owned(), |n| format!("the secret “{n}”"))
            )
        }
        Cause::ParameterAccessDenied => {
            steps.push(Step::says(format!(
                "Add the policy below, which allows ssm:GetParameters on the parameter, to {role}, the task execution role."
            )));
            steps.extend(simulate(action.unwrap_or("ssm:GetParameters")));
            steps.push(rerun);
            format!(
                "{subject} may not read the Parameter Store parameter{}.",
                resource.map(|r| format!(" {r}")).unwrap_or_default()
            )
        }
        Cause::KmsAccessDenied => {
            steps.push(Step::says("Find the key: in the Secrets Manager console, open the secret; its Encryption key is the KMS key to allow (the error never names it). aws/secretsmanager needs nothing."));
            steps.push(Step::says("Enter that key's ARN under Customer managed KMS keys: the policy below then allows kms:Decrypt on it, through Secrets Manager only."));
            steps.push(Step::says("Check the key's own key policy lets the account's IAM policies grant it (the default key policy does)."));
            steps.push(rerun);
            format!(
                "{subject} may read the secret but not decrypt it: the secret is encrypted with a customer managed KMS key the role may not use."
            )
        }
        Cause::ExplicitDeny => {
            let policy = match found.deny_policy.as_deref() {
                None | Some("a policy") => "a policy".to_owned(),
                Some(arn) if arn.starts_with("arn:") => format!("the policy {arn}"),
                Some(kind) if kind.contains(" arn:") => format!("the {kind}"),
                Some(kind) if kind.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {kind}"),
                Some(kind) => format!("a {kind}"),
            };
            steps.push(Step::says(format!(
                "Find the Deny in {policy} and narrow or remove it for this role and resource; adding an Allow changes nothing."
            )));
            steps.push(Step::says("If it is a service control policy or a resource control policy, ask whoever runs your AWS Organization: it is not on the role."));
            if let Some(action) = action {
                steps.extend(simulate(action));
            }
            format!(
                "A Deny in {policy} refuses {role} {}{}: no Allow can override it.",
                action.unwrap_or("the call"),
                resource.map(|r| format!(" on {r}")).unwrap_or_default()
            )
        }
        Cause::SecretNotFound => {
            steps.extend(describe);
            steps.push(Step::says("Check the task definition's valueFrom names the secret exactly (names are case-sensitive), in the task's own region and account."));
            steps.push(Step::says(
                "If the secret was deleted, restore it or point the task definition at another.",
            ));
            format!(
                "Secrets Manager has no secret by that name or ARN where the task looked: this is not a permissions problem, so {no_policy}."
            )
        }
        Cause::SecretValueMissing => {
            steps.push(Step::says("In the Secrets Manager console, open the secret and store a value (Retrieve secret value → Edit, or set it)."));
            "The secret exists but has no current value (no version labelled AWSCURRENT): store one; no policy change is needed.".to_owned()
        }
        Cause::SecretScheduledForDeletion => {
            steps.push(Step::says("In the Secrets Manager console, open the secret and choose Cancel deletion (or restore-secret with the AWS CLI)."));
            "The secret is scheduled for deletion, so nothing may read it: cancel the deletion; no policy change is needed.".to_owned()
        }
        Cause::JsonKeyMissing => {
            steps.push(Step::says(format!(
                "Add the key {} to the secret's JSON, or fix the key in the task definition's valueFrom (…:secret:name:<key>::).",
                found.json_key.as_deref().unwrap_or("it asks for")
            )));
            "The secret was read, but its JSON has no key the task definition asks for: no policy change is needed.".to_owned()
        }
        Cause::SecretNotJson => {
            steps.push(Step::says("Open the secret's value: a valueFrom that names a JSON key (…:secret:name:<key>::) needs the value to be a JSON object such as {\"password\":\"…\"}, in double quotes."));
            steps.push(Step::says(
                "Or drop the key from valueFrom to pass the whole value as it is.",
            ));
            format!(
                "The secret was read, but its value is not JSON, so the key the task definition asks for cannot be taken from it: {no_policy}."
            )
        }
        Cause::SecretReferenceInvalid => {
            steps.push(Step::says("Check the task definition's valueFrom: a secret's full ARN (with its suffix) or its name, with nothing else in it; a JSON key goes after the ARN as …:secret:name-AbCdEf:<key>::."));
            format!(
                "Secrets Manager refused the task definition's reference to the secret as not valid: {no_policy}."
            )
        }
        Cause::ParameterNotFound => {
            let empty_segment = resource.is_some_and(|r| r.contains("//") || r.ends_with('/'));
            if empty_segment {
                steps.push(Step::says("The name has an empty part (“//” or a trailing “/”): a variable that built it was empty. Set it, then register the task definition again."));
            }
            if let Some(parameter) = resource {
                steps.push(Step::runs(
                    "Check the parameter exists, by that exact name, in the task's region:",
                    format!(
                        "aws ssm get-parameter --name {}{region} --query Parameter.ARN",
                        q(parameter)
                    ),
                ));
            }
            steps.push(Step::says("Create the parameter, or fix the name in the task definition's valueFrom (names are case-sensitive)."));
            format!(
                "Parameter Store has no parameter{} where the task looked: {no_policy}.",
                resource.map(|r| format!(" named {r}")).unwrap_or_default()
            )
        }
        Cause::SecretsUnreadable => {
            steps.push(Step::says("Paste the whole Stopped reason, from ResourceInitializationError to its end: the part after the last colon names the cause."));
            steps.push(Step::says("An AccessDeniedException there means the execution role needs the policy the builder writes; a time-out or connection issue, a network path to Secrets Manager or SSM."));
            "ECS could not read the task's secrets before it started, but the text stops before saying why.".to_owned()
        }
        Cause::Network => {
            steps.push(Step::says("Give the task's subnets a route to the service: a NAT gateway, or interface VPC endpoints (com.amazonaws.<region>.secretsmanager, .ssm, .ecr.api and .ecr.dkr with the S3 gateway endpoint for images)."));
            steps.push(Step::says(
                "In a public subnet, turn on Auto-assign public IP for the task.",
            ));
            steps.push(Step::says("Let the task's security group send HTTPS (TCP 443) out, and the endpoints' security group accept it."));
            format!(
                "The task could not reach Secrets Manager, Parameter Store or Amazon ECR in time: a network problem, not a permissions one, so {no_policy}."
            )
        }
        Cause::ExecutionRoleMissing => {
            steps.push(Step::says("Create the task execution role with the secrets policy below, and set the task definition's executionRoleArn to its ARN."));
            "The task definition names secrets but no task execution role: ECS needs one to read them.".to_owned()
        }
        Cause::RoleNotAssumable => {
            let null = found.role.as_deref() == Some("null");
            if null {
                steps.push(Step::says("The role ARN ends in /null: the template or script that wrote the task definition had no role name. Set it, and register the task definition again."));
            } else {
                steps.push(Step::says(format!(
                    "Open {role} in the IAM console → Trust relationships, and make its trust policy the one below: ecs-tasks.amazonaws.com must be allowed sts:AssumeRole (merge it with what is there, if the role is shared)."
                )));
                if let Some(name) = found.role.as_deref() {
                    steps.push(Step::runs(
                        "See the trust policy the role has now:",
                        format!(
                            "aws iam get-role --role-name {} --query Role.AssumeRolePolicyDocument",
                            q(name)
                        ),
                    ));
                }
                steps.push(Step::says("Check the task definition names the role by its full ARN, in this account, with the role's path."));
                steps.push(Step::says(
                    "Whoever registers the task or service needs iam:PassRole on the role.",
                ));
            }
            format!(
                "ECS could not assume {}: its trust policy does not let ecs-tasks.amazonaws.com assume it, its ARN is wrong, or the caller may not pass it.",
                found
                    .role
                    .as_deref()
                    .map_or_else(|| "the role".to_owned(), |r| format!("the role {r}"))
            )
        }
        Cause::ServiceLinkedRoleMissing => {
            steps.push(Step::runs(
                "Create the ECS service-linked role (once per account):",
                "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com"
                    .to_owned(),
            ));
            "ECS has no service-linked role (AWSServiceRoleForECS) in this account yet: it is not one of the agent's roles, and the builder's documents do not change it.".to_owned()
        }
        Cause::SelfAssumeDenied => {
            steps.push(Step::says(format!(
                "The task's own code assumes {role}, the role it already runs as: since 2022 a role does not trust itself. Use the task's credentials as they are, or add the role's own ARN as an AWS principal in its trust policy."
            )));
            format!(
                "{subject} tried to assume itself: a role's trust policy must name it explicitly for that, and the task already has the role's permissions."
            )
        }
        Cause::AssumeRoleDenied => {
            steps.push(Step::says(format!(
                "Let {role} assume the role: the caller needs sts:AssumeRole on it, and the role's trust policy must name the caller."
            )));
            format!(
                "{subject} may not assume {}.",
                resource.unwrap_or("the role it asked for")
            )
        }
        Cause::PassRoleDenied => {
            steps.push(Step::says(format!(
                "Give the user or pipeline that registers the task definition or service iam:PassRole on {}, with iam:PassedToService ecs-tasks.amazonaws.com.",
                resource.unwrap_or("the task's roles")
            )));
            "The caller registering the task may not pass its role to ECS: this is about who deploys, not about the agent's roles.".to_owned()
        }
        Cause::RegistryAuth => {
            steps.push(attach_managed(found.role.as_deref()));
            steps.push(Step::says("If it has that policy, give the task a network path to Amazon ECR (a NAT gateway, or the ecr.api, ecr.dkr and S3 endpoints)."));
            "ECS could not get credentials for the image from Amazon ECR: the execution role lacks ecr:GetAuthorizationToken, or the task cannot reach ECR.".to_owned()
        }
        Cause::EcrAccessDenied => {
            steps.push(attach_managed(found.role.as_deref()));
            format!(
                "{subject} may not call Amazon ECR ({}): it needs the AWS managed policy AmazonECSTaskExecutionRolePolicy, not a secrets policy.",
                action.unwrap_or("ecr:GetAuthorizationToken")
            )
        }
        Cause::PrivateRegistryAuth => {
            steps.push(Step::says("Add the secret named in the container's repositoryCredentials to the secrets below: the execution role reads it with secretsmanager:GetSecretValue (and kms:Decrypt for a customer managed key)."));
            "The execution role could not read the private registry's credentials secret (repositoryCredentials), or could not reach Secrets Manager.".to_owned()
        }
        Cause::ImageNotFound => {
            steps.push(Step::says("Check the image name and tag in the task definition exist in the registry (for ECR, the repository in the task's account and region)."));
            format!("The registry has no such image or tag: {no_policy}.")
        }
        Cause::ImagePlatform => {
            steps.push(Step::says("Build and push the image for the task's platform (linux/amd64 unless the task definition's runtimePlatform says ARM64), or set runtimePlatform to match the image."));
            format!("The image has no build for the task's CPU architecture: {no_policy}.")
        }
        Cause::ImagePullAccessDenied => {
            steps.push(Step::says("For a private repository outside ECR, add repositoryCredentials with a secret the execution role may read; for ECR, attach AmazonECSTaskExecutionRolePolicy and check the repository's policy."));
            steps.push(Step::says("Check the image's name: a name the registry does not know is refused the same way."));
            "The registry refused the image: it is private, its name is wrong, or the execution role may not pull it.".to_owned()
        }
        Cause::ImagePullFailed => {
            steps.push(Step::says(
                "Paste the whole message: the part after the last colon says why the pull failed.",
            ));
            format!(
                "The image could not be pulled: unless the text goes on to name an access denial, {no_policy}."
            )
        }
        Cause::LoggerArgs => {
            let denied = action.is_some_and(|a| a.starts_with("logs:"));
            if denied {
                steps.push(Step::says(format!(
                    "Allow {} on the log group to {role}, the task execution role, or create the log group yourself and remove awslogs-create-group from the task definition.",
                    action.unwrap_or("logs:CreateLogGroup")
                )));
            } else {
                steps.push(Step::says("Create the log group the task definition's awslogs-group names (in the task's region), or set awslogs-create-group to true and allow logs:CreateLogGroup to the execution role."));
            }
            "The container's awslogs configuration failed before it started: a missing log group, or the execution role may not create it.".to_owned()
        }
        Cause::OtherAccessDenied => {
            steps.push(Step::says(format!(
                "Allow {} to {role}{}: the builder's documents do not grant it.",
                action.unwrap_or("the call the error names"),
                resource.map(|r| format!(" on {r}")).unwrap_or_default()
            )));
            format!(
                "{subject} may not {}: this is not one of the calls the agent's secrets policy makes.",
                action.unwrap_or("make the call the error names")
            )
        }
        Cause::Unrecognised => {
            steps.push(Step::says("Paste the whole message from the stopped task's details (Stopped reason), from ResourceInitializationError or CannotPullContainerError on."));
            "This is not an error the builder recognises.".to_owned()
        }
    };
    (message, steps)
}

/// The secret's name in its ARN, without the six-character suffix AWS adds.
pub(super) fn secret_name(arn: &str) -> Option<&str> {
    let name = arn.split(":secret:").nth(1)?;
    let name = name.split(':').next()?;
    Some(crate::aws::secret::split_suffix(name).map_or(name, |(head, _)| head))
}
