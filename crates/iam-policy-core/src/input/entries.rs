//! Pasted lists split into their entries.

/// Splits pasted text into entries: one per line or comma (neither can be part of a secret
/// name), without blank entries, surrounding quotes or trailing commas. A pasted ECS task
/// definition `secrets` block gives the ARNs of its `valueFrom` fields.
///
/// ```
/// assert_eq!(
///     iam_policy_core::input::split_secret_list("\"prod/db\",\n  matillion/agent \n\n"),
///     ["prod/db", "matillion/agent"]
/// );
/// assert_eq!(
///     iam_policy_core::input::split_secret_list(r#"[{"name": "CLIENT_ID", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:agent-AbC123:client_id::"}]"#),
///     ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:agent-AbC123:client_id::"]
/// );
/// ```
pub fn split_secret_list(text: &str) -> Vec<String> {
    if text.contains("\"valueFrom\"") {
        return value_from_fields(text);
    }
    text.split(['\n', ',', '\r'])
        .map(|entry| entry.trim().trim_matches(['"', '\'']).trim())
        .filter(|entry| !entry.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The string after each `"valueFrom":`, without parsing the rest: a pasted fragment of a
/// task definition is rarely valid JSON on its own.
fn value_from_fields(text: &str) -> Vec<String> {
    text.split("\"valueFrom\"")
        .skip(1)
        .filter_map(|rest| {
            let value = rest
                .trim_start()
                .strip_prefix(':')?
                .trim_start()
                .strip_prefix('"')?;
            Some(value[..value.find('"')?].trim().to_owned())
        })
        .filter(|value| !value.is_empty())
        .collect()
}
