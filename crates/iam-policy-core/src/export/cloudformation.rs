//! One CloudFormation template with the roles of its scope. ARNs are `!Sub` strings: the partition is the
//! stack's, the agent's region and account are parameters that default to what the user
//! typed — never `AWS::Region` / `AWS::AccountId`, which are wherever the stack happens to be
//! deployed (often `us-east-1`, where many teams keep IAM) rather than where the secrets are.

use super::tree::{self, Node, Piece, Variables, map, text};
use super::{Mode, Roles, Runner, Said};
use crate::model::Policy;

/// The parameter holding the account the agent runs in and its secrets belong to.
pub(crate) const ACCOUNT_PARAMETER: &str = "AgentAccountId";
/// The parameter holding the region the agent runs in and its secrets are in.
pub(crate) const REGION_PARAMETER: &str = "AgentRegion";
/// The parameter naming an existing execution role's inline policy that the fix replaces.
pub(crate) const SECRETS_POLICY_PARAMETER: &str = "SecretsPolicyName";

pub(crate) fn template(roles: &Roles<'_>) -> Node {
    let policies = |named: Option<(&'static str, &Policy)>| {
        named.map(|(name, policy)| {
            (
                "Policies",
                Node::List(vec![map([
                    ("PolicyName", text(name)),
                    ("PolicyDocument", tree::policy(policy, roles.target)),
                ])]),
            )
        })
    };
    // An inline policy on a role the stack did not create.
    let role_policy = |role_parameter: &'static str, name: Node, policy: &Policy| {
        map([
            ("Type", text("AWS::IAM::RolePolicy")),
            (
                "Properties",
                map([
                    ("RoleName", Node::Ref(role_parameter)),
                    ("PolicyName", name),
                    ("PolicyDocument", tree::policy(policy, roles.target)),
                ]),
            ),
        ])
    };
    let mut resources: Vec<(&'static str, Node)> = Vec::new();
    if roles.task_role.is_some_and(Mode::is_existing) {
        if let Some((name, policy)) = roles.task_permissions {
            resources.push((
                "AgentTaskRolePolicy",
                role_policy("TaskRoleName", text(name), policy),
            ));
        }
    } else if roles.task_role.is_some() {
        let mut task = vec![
            ("RoleName", Node::Ref("TaskRoleName")),
            ("Description", text("Used by the running Matillion agent")),
            (
                "AssumeRolePolicyDocument",
                tree::policy(&roles.trust, roles.target),
            ),
        ];
        task.extend(policies(roles.task_permissions));
        resources.push((
            "AgentTaskRole",
            map([("Type", text("AWS::IAM::Role")), ("Properties", map(task))]),
        ));
    }
    if roles.execution_role.is_some_and(Mode::is_existing) {
        if let Some((_, policy)) = roles.secrets {
            resources.push((
                "AgentExecutionRolePolicy",
                role_policy(
                    "ExecutionRoleName",
                    Node::Ref(SECRETS_POLICY_PARAMETER),
                    policy,
                ),
            ));
        }
    } else if roles.execution_role.is_some() {
        let mut execution = vec![
            ("RoleName", Node::Ref("ExecutionRoleName")),
            (
                "Description",
                text("Used by ECS to start the Matillion agent and inject its secrets"),
            ),
            (
                "AssumeRolePolicyDocument",
                tree::policy(&roles.execution_trust, roles.target),
            ),
            (
                "ManagedPolicyArns",
                Node::List(vec![tree::portable(&roles.managed_policy, roles.target)]),
            ),
        ];
        execution.extend(policies(roles.secrets));
        resources.push((
            "AgentExecutionRole",
            map([
                ("Type", text("AWS::IAM::Role")),
                ("Properties", map(execution)),
            ]),
        ));
    }
    let resources = map(resources);
    let used = Variables::of([&resources]);
    let mut parameters = Vec::new();
    if roles.task_role.is_some() {
        parameters.push((
            "TaskRoleName",
            parameter(
                roles.task_role_name(),
                None,
                "Name of the agent's task role",
            ),
        ));
    }
    if roles.execution_role.is_some() {
        parameters.push((
            "ExecutionRoleName",
            parameter(
                roles.execution_role_name(),
                None,
                "Name of the agent's task execution role",
            ),
        ));
    }
    if roles.execution_role.is_some_and(Mode::is_existing)
        && let Some((name, _)) = roles.secrets
    {
        parameters.push((
            SECRETS_POLICY_PARAMETER,
            parameter(
                name,
                None,
                "Name of the execution role's inline policy that was pasted and fixed, so this replaces it",
            ),
        ));
    }
    if let Some(account) = &used.account {
        parameters.push((
            ACCOUNT_PARAMETER,
            parameter(
                account,
                Some("^[0-9]{12}$"),
                "The account the agent runs in and its secrets belong to",
            ),
        ));
    }
    if let Some(region) = &used.region {
        parameters.push((
            REGION_PARAMETER,
            parameter(
                region,
                Some("^[a-z]+(-[a-z]+)+-[0-9]+$"),
                "The region the agent's secrets are in, which need not be the stack's",
            ),
        ));
    }
    let arn = |mode: Mode, resource: &'static str, parameter: &'static str| {
        role_arn(mode, roles.target.partition, resource, parameter)
    };
    let output = |description: &str, value: Node| {
        map([("Description", text(description)), ("Value", value)])
    };
    let description = match (roles.task_role, roles.execution_role) {
        (Some(Mode::Existing { changed: true }), _) => {
            "IAM policies for the Matillion agent on ECS Fargate, on roles that exist, generated by iam-policy-builder. CloudFormation cannot change the trust policy of a role it did not create: set the merged trust policy with the AWS CLI script or the console.".to_owned()
        }
        (task, execution) if [task, execution].into_iter().flatten().all(|m| m == Mode::New) => {
            format!(
                "{} for the Matillion agent on ECS Fargate, generated by iam-policy-builder",
                roles.subject()
            )
        }
        _ => {
            "IAM policies for the Matillion agent on ECS Fargate, generated by iam-policy-builder; the roles that exist are not created".to_owned()
        }
    };
    let mut template = head(&description, &roles.said);
    let mut outputs = Vec::new();
    if let Some(mode) = roles.task_role {
        outputs.push((
            "TaskRoleArn",
            output(
                "The task role, for the task definition's taskRoleArn",
                arn(mode, "AgentTaskRole", "TaskRoleName"),
            ),
        ));
    }
    if let Some(mode) = roles.execution_role {
        outputs.push((
            "ExecutionRoleArn",
            output(
                "The task execution role, for executionRoleArn",
                arn(mode, "AgentExecutionRole", "ExecutionRoleName"),
            ),
        ));
    }
    template.extend([
        ("Parameters", map(parameters)),
        ("Resources", resources),
        ("Outputs", map(outputs)),
    ]);
    map(template)
}

