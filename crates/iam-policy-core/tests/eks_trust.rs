//! The runner role's trust policy, evaluated as IAM would for the requests pods make: for
//! every EKS golden request, each listed service account may assume the role, and a
//! service account of another namespace, another name, another cluster's provider or
//! another audience may not — unless the person typed the wildcard that lets it, or pasted
//! a policy that has one, which the response then says on the document. The evaluator (support/trust_eval.rs) shares no
//! code with the core.

#[path = "support/cases.rs"]
mod cases;
#[path = "support/trust_eval.rs"]
mod trust_eval;

use cases::{codes, golden_texts};
use iam_policy_core::{Request, Response, build};
use serde_json::Value;
use std::collections::BTreeMap;
use trust_eval::{Ask, Caller, Decision, decide, glob, web_identity};

/// The EKS golden requests (`eks-*.request.json`), read, and as the JSON they are.
fn eks_golden_requests() -> Vec<(String, Request, Value)> {
    let found: Vec<_> = golden_texts()
        .into_iter()
        .filter(|(name, _)| name.starts_with("eks-"))
        .map(|(name, text)| {
            let request = serde_json::from_str(&text).expect("a request");
            let raw = serde_json::from_str(&text).expect("JSON");
            (name, request, raw)
        })
        .collect();
    assert!(found.len() >= 6, "the EKS golden requests");
    found
}

fn trust(response: &Response) -> Value {
    let document = response
        .documents
        .iter()
        .find(|d| d.id.as_str() == "runner-role-trust-policy")
        .expect("the runner's trust policy");
    serde_json::to_value(&document.policy).expect("serialises")
}

