//! The values an error names — role, account, region, partition, resource, action — each
//! taken only when it is what it claims to be: an account of twelve digits, a region the
//! builder knows, a role name IAM allows, an ARN whose every part is valid. A placeholder
//! people put where they redacted (`<account>`, `xxxxxxxxxxxx`, `{ACCOUNT_ID}`,
//! `[redacted]`) is never one of them, and nothing that is not validated reaches a
//! command the builder suggests.

use crate::aws::partition::Partition;
use crate::aws::region::Region;

/// Every ARN-looking word in the normalised text, found in one pass, with where it starts:
/// a failure looks up its own by position rather than scanning the whole text again.
pub(crate) struct Arns<'t> {
    found: Vec<(usize, &'t str)>,
}

impl<'t> Arns<'t> {
    pub(crate) fn scan(text: &'t str) -> Self {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = text[from..].find("arn:") {
            let start = from + at;
            let tail = &text[start..];
            let end = arn_end(tail);
            let arn = tail[..end].trim_end_matches(['.', ':', ',']);
            // Four colons give the region and account even of an ARN cut off after them.
            if arn.matches(':').count() >= 4 {
                found.push((start, arn));
            }
            from = start + end.max(4);
        }
        Arns { found }
    }

    /// The ARNs that start inside `range` of the text, in order.
    pub(crate) fn within(&self, range: std::ops::Range<usize>) -> &[(usize, &'t str)] {
        let first = self.found.partition_point(|(at, _)| *at < range.start);
        let last = self.found.partition_point(|(at, _)| *at < range.end);
        &self.found[first..last]
    }

    /// Every ARN.
    pub(crate) fn all(&self) -> &[(usize, &'t str)] {
        &self.found
    }
}

/// Where an ARN at the start of `tail` ends: at white space, a quote or closing
/// punctuation — but a placeholder people put inside one (`<account id>`, `[redacted]`,
/// `{ACCOUNT_ID}`) is read over, spaces and all, so the parts around it still count.
fn arn_end(tail: &str) -> usize {
    let mut chars = tail.char_indices();
    while let Some((at, c)) = chars.next() {
        let close = match c {
            '<' => '>',
            '[' => ']',
            '{' => '}',
            c if c.is_whitespace()
                || matches!(c, '"' | '\'' | '`' | '(' | ')' | ']' | '>' | ';') =>
            {
                return at;
            }
            _ => continue,
        };
        match tail[at..]
            .char_indices()
            .take(40)
            .find(|&(_, d)| d == close)
        {
            Some((length, _)) => {
                // Skip to the closing mark.
                while chars.next().is_some_and(|(next, _)| next < at + length) {}
            }
            None => return at,
        }
    }
    tail.len()
}

/// An ARN split into its parts, each validated on its own: a redacted account leaves the
/// region usable.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArnParts<'t> {
    pub partition: Option<&'static Partition>,
    pub service: &'t str,
    pub region: Option<Region>,
    pub account: Option<&'t str>,
    pub resource: &'t str,
    /// Every part is valid and nothing in it is a placeholder: it may be quoted in a
    /// command and put in a policy.
    pub whole: bool,
}

pub(crate) fn arn_parts(arn: &str) -> Option<ArnParts<'_>> {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    // An ARN cut off after its account has no resource, and is never whole.
    let resource = parts.next().unwrap_or_default();
    let partition_ok = Partition::by_id(partition);
    let region_ok = Region::lookup(region);
    let account_ok = account_id(account);
    let whole = partition_ok.is_some()
        && (region.is_empty() || region_ok.is_some())
        && (account.is_empty() || account_ok.is_some())
        && !service.is_empty()
        && service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !resource.is_empty()
        && resource
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"<>{}[]$`'\"\\|;&".contains(&b))
        && !is_placeholder(resource);
    Some(ArnParts {
        partition: partition_ok,
        service,
        region: region_ok,
        account: account_ok,
        resource,
        whole,
    })
}

/// An AWS account: twelve digits.
pub(crate) fn account_id(text: &str) -> Option<&str> {
    (text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

/// A role name IAM accepts (letters, digits and `+=,.@_-`, up to 64), and not a
/// placeholder.
pub(crate) fn role_name(text: &str) -> Option<&str> {
    let valid = (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b));
    (valid && !is_placeholder(text)).then_some(text)
}

/// An action, `service:Name`: the service in lower case, the name letters, digits or `*`.
pub(crate) fn action(text: &str) -> Option<&str> {
    let (service, name) = text.split_once(':')?;
    let valid = !service.is_empty()
        && service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'*');
    valid.then_some(text)
}

/// A Parameter Store name or a secret name as the task definition gives it: letters,
/// digits and `/_.+=@!-`, and not a placeholder.
pub(crate) fn resource_name(text: &str) -> Option<&str> {
    let valid = (1..=2048).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_.+=@!-".contains(&b));
    (valid && !is_placeholder(text)).then_some(text)
}

/// What people write where they redacted a value: `redacted`, `REMOVED`, a run of `x`s,
/// `account_id`, `your-…`.
pub(crate) fn is_placeholder(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    // An account with its last digits crossed out (`1234567890XX`).
    let crossed_out = lower.ends_with("xx")
        && lower.bytes().any(|b| b.is_ascii_digit())
        && lower.bytes().all(|b| b.is_ascii_digit() || b == b'x');
    crossed_out
        // Six crossed-out characters in a row: a random six-character suffix has them
        // about once in a billion.
        || [
            "redact",
            "removed",
            "xxxxxx",
            "account_id",
            "accountid",
            "account-id",
            "your-",
            "your_",
        ]
        .iter()
        .any(|mark| lower.contains(mark))
}

