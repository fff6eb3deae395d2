//! The issuer field against what people really pasted for it (`tests/data/real/eks-issuers.json`,
//! each verbatim with its source): every real issuer URL and provider ARN is read to the
//! host/path, partition, region, ID and account the corpus records, and every other thing —
//! API server endpoints, cluster ARNs, JWKS URIs, CloudTrail principals, condition keys,
//! documentation placeholders and redactions — is refused, the endpoint and the cluster ARN
//! by name.

#[path = "support/cases.rs"]
mod cases;

use cases::codes;
use iam_policy_core::{Request, build};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct Entry {
    text: String,
    source: String,
    kind: String,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    accepted: bool,
    partition: Option<String>,
    region: Option<String>,
    account: Option<String>,
    id: Option<String>,
    issuer: Option<String>,
}

fn corpus() -> Vec<Entry> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real/eks-issuers.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("the corpus")).expect("entries")
}

#[test]
fn every_real_issuer_is_read_and_every_other_paste_refused() {
    let entries = corpus();
    assert!(entries.len() >= 20);
    for entry in entries {
        let what = format!("{} ({}): {}", entry.source, entry.kind, entry.text);
        let expect = &entry.expect;
        let request: Request = serde_json::from_value(json!({
            "platform": "eks",
            // The form's own account and region agree with the text's, so the only problems
            // left are the issuer's.
            "account": expect.account.clone().unwrap_or_else(|| "123456789012".to_owned()),
            "region": expect.region.clone().unwrap_or_else(|| "us-east-1".to_owned()),
            "oidcIssuer": entry.text,
            "secrets": ["matillion/agent"],
        }))
        .expect("a request");
        let response = build(&request);
        let codes = codes(&response);
        let issuer_errors: Vec<&String> = codes
            .iter()
            .filter(|c| c.starts_with("oidc-") && !c.ends_with("from-arn"))
            .collect();
        if !expect.accepted {
            let wanted = match entry.kind.as_str() {
                "api-endpoint" => "oidc-issuer-api-endpoint",
                "cluster-arn" => "oidc-issuer-cluster-arn",
                _ => "oidc-issuer-invalid",
            };
            assert_eq!(issuer_errors, [wanted], "{what}");
            assert!(response.target.issuer.is_none(), "{what}");
            continue;
        }
        assert!(issuer_errors.is_empty(), "{what}: {codes:?}");
        let issuer = response.target.issuer.as_deref().expect("read");
        assert_eq!(Some(issuer), expect.issuer.as_deref(), "{what}");
        if let Some(id) = &expect.id {
            assert!(issuer.ends_with(&format!("/id/{id}")), "{what}");
        }
        assert_eq!(
            Some(response.target.partition),
            expect.partition.as_deref(),
            "{what}"
        );
        let trust: Value = serde_json::to_value(&response.documents[0].policy).expect("JSON");
        let provider = trust["Statement"][0]["Principal"]["Federated"]
            .as_str()
            .expect("a provider");
        let account = expect.account.as_deref().unwrap_or("123456789012");
        assert_eq!(
            provider,
            format!(
                "arn:{}:iam::{account}:oidc-provider/{issuer}",
                response.target.partition
            ),
            "{what}"
        );
        assert_eq!(
            codes.contains(&"oidc-issuer-from-arn".to_owned()),
            entry.kind == "provider-arn",
            "{what}"
        );
    }
}
