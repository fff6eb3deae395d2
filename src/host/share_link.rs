//! The form in a URL fragment, for the "Copy link" button. A fragment never reaches a
//! server: browsers do not send it with the request. It does reach the browser's history
//! (as any address visited) once the link is opened, and any chat it is pasted into, so a
//! link carries what was pasted (policies, an ECS error) only when the person asks, and
//! says what it carries.

use iam_policy_core::input::Field;
use iam_policy_core::input::fields::{FIELDS, Kind};
use iam_policy_core::view::FormInput;

/// Marks a fragment as ours, so a plain `#section` anchor is never read as a form.
const MARKER: &str = "ipb=1";

/// The fields that hold pasted text, with what the link calls each: whole policies and
/// error messages, which may name other roles, accounts and secrets than the form does.
const PASTED: &[(Field, &str)] = &[
    (Field::EcsError, "the pasted ECS error"),
    (Field::ExistingTrustPolicy, "the pasted trust policy"),
    (Field::ExistingSecretsPolicy, "the pasted secrets policy"),
    (Field::EksError, "the pasted EKS error"),
    (
        Field::ExistingRunnerTrustPolicy,
        "the pasted runner trust policy",
    ),
];

/// What each pasted text the form holds is called ("the pasted ECS error"), in the
/// form's order; empty when nothing was pasted.
pub fn pasted(input: &FormInput) -> Vec<&'static str> {
    PASTED
        .iter()
        .filter(|(field, _)| !input.text(*field).is_empty())
        .map(|(_, what)| *what)
        .collect()
}

