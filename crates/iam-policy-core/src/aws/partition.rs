//! AWS partitions: which ARN prefix, service principals and DNS suffix a region implies.

/// One AWS partition and the names that differ inside it.
#[derive(Debug, PartialEq, Eq)]
pub struct Partition {
    /// The ARN's second field, e.g. `aws-cn`.
    pub id: &'static str,
    /// A name people recognise, e.g. "AWS China".
    pub name: &'static str,
    /// The domain services are reached under, used in `kms:ViaService`.
    pub dns_suffix: &'static str,
    /// The principal EC2 uses to assume a role in this partition.
    pub ec2_principal: &'static str,
    /// Whether this partition's service principals come from public sources (the ones
    /// cited beside each entry); the isolated partitions' are the commercial names,
    /// which no public source confirms there.
    pub principals_confirmed: bool,
    /// Region-code prefixes that belong to this partition; `aws` is the fallback.
    region_prefixes: &'static [&'static str],
}

/// The principal ECS uses for task roles; the same name in every partition, China included.
pub const ECS_TASKS_PRINCIPAL: &str = "ecs-tasks.amazonaws.com";

/// The default name of the agent's task role: in the form, the steps and every export (a
/// parameter or variable there). Vocabulary every layer above reads, so it lives here
/// beside the principals rather than with the exports.
pub const TASK_ROLE_NAME: &str = "matillion-agent-task-role";
/// The default name of the agent's task execution role.
pub const EXECUTION_ROLE_NAME: &str = "matillion-agent-execution-role";

/// Every partition, from botocore's `partitions.json` (2026-01). Longer prefixes come first
/// because `us-isob-` must win over `us-iso-` and `us-gov-` over the commercial `us-`.
pub const PARTITIONS: &[Partition] = &[
    Partition {
        id: "aws-cn",
        name: "AWS China",
        dns_suffix: "amazonaws.com.cn",
        // hashicorp/terraform-provider-aws PR 47141; ECS tasks keep the commercial name
        // (terraform-aws-modules/terraform-aws-ecs issue 124).
        ec2_principal: "ec2.amazonaws.com.cn",
        principals_confirmed: true,
        region_prefixes: &["cn-"],
    },
    Partition {
        id: "aws-us-gov",
        name: "AWS GovCloud (US)",
        dns_suffix: "amazonaws.com",
        ec2_principal: "ec2.amazonaws.com",
        principals_confirmed: true,
        region_prefixes: &["us-gov-"],
    },
    Partition {
        id: "aws-iso-b",
        name: "AWS ISOB",
        dns_suffix: "sc2s.sgov.gov",
        ec2_principal: "ec2.amazonaws.com",
        principals_confirmed: false,
        region_prefixes: &["us-isob-"],
    },
    Partition {
        id: "aws-iso-f",
        name: "AWS ISOF",
        dns_suffix: "csp.hci.ic.gov",
        ec2_principal: "ec2.amazonaws.com",
        principals_confirmed: false,
        region_prefixes: &["us-isof-"],
    },
    Partition {
        id: "aws-iso-e",
        name: "AWS ISOE (Europe)",
        dns_suffix: "cloud.adc-e.uk",
        ec2_principal: "ec2.amazonaws.com",
        principals_confirmed: false,
        region_prefixes: &["eu-isoe-"],
    },
    Partition {
        id: "aws-iso",
        name: "AWS ISO (US)",
        dns_suffix: "c2s.ic.gov",
        ec2_principal: "ec2.amazonaws.com",
        principals_confirmed: false,
        region_prefixes: &["us-iso-"],
    },
    Partition {
        id: "aws-eusc",
        name: "AWS European Sovereign Cloud",
        dns_suffix: "amazonaws.eu",
        // EC2 keeps its commercial name here: `ec2.amazonaws.eu` is not accepted.
        ec2_principal: "ec2.amazonaws.com",
        principals_confirmed: true,
        region_prefixes: &["eusc-"],
    },
    Partition {
        id: "aws",
        name: "AWS",
        dns_suffix: "amazonaws.com",
        ec2_principal: "ec2.amazonaws.com",
        principals_confirmed: true,
        region_prefixes: &[
            "us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-",
        ],
    },
];

impl Partition {
    /// The commercial partition, used when a region gives no better answer.
    pub fn commercial() -> &'static Partition {
        Partition::by_id("aws").unwrap_or(&PARTITIONS[PARTITIONS.len() - 1])
    }

    /// The partition with this ARN id, e.g. `aws-us-gov`.
    ///
    /// ```
    /// use iam_policy_core::aws::partition::Partition;
    /// assert_eq!(Partition::by_id("aws-cn").map(|p| p.name), Some("AWS China"));
    /// ```
    pub fn by_id(id: &str) -> Option<&'static Partition> {
        PARTITIONS.iter().find(|p| p.id == id)
    }

    /// The partition a region code belongs to by its prefix, known region or not.
    pub fn for_region_code(code: &str) -> Option<&'static Partition> {
        PARTITIONS.iter().find(|p| {
            p.region_prefixes
                .iter()
                .any(|prefix| code.starts_with(prefix))
        })
    }

    /// The ARN of an AWS managed policy in this partition.
    ///
    /// ```
    /// use iam_policy_core::aws::partition::Partition;
    /// let cn = Partition::by_id("aws-cn").unwrap();
    /// assert_eq!(
    ///     cn.managed_policy_arn("service-role/AmazonECSTaskExecutionRolePolicy"),
    ///     "arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    /// );
    /// ```
    pub fn managed_policy_arn(&self, path_and_name: &str) -> String {
        ["arn:", self.id, ":iam::aws:policy/", path_and_name].concat()
    }
}
