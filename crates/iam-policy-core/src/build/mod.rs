//! The one entry point, [`build()`]: the form read, the ECS error applied, the documents
//! built, the pasted policies merged or fixed into them, every document checked, and the
//! [`Response`] every host gets.

pub(crate) mod apply;
pub mod response;

pub use response::{Access, Response, Target};

use crate::aws::region;
use crate::documents;
use crate::input::request::Platform;
use crate::input::{Problem, Request, fields};
use crate::model::DocumentId;
use crate::read::{ecs_error, eks_error, existing, form};
use crate::text::glob;

/// Builds every document the request allows and reports every problem found.
pub fn build(request: &Request) -> Response {
    if request.platform == Platform::Eks {
        return build_eks(request);
    }
    if request.ecs_error.trim().is_empty() {
        return build_with(request, Vec::new());
    }
    // The fields the form leaves empty come from the error; the problems say which.
    let diagnosis = ecs_error::diagnose(&request.ecs_error);
    let (fills, notes) = ecs_error::fill(request, &diagnosis);
    let mut filled;
    let effective = if fills.is_empty() {
        request
    } else {
        filled = request.clone();
        for value in &fills {
            // Every filled field is a text or a list, which takes any text.
            let _ = fields::def(value.field).set(&mut filled, &value.value);
        }
        &filled
    };
    let mut response = build_with(effective, notes);
    // With the role's own policy pasted too, say which part of it failed to match.
    let mut diagnosis = diagnosis;
    if let Some(resource) = &diagnosis.resource
        && let Some(access) = response.access.iter().find(|a| {
            a.before != existing::Decision::Allowed
                && ecs_error::names_same_secret(&a.resource, resource)
        })
    {
        diagnosis.message = format!(
            "{} In the policy you pasted: {}",
            diagnosis.message, access.reason
        );
    }
    response.diagnosis = Some(diagnosis);
    response
}

/// On EKS: with `eksError`, the fields the form leaves empty come from the error, and the
/// response carries its diagnosis.
fn build_eks(request: &Request) -> Response {
    if request.eks_error.trim().is_empty() {
        return build_with(request, Vec::new());
    }
    let diagnosis = eks_error::diagnose(&request.eks_error);
    let (fills, notes) = eks_error::fill(request, &diagnosis);
    let mut filled = request.clone();
    for value in &fills {
        // Every filled field is a text or a list, which takes any text.
        let _ = fields::def(value.field).set(&mut filled, &value.value);
    }
    let mut response = build_with(&filled, notes);
    response.eks_diagnosis = Some(diagnosis);
    response
}

fn build_with(request: &Request, mut problems: Vec<Problem>) -> Response {
    let mut form = form::Form::read(request, &mut problems);
    // The ARNs the secret lists gave move into the documents rather than being copied.
    let secret_arns = std::mem::take(&mut form.secrets.keys);
    let runtime_secret_arns = std::mem::take(&mut form.runtime_secrets.keys);
    let mut documents = Vec::with_capacity(DocumentId::ALL.len());
    let mut access = Vec::new();
    if let Some(mut trust) = documents::runner_trust_policy(&form) {
        // On EKS: the runner role's two documents instead of the ECS roles' three.
        apply::runner_trust(request, &form, &mut trust, &mut problems);
        documents.push(trust);
        documents.extend(documents::runner_permissions_policy(
            &form,
            secret_arns,
            runtime_secret_arns,
        ));
    } else {
        let mut trust = documents::trust_policy(&form);
        apply::trust(request, &form, &mut trust, &mut problems);
        documents.push(trust);
        let mut secrets = documents::secrets_policy(&form, secret_arns);
        access = apply::secrets(request, &form, &mut secrets, &mut problems);
        documents.extend(secrets);
        documents.extend(documents::task_permissions_policy(
            &form,
            runtime_secret_arns,
        ));
    }
    let mut budget = glob::Budget::new(documents::CHECK_BUDGET);
    for document in &documents {
        documents::check_size(document, form.shared_prefix(), &mut problems);
        documents::check(document, &mut budget, &mut problems);
    }
    // What a document grants is said on the document too, not only beside a control a
    // host may hide (a link could otherwise grant "*" out of sight).
    for problem in &mut problems {
        if problem.document.is_none() && problem.code.widens_a_grant() {
            problem.document = problem.field.document(request.platform);
        }
    }
    // Stable: within a severity, problems keep the order of the fields and entries.
    problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
    Response {
        documents,
        problems,
        target: Target {
            partition: form.partition.id,
            dns_suffix: form.partition.dns_suffix,
            region: form.region.map(region::Region::code),
            account: form.account.as_ref().map(|a| a.as_str().to_owned()),
            task_role: form.task_role.to_owned(),
            execution_role: form.execution_role.to_owned(),
            runner_role: form.eks.as_ref().map(|eks| eks.runner_role.to_owned()),
            issuer: form
                .eks
                .as_ref()
                .and_then(|eks| eks.issuer.as_ref())
                .map(|issuer| issuer.host_path().to_owned()),
        },
        access,
        diagnosis: None,
        eks_diagnosis: None,
    }
}
