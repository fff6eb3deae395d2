//! What must hold for every response, whatever the request. Shared, by `#[path]`, by the
//! property tests, the fuzz target and the fuzz-corpus regression test, so all three
//! check the same things.

use iam_policy_core::aws::partition::Partition;
use iam_policy_core::aws::region::Region;
use iam_policy_core::input::fields::{FIELDS, Kind};
use iam_policy_core::model::Origin;
use iam_policy_core::{Request, Response, SecretScope, build};
use serde_json::Value;

/// Reads fuzzer bytes the two ways input reaches the core: JSON, as the CLI and the JS API
/// send it (bytes that start with `{`), or the page's raw field text — the text and list
/// fields of the core's field table in its order, separated by U+001F, after a first byte
/// whose bits choose the choices (the platform, the scope, EKS's credentials), the switches
/// and the legacy `allSecrets`.
#[allow(dead_code, reason = "each including test uses a different part")]
pub fn request_from_bytes(data: &[u8]) -> Option<Request> {
    if data.first() == Some(&b'{') {
        return serde_json::from_slice(data).ok();
    }
    let (&options, rest) = data.split_first()?;
    let text = String::from_utf8_lossy(rest);
    let mut chunks = text.split('\u{1f}');
    let mut bits = options;
    let mut take_bits = |count: u32| {
        let taken = bits & ((1 << count) - 1);
        bits >>= count;
        taken
    };
    let mut request = Request::default();
    for def in FIELDS {
        let text = match def.kind() {
            Kind::Text | Kind::List => chunks.next().unwrap_or_default().to_owned(),
            // As many bits as its ids need: the scope two, the platform and EKS's credentials one.
            Kind::Choice => {
                let ids = def.choices();
                let bits = usize::BITS - (ids.len() - 1).leading_zeros();
                ids[usize::from(take_bits(bits)) % ids.len()].to_owned()
            }
            // A set bit turns the switch from its default.
            Kind::Switch => ((take_bits(1) == 1) != (def.default_text() == "true")).to_string(),
        };
        def.set(&mut request, &text).ok()?;
    }
    request.all_secrets = options & 0x80 != 0;
    Some(request)
}

/// How long one build may take, in any build the tests and the fuzzer run. A page rebuilds
/// on every keystroke and a share link can carry any request, so a slow input is a finding
/// like a panic: lists that made a check quadratic took seconds before it had a budget.
#[allow(dead_code, reason = "each including test uses a different part")]
pub const BUILD_TIME_LIMIT: std::time::Duration = std::time::Duration::from_millis(250);

/// Builds `request`, failing when it takes longer than [`BUILD_TIME_LIMIT`].
#[allow(dead_code, reason = "each including test uses a different part")]
pub fn timed_build(request: &Request) -> Result<Response, String> {
    let started = std::time::Instant::now();
    let response = build(request);
    let took = started.elapsed();
    if took > BUILD_TIME_LIMIT {
        return Err(format!(
            "build() took {took:?}, over the {BUILD_TIME_LIMIT:?} one keystroke may take"
        ));
    }
    Ok(response)
}

/// Every check below; the first that fails says why.
#[allow(dead_code, reason = "each including test uses a different part")]
pub fn check_all(request: &Request, response: &Response) -> Result<(), String> {
    json_round_trips(response)?;
    sizes_match(response)?;
    arns_are_well_formed_in_the_regions_partition(request, response)?;
    wildcards_only_when_asked(request, response)?;
    pasted_statements_are_kept(request, response)?;
    no_conditioned_trust_is_bypassed(request, response)?;
    the_fixed_policy_allows_what_it_must(request, response)?;
    a_second_pass_changes_nothing(request, response)?;
    same_request_same_bytes(request, response)
}

/// The response serialises, and every document parses back as JSON.
pub fn json_round_trips(response: &Response) -> Result<(), String> {
    let json = serde_json::to_string(response)
        .map_err(|e| format!("the response does not serialise: {e}"))?;
    serde_json::from_str::<Value>(&json).map_err(|e| format!("the response is not JSON: {e}"))?;
    for document in &response.documents {
        let text = serde_json::to_string_pretty(&document.policy).map_err(|e| e.to_string())?;
        serde_json::from_str::<Value>(&text)
            .map_err(|e| format!("{} is not JSON: {e}", document.id.as_str()))?;
    }
    Ok(())
}

