//! The task role's trust policy.

use crate::aws::console::RoleTab;
use crate::aws::partition::ECS_TASKS_PRINCIPAL;
use crate::model::policy::{OneOrMany, PolicyDocument, Sid, Statement};
use crate::model::{Document, DocumentId, Placement};
use crate::read::form::Form;

const ASSUME_ROLE: &str = "sts:AssumeRole";
const ECS_SID: Sid = Sid::new("EcsTasksAssumeRole");
const EC2_SID: Sid = Sid::new("Ec2AssumeRole");

/// Matillion's documented trusted entity: ECS tasks (and, by default, EC2) may assume the
/// task role. With source conditions, ECS gets a statement of its own carrying them: EC2
/// sends neither key, and a condition on a missing key is false.
pub(crate) fn trust_policy(form: &Form) -> Document {
    let assume = || Statement::allow(OneOrMany::One(ASSUME_ROLE));
    let ec2 = form.partition.ec2_principal;
    let policy = if form.source_conditions {
        let place = form.place();
        let ecs = assume()
            .by(OneOrMany::One(ECS_TASKS_PRINCIPAL))
            .when(
                "ArnLike",
                "aws:SourceArn",
                OneOrMany::One(format!(
                    "arn:{}:ecs:{}:{}:*",
                    place.partition, place.region, place.account
                )),
            )
            .when(
                "StringEquals",
                "aws:SourceAccount",
                OneOrMany::One(place.account.to_owned()),
            );
        let mut statements = vec![(ECS_SID, ecs)];
        if form.ec2_principal {
            statements.push((EC2_SID, assume().by(OneOrMany::One(ec2))));
        }
        PolicyDocument::with_sids(statements)
    } else {
        let services = if form.ec2_principal {
            OneOrMany::Many(vec![ECS_TASKS_PRINCIPAL, ec2])
        } else {
            OneOrMany::One(ECS_TASKS_PRINCIPAL)
        };
        PolicyDocument::new(vec![assume().by(services)])
    };
    Document {
        complete: !form.source_conditions || form.place_is_valid(),
        placeholders: form.source_conditions && !form.place_is_valid(),        ..super::written(
            DocumentId::TaskRoleTrustPolicy,
            policy,
            Placement {
                steps: vec![
                    "In the IAM console, open Roles and choose the agent's task role. (Creating it? Choose Create role → Custom trust policy.)".to_owned(),
                    "Open the Trust relationships tab and choose Edit trust policy. This is a trust policy: it does not go under Permissions.".to_owned(),
                    "Replace everything in the editor with this document and choose Update policy.".to_owned(),
                    super::task_definition_step(form, "taskRoleArn", form.task_role),
                ],
                policy_name: None,
                managed_policies: Vec::new(),
                console_url: form.role_url(form.task_role, RoleTab::Trust),
            },
        )
    }
}