/// The word after `marker` in `text` (the first occurrence, found without regard to
/// case), without the punctuation that closes a sentence around it.
pub(crate) fn word_after<'t>(text: &'t str, lower: &str, marker: &str) -> Option<&'t str> {
    let at = lower.find(marker)? + marker.len();
    let word = text.get(at..)?.split_whitespace().next()?;
    // Quotes, brackets and the punctuation that closes a sentence, in any order around it
    // (`'arn:…'`, `arn:…",` out of JSON).
    Some(word.trim_matches(|c: char| {
        matches!(
            c,
            '\'' | '"' | '`' | '(' | ')' | '[' | ']' | '.' | ',' | ';' | ':'
        )
    }))
}

/// The region of an AWS host in the text (`api.ecr.us-east-2.amazonaws.com`,
/// `476593617425.dkr.ecr.eu-west-1.amazonaws.com`, an anonymised
/// `12345678-eu-west-1.amazonaws.com`), and the account of an ECR registry's.
pub(crate) fn ecr_host(text: &str) -> (Option<Region>, Option<&str>) {
    let region = text.match_indices(".amazonaws.com").find_map(|(at, _)| {
        let host = text[..at]
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .next()?;
        let label = host.rsplit('.').next()?;
        // The label itself, or its end after a dash (`12345678-eu-west-1`).
        Region::lookup(label).or_else(|| {
            label
                .match_indices('-')
                .find_map(|(dash, _)| Region::lookup(&label[dash + 1..]))
        })
    });
    let account = text.find(".dkr.ecr.").and_then(|at| {
        text[..at]
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(account_id)
    });
    (region, account)
}

/// The role of an `assumed-role/<name>/…` session anywhere in the text, validated: found
/// even where a redaction broke the ARN around it.
pub(crate) fn session_role(text: &str) -> Option<&str> {
    text.match_indices("assumed-role/")
        .find_map(|(at, marker)| {
            text[at + marker.len()..]
                .split(|c: char| c == '/' || c.is_whitespace())
                .next()
                .and_then(role_name)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redacted_account_leaves_the_region_and_spoils_the_whole() {
        let parts = arn_parts("arn:aws:secretsmanager:eu-central-1:account_id:secret:db-EaPYTy")
            .expect("an ARN");
        assert_eq!(parts.region.map(Region::code), Some("eu-central-1"));
        assert_eq!(parts.account, None);
        assert!(!parts.whole);
        let parts = arn_parts("arn:aws:secretsmanager:eu-central-1:123456789012:secret:db-EaPYTy")
            .expect("an ARN");
        assert!(parts.whole);
    }

    #[test]
    fn placeholders_are_never_values() {
        for text in [
            "<account>",
            "xxxxxxxxxxxx",
            "{ACCOUNT_ID}",
            "[redacted]",
            "REDACTED",
            "1234567890XX",
        ] {
            assert_eq!(account_id(text), None, "{text}");
            assert_eq!(role_name(text), None, "{text}");
        }
        assert_eq!(role_name("xxxxxxxxx-20230829123820229200000006"), None);
        assert_eq!(
            role_name("ecs.task.minecraft-server"),
            Some("ecs.task.minecraft-server")
        );
    }

    #[test]
    fn a_placeholder_inside_an_arn_is_read_over() {
        let text = "User: arn:aws:sts::<account id>:assumed-role/app-ExecutionRole/f83 is not";
        let arns = Arns::scan(text);
        assert_eq!(
            arns.all()[0].1,
            "arn:aws:sts::<account id>:assumed-role/app-ExecutionRole/f83"
        );
        let arns =
            Arns::scan("on arn:aws:logs:eu-central-1:[redacted]:log-group:[x]:log-stream: because");
        assert_eq!(
            arns.all()[0].1,
            "arn:aws:logs:eu-central-1:[redacted]:log-group:[x]:log-stream"
        );
    }

    #[test]
    fn shell_metacharacters_spoil_an_arn() {
        let parts =
            arn_parts("arn:aws:secretsmanager:eu-west-1:123456789012:secret:a$(curl)-AbCdEf")
                .expect("an ARN");
        assert!(!parts.whole);
    }

    #[test]
    fn ecr_hosts_name_their_region_and_account() {
        let (region, account) =
            ecr_host("manifest for 476593617425.dkr.ecr.eu-west-1.amazonaws.com/repo:latest");
        assert_eq!(region.map(Region::code), Some("eu-west-1"));
        assert_eq!(account, Some("476593617425"));
        let (region, account) = ecr_host("Post \"https://api.ecr.us-east-2.amazonaws.com/\"");
        assert_eq!(region.map(Region::code), Some("us-east-2"));
        assert_eq!(account, None);
    }

    #[test]
    fn arns_are_found_once_and_looked_up_by_place() {
        let text =
            "a arn:aws:iam::123456789012:role/x; b arn:aws:ssm:eu-west-1:123456789012:parameter/p";
        let arns = Arns::scan(text);
        assert_eq!(arns.all().len(), 2);
        assert_eq!(arns.within(0..34).len(), 1);
        assert_eq!(
            arns.within(34..text.len())[0].1,
            "arn:aws:ssm:eu-west-1:123456789012:parameter/p"
        );
    }
}