/// Each size is the compact JSON's character count, and a complete document holds only
/// characters IAM accepts in a policy (tab, LF, CR, U+0020–U+00FF).
pub fn sizes_match(response: &Response) -> Result<(), String> {
    for document in &response.documents {
        let compact = serde_json::to_string(&document.policy).map_err(|e| e.to_string())?;
        if document.size.characters != compact.chars().count() {
            return Err(format!(
                "{} says {} characters, has {}",
                document.id.as_str(),
                document.size.characters,
                compact.chars().count()
            ));
        }
        let iam_accepts = |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{ff}');
        if document.complete && !compact.chars().all(iam_accepts) {
            return Err(format!("IAM would reject {compact}"));
        }
    }
    Ok(())
}

/// (document complete?, the statement's Action as JSON, one resource) for every resource
/// of the documents the builder wrote (a pasted one holds whatever the user wrote).
fn resources(response: &Response) -> Vec<(bool, String, String)> {
    let mut out = Vec::new();
    for document in response
        .documents
        .iter()
        .filter(|d| d.origin == Origin::New)
    {
        let Ok(policy) = serde_json::to_value(&document.policy) else {
            continue;
        };
        for statement in policy["Statement"].as_array().into_iter().flatten() {
            let action = statement["Action"].to_string();
            let listed = match &statement["Resource"] {
                Value::String(one) => vec![one.clone()],
                Value::Array(many) => many
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
            out.extend(
                listed
                    .into_iter()
                    .map(|r| (document.complete, action.clone(), r)),
            );
        }
    }
    out
}

/// `arn:<known partition>:<service>:<region or empty>:<12 digits or empty>:<resource>`.
pub fn is_well_formed_arn(text: &str) -> bool {
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = fields[..] else {
        return false;
    };
    arn == "arn"
        && Partition::by_id(partition).is_some()
        && ["secretsmanager", "kms", "ssm", "s3", "ecs"].contains(&service)
        && (region.is_empty() || Region::lookup(region).is_some())
        && (account.is_empty()
            || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())))
        && !resource.is_empty()
}

/// Complete documents hold `"*"` or well-formed ARNs, in the partition of the region.
pub fn arns_are_well_formed_in_the_regions_partition(
    request: &Request,
    response: &Response,
) -> Result<(), String> {
    let partition = Region::parse(&request.region)
        .ok()
        .map(|r| r.partition().id);
    for (complete, _, resource) in resources(response) {
        if !complete || resource == "*" {
            continue;
        }
        if !is_well_formed_arn(&resource) {
            return Err(format!("{resource} is not a well-formed ARN"));
        }
        if let Some(partition) = partition
            && resource.split(':').nth(1) != Some(partition)
        {
            return Err(format!("{resource} is not in {partition}"));
        }
    }
    Ok(())
}

/// A bare `*`, or a pattern ending in `*`, appears only when the request asked for one.
pub fn wildcards_only_when_asked(request: &Request, response: &Response) -> Result<(), String> {
    let asked_everything = request.all_secrets || request.secret_scope == SecretScope::All;
    let asked_broad = asked_everything || request.secret_scope != SecretScope::Listed;
    let typed_wildcard = [
        &request.secrets,
        &request.parameters,
        &request.runtime_secrets,
        &request.staging_buckets,
    ]
    .iter()
    .any(|list| list.iter().any(|entry| entry.contains('*')));
    for (_, action, resource) in resources(response) {
        // ListSecrets works only on "*", and only the task role policy asks for it.
        if resource == "*" && !asked_everything && action != "\"secretsmanager:ListSecrets\"" {
            return Err(format!("a bare * for {action}"));
        }
        // S3 object patterns end in /* by design.
        if resource != "*"
            && resource.ends_with('*')
            && !resource.contains(":s3:::")
            && !asked_broad
            && !typed_wildcard
        {
            return Err(format!("{resource} is broader than the request"));
        }
    }
    Ok(())
}

/// Building again gives the same bytes.
pub fn same_request_same_bytes(request: &Request, response: &Response) -> Result<(), String> {
    let first = serde_json::to_string(response).map_err(|e| e.to_string())?;
    let second = serde_json::to_string(&build(&request.clone())).map_err(|e| e.to_string())?;
    if first == second {
        Ok(())
    } else {
        Err("two builds of one request differ".to_owned())
    }
}