/// What a link to `input` holds, as the status and the note under the button say it:
/// "It contains what you entered, including your account ID and the pasted trust policy.
/// It leaves out the pasted ECS error."
pub fn contents(input: &FormInput, with_pasted: bool) -> String {
    let mut named = Vec::new();
    if !input.text(Field::Account).is_empty() {
        named.push("your account ID");
    }
    let pasted = pasted(input);
    if with_pasted {
        named.extend(&pasted);
    }
    let mut out = "It contains what you entered".to_owned();
    if !named.is_empty() {
        out.push_str(", including ");
        out.push_str(&and_list(&named));
    }
    out.push('.');
    if !with_pasted && !pasted.is_empty() {
        out.push_str(" It leaves out ");
        out.push_str(&and_list(&pasted));
        out.push('.');
    }
    out
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Whether two forms have the same text in every field (which fields were left aside):
/// what a link to either would restore.
pub fn same_form(a: &FormInput, b: &FormInput) -> bool {
    FIELDS
        .iter()
        .all(|def| a.text(def.field) == b.text(def.field))
}

/// `FormInput` → `ipb=1&account=…&region=…`, listing only what differs from the defaults,
/// each under its field's link key, and the pasted texts only `with_pasted`. Switches are
/// `1` or `0`, as links have always had them.
pub fn encode(input: &FormInput, with_pasted: bool) -> String {
    let mut out = MARKER.to_owned();
    let left_out = |field: Field| !with_pasted && PASTED.iter().any(|(f, _)| *f == field);
    for (def, text) in input.changed().filter(|(def, _)| !left_out(def.field)) {
        out.push('&');
        out.push_str(def.link);
        out.push('=');
        match def.kind() {
            Kind::Switch => out.push_str(if input.switch(def.field) { "1" } else { "0" }),
            _ => out.push_str(&percent_encode(text)),
        }
    }
    out
}

/// The form a fragment holds (with or without its `#`), or `None` when it is not ours.
/// Keys it does not know (a newer version's fields) and values a field cannot take are
/// ignored rather than refused: a link is read as far as it can be.
pub fn decode(fragment: &str) -> Option<FormInput> {
    let mut pairs = fragment.strip_prefix('#').unwrap_or(fragment).split('&');
    if pairs.next() != Some(MARKER) {
        return None;
    }
    let texts: Vec<_> = pairs
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let def = FIELDS.iter().find(|def| def.link == key)?;
            let value = percent_decode(value);
            let text = match def.kind() {
                // `0` off, `1` on; older links wrote nothing else.
                Kind::Switch => match value.as_str() {
                    "0" => "false".to_owned(),
                    "1" => "true".to_owned(),
                    _ => value,
                },
                _ => value,
            };
            Some((def.field, text))
        })
        .collect();
    let (input, _refused) =
        FormInput::starting_with(texts.iter().map(|(field, text)| (*field, text.as_str())));
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
    use iam_policy_core::input::Field;

    fn form(texts: &[(Field, &str)]) -> FormInput {
        let (form, refused) = FormInput::starting_with(texts.iter().copied());
        assert!(refused.is_empty(), "{refused:?}");
        form
    }

    #[test]
    fn a_form_survives_the_round_trip() {
        let input = form(&[
            (Field::Account, "1234-5678-9012"),
            (Field::Region, "eu-west-1"),
            (Field::Secrets, "matillion/agent\nprod/db & more=100%\n名前"),
            (Field::SecretScope, "prefix"),
            (Field::SecretPrefix, "prod/"),
            (Field::Ec2Principal, "false"),
            (Field::SourceConditions, "true"),
            (Field::KmsKeys, "1234abcd-12ab-34cd-56ef-1234567890ab"),
            (Field::Parameters, "/a/b"),
            (Field::TaskRolePolicy, "true"),
            (Field::RuntimeSecrets, "x"),
            (Field::StagingBuckets, "s3://b/c/"),
        ]);
        let decoded = decode(&format!("#{}", encode(&input, true))).expect("ours");
        for def in FIELDS {
            assert_eq!(
                decoded.text(def.field),
                input.text(def.field),
                "{}",
                def.name
            );
        }
    }

    /// A link written before the form moved into the core's field table, by the page
    /// then: every key and both switch spellings still read the same.
    #[test]
    fn links_made_before_the_field_table_still_open() {
        let old = "#ipb=1&account=1234-5678-9012&region=eu-west-1&secrets=matillion/agent%0Aprod/db&scope=prefix&prefix=prod/&ec2=0&conditions=1&kms=1234abcd-12ab-34cd-56ef-1234567890ab&parameters=/a/b&task=1&runtime=x&buckets=s3://b/c/";
        let input = decode(old).expect("ours");
        let request = input.request();
        assert_eq!(request.account, "1234-5678-9012");
        assert_eq!(request.secrets, ["matillion/agent", "prod/db"]);
        assert_eq!(
            request.secret_scope,
            iam_policy_core::input::SecretScope::Prefix
        );
        assert_eq!(request.secret_prefix, "prod/");
        assert!(!request.ec2_principal);
        assert!(request.source_conditions);
        assert_eq!(request.kms_keys, ["1234abcd-12ab-34cd-56ef-1234567890ab"]);
        assert_eq!(request.parameters, ["/a/b"]);
        assert!(request.task_role_policy);
        assert_eq!(request.runtime_secrets, ["x"]);
        assert_eq!(request.staging_buckets, ["s3://b/c/"]);
        // And the page writes the same link for it again.
        assert_eq!(format!("#{}", encode(&input, true)), old);
    }

    #[test]
    fn defaults_are_left_out_and_names_stay_readable() {
        let input = form(&[
            (Field::Account, "123456789012"),
            (Field::Secrets, "matillion/agent"),
        ]);
        assert_eq!(
            encode(&input, false),
            "ipb=1&account=123456789012&secrets=matillion/agent"
        );
    }

    /// Issue 25 item 5: pasted policies and ECS errors went into every link, while the
    /// page said only that it held the account ID.
    #[test]
    fn pasted_texts_go_into_a_link_only_when_asked_and_the_link_says_so() {
        let input = form(&[
            (Field::Account, "123456789012"),
            (Field::EcsError, "ResourceInitializationError: …"),
            (Field::ExistingTrustPolicy, "{\"Version\": \"2012-10-17\"}"),
        ]);
        let without = decode(&encode(&input, false)).expect("ours");
        assert_eq!(without.text(Field::Account), "123456789012");
        assert_eq!(without.text(Field::EcsError), "");
        assert_eq!(without.text(Field::ExistingTrustPolicy), "");
        assert_eq!(
            contents(&input, false),
            "It contains what you entered, including your account ID. It leaves out the pasted ECS error and the pasted trust policy."
        );
        let with = decode(&encode(&input, true)).expect("ours");
        assert!(same_form(&with, &input));
        assert_eq!(
            contents(&input, true),
            "It contains what you entered, including your account ID, the pasted ECS error and the pasted trust policy."
        );
        assert_eq!(
            contents(&FormInput::default(), false),
            "It contains what you entered."
        );
    }

    /// A link to the EKS form opens the EKS form: the platform, the cluster's fields and
    /// the runner role's, and the core shows the cluster's part of the form again.
    #[test]
    fn a_link_with_platform_eks_reopens_the_eks_form() {
        use iam_policy_core::build;
        use iam_policy_core::view::{Screen, View};
        let input = form(&[
            (Field::Platform, "eks"),
            (Field::Account, "123456789012"),
            (Field::Region, "eu-west-1"),
            (
                Field::OidcIssuer,
                "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
            ),
            (Field::KubernetesNamespace, "data"),
            (
                Field::ServiceAccounts,
                "matillion-runner-sa
matillion-runner-script-runner-sa",
            ),
            (Field::ClusterName, "prod"),
            (Field::RunnerRoleName, "data-runner-role"),
        ]);
        let link = encode(&input, false);
        assert!(link.starts_with("ipb=1&platform=eks&account="), "{link}");
        let opened = decode(&format!("#{link}")).expect("ours");
        assert!(same_form(&opened, &input));
        let screen = Screen::of(&opened, &build(opened.request()), &View::default());
        assert_eq!(
            screen.platform_choice.map(|choice| choice.chosen),
            Some("eks")
        );
        assert_eq!(
            screen.cluster.map(|cluster| cluster.fields),
            Some(vec![
                Field::OidcIssuer,
                Field::KubernetesNamespace,
                Field::ServiceAccounts,
                Field::ClusterName
            ])
        );
        // And Pod Identity, by its own key.
        let pod = decode("#ipb=1&platform=eks&eksauth=pod-identity").expect("ours");
        assert_eq!(pod.text(Field::EksCredentials), "pod-identity");
    }

    #[test]
    fn other_fragments_are_not_forms() {
        assert_eq!(decode("#usage"), None);
        assert_eq!(decode(""), None);
    }

    #[test]
    fn malformed_escapes_and_values_are_kept_or_skipped_never_refused() {
        let input =
            decode("ipb=1&account=12%zz%4&scope=everything&ec2=maybe&future=1").expect("ours");
        assert_eq!(input.text(Field::Account), "12%zz%4");
        assert_eq!(input.scope(), iam_policy_core::input::SecretScope::Listed);
        assert!(input.switch(Field::Ec2Principal));
    }
}
