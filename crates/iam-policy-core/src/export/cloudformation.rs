//! One CloudFormation template with the roles of its scope. ARNs are `!Sub` strings: the partition is the
//! stack's, the agent's region and account are parameters that default to what the user
//! typed — never `AWS::Region` / `AWS::AccountId`, which are wherever the stack happens to be
//! deployed (often `us-east-1`, where many teams keep IAM) rather than where the secrets are.

use super::tree::{self, Node, Piece, Variables, map, text};
use super::{Mode, Roles};
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
    let parameter = |default: &str, pattern: Option<&str>, description: &str| {
        let mut fields = vec![("Type", text("String")), ("Default", text(default))];
        if let Some(pattern) = pattern {
            fields.push(("AllowedPattern", text(pattern)));
        }
        fields.push(("Description", text(description)));
        map(fields)
    };
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
    // A role the stack created has its ARN as an attribute; one it did not, by its name.
    let arn = |mode: Mode, resource: &'static str, parameter: &'static str| match mode {
        Mode::New => Node::GetAtt(resource, "Arn"),
        Mode::Existing { .. } | Mode::Attached => Node::Template(vec![
            Piece::Literal("arn:".to_owned()),
            Piece::Partition(roles.target.partition.to_owned()),
            Piece::Literal(":iam::".to_owned()),
            Piece::StackAccount,
            Piece::Literal(":role/".to_owned()),
            Piece::Parameter(parameter),
        ]),
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
    let mut template = vec![
        ("AWSTemplateFormatVersion", text("2010-09-09")),
        ("Description", text(&description)),
    ];
    // What the documents grant beyond named secrets and principals, in the template
    // itself: the JSON template has no comments, and whoever deploys it reads this.
    if !roles.grants_more.is_empty() {
        template.push((
            "Metadata",
            map([(
                "GrantsMoreThanNamed",
                Node::List(roles.grants_more.iter().map(|g| text(g)).collect()),
            )]),
        ));
    }
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