/// Whether `new` is `original` with only what a merge or a fix may do: lists grown at the
/// end, a string turned into a list that starts with it, a secret ARN given its `-??????`,
/// statements added after the last, a lone statement object turned into a list.
fn grows(original: &Value, new: &Value) -> bool {
    match (original, new) {
        (a, b) if a == b => true,
        (Value::String(a), Value::String(b)) => b.strip_suffix("-??????") == Some(a.as_str()),
        (Value::String(_), Value::Array(items)) => {
            items.first().is_some_and(|first| grows(original, first))
        }
        (Value::Array(a), Value::Array(b)) => {
            b.len() >= a.len() && a.iter().zip(b).all(|(x, y)| grows(x, y))
        }
        (Value::Object(_), Value::Array(items)) => {
            items.first().is_some_and(|first| grows(original, first))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| grows(v, w)))
        }
        _ => false,
    }
}

/// A document made from a pasted policy keeps every statement of it: nothing removed,
/// nothing changed but what a merge or a fix does, and changes listed when it differs.
#[allow(dead_code, reason = "each including test uses a different part")]
pub fn pasted_statements_are_kept(request: &Request, response: &Response) -> Result<(), String> {
    for document in response
        .documents
        .iter()
        .filter(|d| d.origin == Origin::Existing)
    {
        let pasted = match document.id.as_str() {
            "task-role-trust-policy" => &request.existing_trust_policy,
            _ => &request.existing_secrets_policy,
        };
        let original: Value = serde_json::from_str(pasted.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("{} came from unreadable JSON: {e}", document.id.as_str()))?;
        let new = serde_json::to_value(&document.policy).map_err(|e| e.to_string())?;
        if !grows(&original, &new) {
            return Err(format!(
                "{} dropped or changed what was pasted: {original} → {new}",
                document.id.as_str()
            ));
        }
        let listed = document.changes.as_ref().is_some_and(|c| !c.is_empty());
        if (original != new) != listed {
            return Err(format!(
                "{}: changed {}, changes listed {listed}",
                document.id.as_str(),
                original != new
            ));
        }
    }
    Ok(())
}

