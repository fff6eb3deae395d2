//! The form in a URL fragment, for the "Copy link" button. A fragment never reaches a
//! server: browsers do not send it with the request.

use crate::form_input::FormInput;
use iam_policy_core::SecretScope;

/// Marks a fragment as ours, so a plain `#section` anchor is never read as a form.
const MARKER: &str = "ipb=1";

/// `FormInput` → `ipb=1&account=…&region=…`, listing only what differs from the defaults.
pub fn encode(input: &FormInput) -> String {
    let defaults = FormInput::default();
    let flag = |on: bool| if on { "1" } else { "0" }.to_owned();
    let scope = match input.secret_scope {
        SecretScope::Listed => "listed",
        SecretScope::Prefix => "prefix",
        SecretScope::Region => "region",
        SecretScope::All => "all",
    };
    let pairs = [
        (
            "account",
            input.account.clone(),
            input.account != defaults.account,
        ),
        (
            "region",
            input.region.clone(),
            input.region != defaults.region,
        ),
        (
            "secrets",
            input.secrets.clone(),
            input.secrets != defaults.secrets,
        ),
        (
            "scope",
            scope.to_owned(),
            input.secret_scope != defaults.secret_scope,
        ),
        (
            "prefix",
            input.secret_prefix.clone(),
            input.secret_prefix != defaults.secret_prefix,
        ),
        (
            "ec2",
            flag(input.ec2_principal),
            input.ec2_principal != defaults.ec2_principal,
        ),
        (
            "conditions",
            flag(input.source_conditions),
            input.source_conditions != defaults.source_conditions,
        ),
        (
            "kms",
            input.kms_keys.clone(),
            input.kms_keys != defaults.kms_keys,
        ),
        (
            "parameters",
            input.parameters.clone(),
            input.parameters != defaults.parameters,
        ),
        (
            "task",
            flag(input.task_role_policy),
            input.task_role_policy != defaults.task_role_policy,
        ),
        (
            "runtime",
            input.runtime_secrets.clone(),
            input.runtime_secrets != defaults.runtime_secrets,
        ),
        (
            "buckets",
            input.staging_buckets.clone(),
            input.staging_buckets != defaults.staging_buckets,
        ),
    ];
    let mut out = MARKER.to_owned();
    for (key, value, differs) in pairs {
        if differs {
            out.push('&');
            out.push_str(key);
            out.push('=');
            out.push_str(&percent_encode(&value));
        }
    }
    out
}

/// The form a fragment holds (with or without its `#`), or `None` when it is not ours.
pub fn decode(fragment: &str) -> Option<FormInput> {
    let mut pairs = fragment.strip_prefix('#').unwrap_or(fragment).split('&');
    if pairs.next() != Some(MARKER) {
        return None;
    }
    let mut input = FormInput::default();
    for pair in pairs {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "account" => input.account = value,
            "region" => input.region = value,
            "secrets" => input.secrets = value,
            "scope" => {
                input.secret_scope = match value.as_str() {
                    "prefix" => SecretScope::Prefix,
                    "region" => SecretScope::Region,
                    "all" => SecretScope::All,
                    _ => SecretScope::Listed,
                }
            }
            "prefix" => input.secret_prefix = value,
            "ec2" => input.ec2_principal = value != "0",
            "conditions" => input.source_conditions = value == "1",
            "kms" => input.kms_keys = value,
            "parameters" => input.parameters = value,
            "task" => input.task_role_policy = value == "1",
            "runtime" => input.runtime_secrets = value,
            "buckets" => input.staging_buckets = value,
            // A newer version's fields are ignored rather than refused.
            _ => {}
        }
    }
    Some(input)
}

/// Everything but letters, digits and `-_.~/:@` as UTF-8 `%XX`, so names such as
/// `matillion/agent` stay readable in the link.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The inverse of [`percent_encode`]; a malformed `%` sequence is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_survives_the_round_trip() {
        let input = FormInput {
            account: "1234-5678-9012".into(),
            region: "eu-west-1".into(),
            secrets: "matillion/agent\nprod/db & more=100%\n名前".into(),
            secret_scope: SecretScope::Prefix,
            secret_prefix: "prod/".into(),
            ec2_principal: false,
            source_conditions: true,
            kms_keys: "1234abcd-12ab-34cd-56ef-1234567890ab".into(),
            parameters: "/a/b".into(),
            task_role_policy: true,
            runtime_secrets: "x".into(),
            staging_buckets: "s3://b/c/".into(),
        };
        assert_eq!(decode(&format!("#{}", encode(&input))), Some(input));
    }

    #[test]
    fn defaults_are_left_out_and_names_stay_readable() {
        let input = FormInput {
            account: "123456789012".into(),
            secrets: "matillion/agent".into(),
            ..FormInput::default()
        };
        assert_eq!(
            encode(&input),
            "ipb=1&account=123456789012&secrets=matillion/agent"
        );
    }

    #[test]
    fn other_fragments_are_not_forms() {
        assert_eq!(decode("#usage"), None);
        assert_eq!(decode(""), None);
    }

    #[test]
    fn malformed_escapes_are_kept_as_written() {
        assert_eq!(
            decode("ipb=1&account=12%zz%4").map(|f| f.account),
            Some("12%zz%4".to_owned())
        );
    }
}