/// The parameter holding the runner role's name.
const RUNNER_ROLE_PARAMETER: &str = "RunnerRoleName";
/// The parameter holding the cluster's IAM OIDC provider ARN.
pub(crate) const PROVIDER_PARAMETER: &str = "OidcProviderArn";
/// The parameter holding the cluster's issuer (host/path), the condition keys' prefix.
pub(crate) const ISSUER_PARAMETER: &str = "OidcIssuer";

/// On EKS: the runner role, or its inline policy on the role that exists. With IRSA the
/// trust policy is one `!Sub` string — its condition keys are made of the issuer, and a
/// template's keys cannot be `Fn::Sub`s — with the provider's ARN and the issuer as
/// parameters that default to what was typed.
pub(crate) fn runner_template(runner: &Runner<'_>) -> Node {
    let permissions = runner.permissions.map(|(name, policy)| {
        map([
            ("PolicyName", text(name)),
            ("PolicyDocument", tree::policy(policy, runner.target)),
        ])
    });
    let mut resources: Vec<(&'static str, Node)> = Vec::new();
    match runner.mode {
        Mode::New => {
            let trust = match &runner.web_identity {
                Some(_) => {
                    Node::Template(runner.trust_pieces(PROVIDER_PARAMETER, ISSUER_PARAMETER))
                }
                None => tree::policy(runner.trust, runner.target),
            };
            let mut role = vec![
                ("RoleName", Node::Ref(RUNNER_ROLE_PARAMETER)),
                (
                    "Description",
                    text("Assumed by the Matillion runner's pods on Amazon EKS"),
                ),
                ("AssumeRolePolicyDocument", trust),
            ];
            if let Some(policy) = permissions {
                role.push(("Policies", Node::List(vec![policy])));
            }
            resources.push((
                "RunnerRole",
                map([("Type", text("AWS::IAM::Role")), ("Properties", map(role))]),
            ));
        }
        Mode::Existing { .. } | Mode::Attached => {
            if let Some((name, policy)) = runner.permissions {
                resources.push((
                    "RunnerRolePolicy",
                    map([
                        ("Type", text("AWS::IAM::RolePolicy")),
                        (
                            "Properties",
                            map([
                                ("RoleName", Node::Ref(RUNNER_ROLE_PARAMETER)),
                                ("PolicyName", text(name)),
                                ("PolicyDocument", tree::policy(policy, runner.target)),
                            ]),
                        ),
                    ]),
                ));
            }
        }
    }
    let resources = map(resources);
    let used = Variables::of([&resources]);
    let mut parameters = vec![(
        RUNNER_ROLE_PARAMETER,
        parameter(runner.role, None, "Name of the Matillion runner's role"),
    )];
    if let Some(web) = &runner.web_identity {
        parameters.push((
            ISSUER_PARAMETER,
            parameter(
                &web.issuer,
                Some("^[A-Za-z0-9./-]+$"),
                "The cluster's OpenID Connect issuer without https:// (the condition keys' prefix)",
            ),
        ));
        parameters.push((
            PROVIDER_PARAMETER,
            parameter(
                &web.provider,
                Some("^arn:[a-z-]+:iam::[0-9]{12}:oidc-provider/[A-Za-z0-9./-]+$"),
                "The cluster's IAM OIDC provider, in the account the role is created in",
            ),
        ));
    }
    if let Some(account) = &used.account {
        parameters.push((
            ACCOUNT_PARAMETER,
            parameter(
                account,
                Some("^[0-9]{12}$"),
                "The account the runner's secrets (and cluster) belong to",
            ),
        ));
    }
    if let Some(region) = &used.region {
        parameters.push((
            REGION_PARAMETER,
            parameter(
                region,
                Some("^[a-z]+(-[a-z]+)+-[0-9]+$"),
                "The region the runner's secrets are in, which need not be the stack's",
            ),
        ));
    }
    let arn = role_arn(
        runner.mode,
        runner.target.partition,
        "RunnerRole",
        RUNNER_ROLE_PARAMETER,
    );
    let description = match runner.mode {
        Mode::New => {
            "The IAM role for the Matillion runner on Amazon EKS, generated by iam-policy-builder"
        }
        Mode::Existing { changed: true } => {
            "The Matillion runner's permissions on Amazon EKS, on a role that exists, generated by iam-policy-builder. CloudFormation cannot change the trust policy of a role it did not create: set the merged trust policy with the AWS CLI script or the console."
        }
        Mode::Existing { changed: false } | Mode::Attached => {
            "The Matillion runner's permissions on Amazon EKS, on a role that exists, generated by iam-policy-builder"
        }
    };
    let mut template = head(description, &runner.said);
    template.extend([
        ("Parameters", map(parameters)),
        ("Resources", resources),
        (
            "Outputs",
            map([(
                "RunnerRoleArn",
                map([
                    (
                        "Description",
                        text("The runner role, for the service accounts' eks.amazonaws.com/role-arn (the Helm value serviceAccount.roleArn)"),
                    ),
                    ("Value", arn),
                ]),
            )]),
        ),
    ]);
    map(template)
}

/// A template's start: its format version, its description, and what the documents grant
/// beyond named secrets and principals — in the template itself, since the JSON template
/// has no comments and whoever deploys it reads this.
/// A role's ARN for the outputs: a role the stack created has it as an attribute; one it did
/// not, by its name (the `parameter`) in the stack's account.
fn role_arn(mode: Mode, partition: &str, resource: &'static str, parameter: &'static str) -> Node {
    match mode {
        Mode::New => Node::GetAtt(resource, "Arn"),
        Mode::Existing { .. } | Mode::Attached => Node::Template(vec![
            Piece::Literal("arn:".to_owned()),
            Piece::Partition(partition.to_owned()),
            Piece::Literal(":iam::".to_owned()),
            Piece::StackAccount,
            Piece::Literal(":role/".to_owned()),
            Piece::Parameter(parameter),
        ]),
    }
}

fn head(description: &str, said: &Said) -> Vec<(&'static str, Node)> {
    let mut template = vec![
        ("AWSTemplateFormatVersion", text("2010-09-09")),
        ("Description", text(description)),
    ];
    if !said.grants_more.is_empty() {
        template.push((
            "Metadata",
            map([(
                "GrantsMoreThanNamed",
                Node::List(said.grants_more.iter().map(|g| text(g)).collect()),
            )]),
        ));
    }
    template
}

/// A string parameter with its default, the pattern it must match, and what it is.
fn parameter(default: &str, pattern: Option<&str>, description: &str) -> Node {
    let mut fields = vec![("Type", text("String")), ("Default", text(default))];
    if let Some(pattern) = pattern {
        fields.push(("AllowedPattern", text(pattern)));
    }
    fields.push(("Description", text(description)));
    map(fields)
}