/// The namespace and service accounts the request names (the defaults when it names none).
fn subjects(raw: &Value) -> (String, Vec<String>) {
    let namespace = raw["kubernetesNamespace"]
        .as_str()
        .unwrap_or("matillion")
        .to_owned();
    let accounts = raw["serviceAccounts"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_else(|| vec!["matillion-runner-sa".to_owned()]);
    (namespace, accounts)
}

#[test]
fn each_listed_service_account_may_assume_the_runner_role_and_no_other() {
    let mut checked = 0;
    for (name, request, raw) in eks_golden_requests() {
        let response = build(&request);
        if response.has_errors() || raw["eksCredentials"] == "pod-identity" {
            continue;
        }
        let policy = trust(&response);
        let statement = &policy["Statement"][0];
        let provider = statement["Principal"]["Federated"]
            .as_str()
            .expect("a provider")
            .to_owned();
        let issuer = provider
            .split_once(":oidc-provider/")
            .expect("a provider ARN")
            .1
            .to_owned();
        let (namespace, accounts) = subjects(&raw);
        let concrete = |pattern: &str| pattern.replace('*', "x").replace('?', "y");
        for account in &accounts {
            let subject = format!(
                "system:serviceaccount:{}:{}",
                concrete(&namespace),
                concrete(account)
            );
            let ask = web_identity(&provider, &issuer, &subject, "sts.amazonaws.com");
            assert_eq!(
                decide(&policy, &ask),
                Decision::Allowed,
                "{name}: {subject}"
            );
            // Another cluster (another provider), another audience: never.
            let other_provider = provider.replace("/id/", "/id/0");
            let other_issuer = issuer.replace("/id/", "/id/0");
            let elsewhere = web_identity(
                &other_provider,
                &other_issuer,
                &subject,
                "sts.amazonaws.com",
            );
            assert_eq!(
                decide(&policy, &elsewhere),
                Decision::ImplicitlyDenied,
                "{name}: another cluster"
            );
            for audience in [
                "sts.amazon.com",
                "sts.amazonaws.com.cn",
                "pods.eks.amazonaws.com",
            ] {
                let ask = web_identity(&provider, &issuer, &subject, audience);
                assert_eq!(
                    decide(&policy, &ask),
                    Decision::ImplicitlyDenied,
                    "{name}: {audience}"
                );
            }
            // The same action by other means: an ECS task, a role of the account.
            let by_service = Ask {
                caller: Caller::Service("ecs-tasks.amazonaws.com"),
                action: "sts:AssumeRole",
                context: BTreeMap::new(),
            };
            assert_eq!(
                decide(&policy, &by_service),
                Decision::ImplicitlyDenied,
                "{name}"
            );
        }
        // A subject of another namespace, or another name in the namespace: only when the
        // person typed a wildcard that lets it, and then the response says so on the card.
        for (subject, wildcard_code) in [
            (
                format!(
                    "system:serviceaccount:kube-system:{}",
                    concrete(&accounts[0])
                ),
                "kubernetes-namespace-wildcard",
            ),
            (
                format!("system:serviceaccount:{}:default", concrete(&namespace)),
                "service-account-wildcard",
            ),
        ] {
            let ask = web_identity(&provider, &issuer, &subject, "sts.amazonaws.com");
            let allowed = decide(&policy, &ask) == Decision::Allowed;
            let typed = if wildcard_code == "kubernetes-namespace-wildcard" {
                glob(&namespace, "kube-system")
            } else {
                accounts.iter().any(|a| glob(a, "default"))
            };
            // A pattern in a pasted policy is kept as written, and said on the document.
            let pasted_pattern = codes(&response)
                .iter()
                .any(|c| c == "web-identity-trust-too-broad");
            assert!(!typed || allowed, "{name}: {subject} refused, though typed");
            assert!(
                !allowed || typed || pasted_pattern,
                "{name}: {subject} let in"
            );
            if allowed && !pasted_pattern {
                assert!(
                    codes(&response).iter().any(|c| c == wildcard_code),
                    "{name}: {subject} allowed unsaid"
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} IRSA requests were evaluated");
}

#[test]
fn pod_identity_lets_the_eks_auth_service_in_only_for_the_listed_service_accounts() {
    let mut checked = 0;
    for (name, request, raw) in eks_golden_requests() {
        if raw["eksCredentials"] != "pod-identity" {
            continue;
        }
        let response = build(&request);
        let policy = trust(&response);
        let (namespace, accounts) = subjects(&raw);
        let cluster_arn = raw["clusterName"].as_str().map(|cluster| {
            format!(
                "arn:{}:eks:{}:{}:cluster/{cluster}",
                response.target.partition,
                response.target.region.expect("a region"),
                response.target.account.as_deref().expect("an account")
            )
        });
        let tags = |ns: &str, sa: &str, cluster: Option<&str>| {
            let mut context = BTreeMap::from([
                (
                    "aws:RequestTag/kubernetes-namespace".to_owned(),
                    ns.to_owned(),
                ),
                (
                    "aws:RequestTag/kubernetes-service-account".to_owned(),
                    sa.to_owned(),
                ),
            ]);
            if let Some(cluster) = cluster {
                context.insert(
                    "aws:RequestTag/eks-cluster-arn".to_owned(),
                    cluster.to_owned(),
                );
            }
            context
        };
        for action in ["sts:AssumeRole", "sts:TagSession"] {
            let ask = |context| Ask {
                caller: Caller::Service("pods.eks.amazonaws.com"),
                action,
                context,
            };
            for account in &accounts {
                let cluster = cluster_arn
                    .as_deref()
                    .or(Some("arn:aws:eks:eu-west-1:123456789012:cluster/any"));
                assert_eq!(
                    decide(&policy, &ask(tags(&namespace, account, cluster))),
                    Decision::Allowed,
                    "{name}: {action} {account}"
                );
                assert_eq!(
                    decide(&policy, &ask(tags("kube-system", account, cluster))),
                    Decision::ImplicitlyDenied,
                    "{name}: other namespace"
                );
                if let Some(arn) = &cluster_arn {
                    let other = arn.replace(":cluster/", ":cluster/other-");
                    assert_eq!(
                        decide(&policy, &ask(tags(&namespace, account, Some(&other)))),
                        Decision::ImplicitlyDenied,
                        "{name}: other cluster"
                    );
                }
            }
            assert_eq!(
                decide(
                    &policy,
                    &ask(tags(&namespace, "default", cluster_arn.as_deref()))
                ),
                Decision::ImplicitlyDenied,
                "{name}: other service account"
            );
            // Web identity is not how Pod Identity assumes: never allowed.
            let web = Ask {
                caller: Caller::Federated("arn:aws:iam::123456789012:oidc-provider/x"),
                action: "sts:AssumeRoleWithWebIdentity",
                context: BTreeMap::new(),
            };
            assert_eq!(decide(&policy, &web), Decision::ImplicitlyDenied, "{name}");
        }
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn the_test_evaluators_glob_is_iams() {
    assert!(glob(
        "system:serviceaccount:*:sa",
        "system:serviceaccount:ns:sa"
    ));
    assert!(glob("a?c", "abc"));
    assert!(!glob("a?c", "ac"));
    assert!(!glob(
        "system:serviceaccount:ns:sa",
        "system:serviceaccount:ns:sa2"
    ));
    assert!(glob("*", ""));
}