/// After the fix, every entry the pasted policy neither denied nor made conditional is
/// allowed, and what the pasted policy allowed is still allowed.
#[allow(dead_code, reason = "each including test uses a different part")]
pub fn the_fixed_policy_allows_what_it_must(
    request: &Request,
    response: &Response,
) -> Result<(), String> {
    use iam_policy_core::read::existing::{Decision, Evaluator, read};
    let Some(document) = response
        .documents
        .iter()
        .find(|d| d.origin == Origin::Existing && d.id.as_str() == "execution-role-secrets-policy")
    else {
        return Ok(());
    };
    let fixed = read(&serde_json::to_string(&document.policy).map_err(|e| e.to_string())?)
        .map_err(|e| format!("the fixed policy does not read back: {e}"))?;
    let probe = |resource: &str| resource.replace('?', "a").replace('*', "x");
    let fixed_evaluator = Evaluator::new(&fixed.statements);
    // Patterns built to be slow run out of the build's budget, and of this check's: what
    // could not be decided must have been said, and is not held to the rest.
    let unchecked_said = response
        .problems
        .iter()
        .any(|p| p.code == iam_policy_core::input::Code::SecretsPolicyUnchecked);
    for access in &response.access {
        if access.before == Decision::Undecided && !unchecked_said {
            return Err(format!(
                "{} was not checked, and nothing says so",
                access.entry
            ));
        }
        if matches!(
            access.before,
            Decision::ExplicitlyDenied | Decision::Conditional | Decision::Undecided
        ) {
            continue;
        }
        let after = fixed_evaluator
            .evaluate(access.action, &probe(&access.resource))
            .decision;
        // The builder's own KMS statement carries kms:ViaService, so its grant is conditional.
        let conditional_by_design =
            access.action == "kms:Decrypt" && after == Decision::Conditional;
        // A Deny under a condition may still refuse it, and the response says so.
        let warned = after == Decision::Conditional
            && response.problems.iter().any(|p| {
                p.code == iam_policy_core::input::Code::SecretsPolicyConditional
                    && p.message.starts_with(&access.entry)
            });
        let undecided = after == Decision::Undecided && unchecked_said;
        if after != Decision::Allowed && !conditional_by_design && !warned && !undecided {
            return Err(format!("{} is {after:?} after the fix", access.entry));
        }
    }
    let original = read(&request.existing_secrets_policy).map_err(|e| e.to_string())?;
    let original_evaluator = Evaluator::new(&original.statements);
    for statement in &original.statements {
        for resource in statement.resources.iter().flat_map(|r| r.values.iter()) {
            let resource = probe(resource);
            // A secret ARN without its suffix names no secret: the fix gives it one.
            let named_secret = resource.contains(":secret:")
                && resource.rsplit('-').next().is_none_or(|s| s.len() != 6);
            if named_secret || !resource.starts_with("arn:") {
                continue;
            }
            for action in statement
                .actions
                .values
                .iter()
                .filter(|a| !a.contains(['*', '?']))
            {
                let before = original_evaluator.evaluate(action, &resource).decision;
                let after = fixed_evaluator.evaluate(action, &resource).decision;
                let undecided = after == Decision::Undecided && unchecked_said;
                if before == Decision::Allowed && after != Decision::Allowed && !undecided {
                    return Err(format!(
                        "{action} on {resource} was allowed, is {after:?} after the fix"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Merging or fixing what the builder returned changes nothing more.
#[allow(dead_code, reason = "each including test uses a different part")]
pub fn a_second_pass_changes_nothing(request: &Request, response: &Response) -> Result<(), String> {
    let mut again = request.clone();
    let mut any = false;
    for document in response
        .documents
        .iter()
        .filter(|d| d.origin == Origin::Existing && d.complete)
    {
        let text = serde_json::to_string(&document.policy).map_err(|e| e.to_string())?;
        match document.id.as_str() {
            "task-role-trust-policy" => again.existing_trust_policy = text,
            _ => again.existing_secrets_policy = text,
        }
        any = true;
    }
    if !any {
        return Ok(());
    }
    let second = build(&again);
    for document in second
        .documents
        .iter()
        .filter(|d| d.origin == Origin::Existing && d.complete)
    {
        if document.changes.as_ref().is_some_and(|c| !c.is_empty()) {
            return Err(format!(
                "a second pass changed {}: {:?}",
                document.id.as_str(),
                document.changes
            ));
        }
    }
    Ok(())
}

/// A service the pasted trust policy named only in statements with a `Condition` never
/// gains an unconditioned `Allow` beside them: that would bypass the condition (the confused-deputy
/// protection AWS advises for ECS tasks).
#[allow(dead_code, reason = "each including test uses a different part")]
pub fn no_conditioned_trust_is_bypassed(
    request: &Request,
    response: &Response,
) -> Result<(), String> {
    let Some(document) = response
        .documents
        .iter()
        .find(|d| d.origin == Origin::Existing && d.id.as_str() == "task-role-trust-policy")
    else {
        return Ok(());
    };
    let statements = |policy: &Value| -> Vec<Value> {
        match &policy["Statement"] {
            Value::Array(items) => items.clone(),
            one => vec![one.clone()],
        }
    };
    let services = |statement: &Value| -> Vec<String> {
        match &statement["Principal"] {
            Value::String(star) => vec![star.clone()],
            principal => match &principal["Service"] {
                Value::String(one) => vec![one.clone()],
                Value::Array(many) => many
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            },
        }
    };
    let allows = |statement: &Value| {
        statement["Effect"] == "Allow" && statement.get("NotPrincipal").is_none()
    };
    let conditioned = |statement: &Value| statement.get("Condition").is_some();
    let original: Value =
        serde_json::from_str(request.existing_trust_policy.trim_start_matches('\u{feff}'))
            .map_err(|e| e.to_string())?;
    let before = statements(&original);
    let after = statements(&serde_json::to_value(&document.policy).map_err(|e| e.to_string())?);
    for statement in after.iter().skip(before.len()).chain(
        // A service added to an unconditioned pasted statement counts too.
        after.iter().take(before.len()),
    ) {
        if !allows(statement) || conditioned(statement) {
            continue;
        }
        for service in services(statement) {
            let trusted_before: Vec<&Value> = before
                .iter()
                .filter(|s| {
                    allows(s)
                        && (services(s).contains(&service) || services(s).contains(&"*".to_owned()))
                })
                .collect();
            let only_under_conditions =
                !trusted_before.is_empty() && trusted_before.iter().all(|s| conditioned(s));
            if only_under_conditions {
                return Err(format!(
                    "{service} was trusted only under conditions, and now also without: {statement}"
                ));
            }
        }
    }
    Ok(())
}
