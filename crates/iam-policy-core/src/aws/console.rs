//! Links into the AWS console: a role's trust relationships or permissions, and a secret's
//! page. AWS documents the console's hosts but not its routes; the routes below are the
//! ones public code uses (see `FACTS.md`), kept in this one table so a moved route is a
//! one-line change. The isolated partitions have no public console: no link there.

use crate::aws::partition::Partition;

/// A partition's console: the global host, and how a regional host is written.
struct Console {
    partition: &'static str,
    /// `None` where the console is only regional.
    global: Option<&'static str>,
    /// The host for a region: `{region}` is replaced.
    regional: &'static str,
}

const CONSOLES: &[Console] = &[
    Console {
        partition: "aws",
        global: Some("console.aws.amazon.com"),
        regional: "{region}.console.aws.amazon.com",
    },
    Console {
        partition: "aws-us-gov",
        global: Some("console.amazonaws-us-gov.com"),
        regional: "{region}.console.amazonaws-us-gov.com",
    },
    Console {
        partition: "aws-cn",
        global: Some("console.amazonaws.cn"),
        regional: "{region}.console.amazonaws.cn",
    },
    Console {
        partition: "aws-eusc",
        global: None,
        regional: "{region}.console.amazonaws-eusc.eu",
    },
];

/// IAM role routes (after `https://<host>`).
const ROLE_TRUST_ROUTE: &str = "/iam/home#/roles/details/{role}?section=trust_relationships";
const ROLE_PERMISSIONS_ROUTE: &str = "/iam/home#/roles/details/{role}?section=permissions";
const ROLE_CREATE_INLINE_ROUTE: &str =
    "/iam/home#/roles/details/{role}/createPolicy?step=addPermissions";
/// A secret's page (after `https://<regional host>`).
const SECRET_ROUTE: &str = "/secretsmanager/secret?name={name}&region={region}";

/// Which tab of a role's page to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleTab {
    /// Trust relationships, where the trust policy is edited.
    Trust,
    /// Permissions, where its inline policies are.
    Permissions,
    /// Permissions → Create inline policy.
    CreateInlinePolicy,
}

fn console(partition: &Partition) -> Option<&'static Console> {
    CONSOLES.iter().find(|c| c.partition == partition.id)
}

fn host(console: &Console, region: Option<&str>) -> Option<String> {
    match (console.global, region) {
        (Some(global), None) => Some(global.to_owned()),
        (_, Some(region)) => Some(console.regional.replace("{region}", region)),
        (None, None) => None,
    }
}

/// The role's page at `tab`, on the partition's console.
pub fn role_url(
    partition: &Partition,
    region: Option<&str>,
    role: &str,
    tab: RoleTab,
) -> Option<String> {
    let console = console(partition)?;
    // IAM is global; the regional host is used only where there is no global one.
    let host = host(
        console,
        console.global.is_none().then_some(region).flatten(),
    )?;
    let route = match tab {
        RoleTab::Trust => ROLE_TRUST_ROUTE,
        RoleTab::Permissions => ROLE_PERMISSIONS_ROUTE,
        RoleTab::CreateInlinePolicy => ROLE_CREATE_INLINE_ROUTE,
    };
    Some(format!(
        "https://{host}{}",
        route.replace("{role}", &encode(role))
    ))
}

/// The secret's page in the Secrets Manager console, which shows its full ARN.
pub fn secret_url(partition: &Partition, region: &str, name: &str) -> Option<String> {
    let console = console(partition)?;
    let host = host(console, Some(region))?;
    Some(format!(
        "https://{host}{}",
        SECRET_ROUTE
            .replace("{name}", &encode(name))
            .replace("{region}", region)
    ))
}

/// Percent-encodes everything but letters, digits and `-_.~`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partition(id: &str) -> &'static Partition {
        crate::aws::partition::PARTITIONS
            .iter()
            .find(|p| p.id == id)
            .expect("a partition")
    }

    #[test]
    fn role_links_open_the_right_tab_on_each_partitions_console() {
        assert_eq!(
            role_url(
                partition("aws"),
                Some("eu-west-1"),
                "matillion-agent-task-role",
                RoleTab::Trust
            )
            .as_deref(),
            Some(
                "https://console.aws.amazon.com/iam/home#/roles/details/matillion-agent-task-role?section=trust_relationships"
            )
        );
        assert_eq!(
            role_url(
                partition("aws-cn"),
                Some("cn-north-1"),
                "r",
                RoleTab::CreateInlinePolicy
            )
            .as_deref(),
            Some(
                "https://console.amazonaws.cn/iam/home#/roles/details/r/createPolicy?step=addPermissions"
            )
        );
        assert_eq!(
            role_url(
                partition("aws-eusc"),
                Some("eusc-de-east-1"),
                "r",
                RoleTab::Permissions
            )
            .as_deref(),
            Some(
                "https://eusc-de-east-1.console.amazonaws-eusc.eu/iam/home#/roles/details/r?section=permissions"
            )
        );
    }

    #[test]
    fn the_isolated_partitions_get_no_link() {
        for id in ["aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"] {
            assert_eq!(
                role_url(partition(id), None, "r", RoleTab::Trust),
                None,
                "{id}"
            );
            assert_eq!(
                secret_url(partition(id), "us-iso-east-1", "s"),
                None,
                "{id}"
            );
        }
    }

    #[test]
    fn secret_links_encode_the_name() {
        assert_eq!(
            secret_url(partition("aws"), "eu-west-1", "matillion/agent+1").as_deref(),
            Some(
                "https://eu-west-1.console.aws.amazon.com/secretsmanager/secret?name=matillion%2Fagent%2B1&region=eu-west-1"
            )
        );
    }
}
