//! Problems: what is wrong or worth knowing about one field, in words a person acts on.

pub use crate::input::fields::Field;
use crate::model::DocumentId;
use crate::model::shape::{Interface, Member, Shape};
use crate::text::with_all;
use serde::Serialize;

with_all! {
    /// How much a problem matters: declared the most serious first, the order responses
    /// list their problems in; the more serious is the greater (`Error > Info`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub enum Severity {
        /// A document is incomplete or would not work until this is fixed.
        Error,
        /// The documents work, but probably not as the user meant.
        Warning,
        /// Something the builder did for the user, said so they are not surprised.
        Info,
    }
}

/// The more serious is the greater: the reverse of the declaration's order.
impl Ord for Severity {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (*other as u8).cmp(&(*self as u8))
    }
}

impl PartialOrd for Severity {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Declares every problem code once: its variant (with its doc), its severity and what it
/// means. The enum, [`Code::ALL`] (in the README's order) and [`Code::documented`] are
/// derived from the one table, so no code can be left out of any of them.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $severity:ident, $when:literal;)*) => {
        /// A stable identifier for each kind of problem, for tests, scripts and docs to
        /// match on.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order the README's table lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// How much a problem of this code matters, and when it occurs: the one place
            /// each code's severity is written, read by [`Problem::new`], the README's
            /// table and the generated types.
            pub fn documented(self) -> (Severity, &'static str) {
                match self {
                    $(Code::$variant => (Severity::$severity, $when),)*
                }
            }
        }
    };
}

codes! {
    /// The account field is empty.
    AccountMissing = Error, "The account field is empty.";
    /// A placeholder such as `<your-aws-account>` is in the account field.
    AccountPlaceholder = Error, "A placeholder such as `<your-aws-account>` is in the account field.";
    /// An alias or name is in the account field.
    AccountAlias = Error, "An alias or name is in the account field.";
    /// The account has a character other than digits, spaces and dashes.
    AccountInvalidCharacter = Error, "The account has a character other than digits, spaces and dashes (named, with its position; invisible and look-alike characters by their Unicode name).";
    /// The account does not have 12 digits.
    AccountLength = Error, "The account does not have 12 digits.";
    /// Spaces or dashes were removed from the account.
    AccountNormalised = Info, "Spaces or dashes were removed from the account.";
    /// The account was taken from a pasted ARN.
    AccountFromArn = Info, "The account was taken from a pasted ARN.";
    /// The region field is empty.
    RegionMissing = Error, "The region field is empty.";
    /// An availability zone was given instead of a region.
    RegionAvailabilityZone = Error, "An availability zone or Local Zone was given; its region is suggested.";
    /// The region is not one the builder knows.
    RegionUnknown = Error, "The region is not one the builder knows; the nearest region is suggested.";
    /// A console name ("Europe (Ireland)") was read as its region.
    RegionFromName = Info, "A region's console name (\"Ireland\", \"Europe (Ireland)\", in any case, with or without accents) that means exactly one region was read as that region.";
    /// The region must be enabled in the account first.
    RegionOptIn = Info, "The region must be enabled in the account first.";
    /// The partition's service principals are not confirmed by a public source.
    PartitionPrincipalsUnconfirmed = Info, "In the isolated partitions the service principals are the commercial names, which no public source confirms.";
    /// The listed scope has no secret in it.
    SecretsMissing = Error, "The listed scope has no secret in it.";
    /// A secret name has a character Secrets Manager does not allow.
    SecretInvalidCharacter = Error, "A secret name has a character Secrets Manager does not allow.";
    /// A secret name is longer than 512 characters.
    SecretTooLong = Error, "A secret name is longer than 512 characters.";
    /// An ARN has no name after `secret:`.
    SecretEmptyName = Error, "An ARN has no name after `secret:`.";
    /// Text that starts like an ARN is not one.
    SecretArnMalformed = Error, "Text that starts like an ARN is not one.";
    /// An ARN of another service was listed as a secret.
    SecretArnOtherService = Error, "An ARN of another service (SSM, KMS, …) was listed as a secret.";
    /// An ARN names a partition that does not exist.
    SecretArnUnknownPartition = Error, "An ARN names a partition that does not exist.";
    /// An ARN names an unknown region.
    SecretArnRegion = Error, "An ARN names an unknown region.";
    /// An ARN's partition does not match its own region.
    SecretArnPartitionMismatch = Error, "An ARN's partition does not match its own region (`arn:aws:` in China).";
    /// An ARN's account is not 12 digits.
    SecretArnAccount = Error, "An ARN's account is not 12 digits.";
    /// An ARN is in a different partition from the form's region.
    SecretOtherPartition = Error, "An ARN is in a different partition from the form's region.";
    /// An ARN is in another region than the form's.
    SecretOtherRegion = Warning, "An ARN is in another region than the form's.";
    /// An ARN is in another account than the form's.
    SecretOtherAccount = Warning, "An ARN is in another account than the form's (cross-account needs more than this policy).";
    /// An ECS `valueFrom` tail was removed.
    SecretValueFromTail = Info, "An ECS `valueFrom` tail (`:json-key:stage:version`) was removed.";
    /// A partial ARN was completed with `-??????`.
    SecretPartialArn = Info, "A partial ARN was completed with `-??????`.";
    /// A name ends like a random suffix.
    SecretNameLooksSuffixed = Warning, "A name ends like a random suffix (`-AbCdEf`); it is kept as a name.";
    /// An ARN's suffix reads like a word.
    SecretSuffixLooksLikeWord = Warning, "An ARN's last six characters were taken as its suffix though they read like a word.";
    /// A name uses `*` or `?`.
    SecretWildcard = Warning, "A name uses `*` or `?`; the message says what it matches.";
    /// A name ends in `-`, which is almost always a paste cut short.
    SecretTrailingDash = Warning, "A name ends in `-`: legal, but almost always a paste cut short (the policy would allow `name--??????`).";
    /// The same entry was listed more than once in one list.
    DuplicateEntry = Info, "The same entry was listed more than once in one list.";
    /// "Every secret" grants `"*"`.
    SecretsAll = Warning, "The every-secret scope grants `\"*\"`.";
    /// A list has more entries than any policy could hold; the rest were not read.
    ListTooLong = Error, "A list has more than 1,000 entries; the rest were not read.";
    /// The prefix scope grants every secret under a prefix.
    SecretScopePrefix = Warning, "The prefix scope grants every secret under a prefix.";
    /// The region scope grants every secret in the region and account.
    SecretScopeRegion = Warning, "The region scope grants every secret in the region and account.";
    /// The prefix scope has no prefix.
    SecretPrefixMissing = Error, "The prefix scope has no prefix.";
    /// The prefix has a character secret names cannot have.
    SecretPrefixInvalid = Error, "The prefix has a character secret names cannot have.";
    /// The secret list is ignored because a broader scope is chosen.
    SecretsIgnored = Info, "The secret list is not used because a broader scope is chosen.";
    /// EC2 was taken out of the task role's trust policy.
    Ec2PrincipalRemoved = Warning, "EC2 was taken out of the task role's trust policy: a reused role that is also an EC2 instance profile (Matillion ETL's) would lock its instance out.";
    /// Source conditions are put on their own statement, away from EC2.
    SourceConditionsSeparate = Info, "Source conditions are put on their own statement, away from EC2.";
    /// A KMS entry is not a key ID or key ARN.
    KmsKeyInvalid = Error, "A KMS entry is not a key ID or key ARN.";
    /// A KMS alias was given; grants need the key itself.
    KmsKeyAlias = Error, "A KMS alias was given; grants need the key itself.";
    /// The AWS managed key `aws/secretsmanager` was given; it needs no grant.
    KmsKeyAwsManaged = Error, "The AWS managed key `aws/secretsmanager` was given; it needs no grant.";
    /// A KMS key is in another partition than the region.
    KmsKeyOtherPartition = Error, "A KMS key is in another partition than the region.";
    /// A parameter name or ARN is not valid.
    ParameterInvalid = Error, "A parameter name or ARN is not valid.";
    /// A parameter name uses `*` or `?`.
    ParameterWildcard = Warning, "A parameter name uses `*` or `?`.";
    /// A bucket name breaks S3's naming rules, or its path holds a character no policy can.
    BucketInvalid = Error, "A bucket name breaks S3's naming rules, or its path holds a character no policy can (outside U+0020–U+00FF).";
    /// A bucket was given with a path; objects are granted under that path only.
    BucketPrefix = Info, "A bucket was given with a path; objects are granted under that path only.";
    /// A policy has no `Version` or an old one.
    CheckVersion = Error, "A policy has no `Version` or an old one.";
    /// A statement has an empty `Action` or `Resource` list.
    CheckEmptyList = Error, "A statement has an empty `Action` or `Resource` list.";
    /// A resource is listed twice in one statement.
    CheckDuplicateResource = Warning, "A resource is listed twice in one statement.";
    /// A resource is already matched by a wildcard resource in the same statement.
    CheckRedundantResource = Warning, "A resource is already matched by a wildcard resource of the same statement.";
    /// A check stopped early: the lists were too large to compare on every keystroke.
    CheckSkipped = Info, "The redundant-resource check stopped early: the lists hold too many long wildcard resources to compare on every keystroke (the policy itself is unaffected).";
    /// A `Sid` is empty, has characters other than letters and digits, or repeats.
    CheckSid = Error, "A `Sid` repeats within a document.";
    /// A trust policy has `Resource`, or an identity policy has `Principal`.
    CheckShape = Error, "A trust policy has `Resource`, or an identity policy has `Principal`.";
    /// A document is larger than IAM accepts.
    DocumentTooLarge = Error, "A document is larger than IAM accepts (trust policy 2,048; a role's inline policies 10,240 characters, white space not counted).";
    /// A role name is longer than 64 characters or has a character IAM does not allow.
    RoleNameInvalid = Error, "A role name is longer than 64 characters or has a character IAM does not allow in one (letters, digits and `+=,.@_-` only); the default name is used until it is fixed.";
    /// A pasted policy is not JSON, or not a policy IAM accepts.
    ExistingPolicyInvalid = Error, "A pasted policy is not JSON (the message gives the line and column and what was expected) or not a policy IAM accepts (it names the element).";
    /// A trust policy was pasted where the secrets policy goes, or the reverse.
    ExistingPolicyWrongKind = Error, "A trust policy was pasted where the execution role's secrets policy goes, or the reverse; the message says which field it belongs in.";
    /// The trust policy is the pasted one with what the agent needs added.
    TrustMerged = Info, "The trust policy is the pasted one with what the agent needs added; nothing was removed, and the document lists the changes.";
    /// The pasted trust policy already lets the agent assume the role.
    TrustAlreadyAllows = Info, "The pasted trust policy already lets ECS tasks (and EC2, when that option is on) assume the role: it is returned unchanged.";
    /// A `Deny` in the pasted trust policy refuses what the agent needs.
    TrustDenied = Error, "A `Deny` statement in the pasted trust policy refuses ECS tasks (or EC2) `sts:AssumeRole`; it is named, and the builder does not remove it.";
    /// The secrets policy is the pasted one, fixed in place.
    SecretsPolicyFixed = Info, "The secrets policy is the pasted one fixed in place: suffix-less secret ARNs given their `-??????`, what was missing added; the document lists the changes.";
    /// The pasted secrets policy already allows every listed secret.
    SecretsPolicyAlreadyAllows = Info, "The pasted secrets policy already allows everything the agent needs: it is returned unchanged.";
    /// A `Deny` in the pasted secrets policy refuses a listed secret.
    SecretsPolicyDenied = Error, "A `Deny` statement in the pasted secrets policy refuses a secret, key or parameter the agent needs; an `Allow` cannot override it, so the statement is named for you to change.";
    /// The pasted secrets policy allows a secret only under a condition.
    SecretsPolicyConditional = Warning, "The pasted secrets policy allows a secret only under a `Condition` or a policy variable; the builder leaves it and names the keys to check.";
    /// The pasted secrets policy could not be checked for every entry within the budget.
    SecretsPolicyUnchecked = Warning, "The pasted secrets policy's patterns take more comparing than the builder allows for one build, so some entries are marked not checked and the fix adds nothing for them.";
    /// The pasted trust policy trusts any principal, or uses `NotPrincipal` with `Allow`.
    PastedTrustTooBroad = Warning, "The pasted trust policy lets any principal assume the role (`\"Principal\": \"*\"`, or `NotPrincipal` with `Allow`); it is kept as written and said on the document.";
    /// The pasted trust policy trusts ECS tasks under conditions their tasks meet.
    TrustConditionsHold = Info, "The pasted trust policy lets ECS tasks assume the role only under conditions (`aws:SourceAccount`, `aws:SourceArn`) that the agent's tasks meet in the typed account and region: it is kept, and nothing is added beside it.";
    /// A condition of the pasted trust policy was widened to let the agent's tasks in.
    TrustConditionWidened = Warning, "A condition of the pasted trust policy named another account or region, or an ARN that is never a task's: the agent's value was added to that condition's list, rather than a statement beside it that would bypass the condition.";
    /// The pasted trust policy trusts a service only under conditions the builder cannot check.
    TrustConditionUndecided = Warning, "The pasted trust policy trusts a service the agent needs only under conditions the builder cannot check (other keys, a cluster, a negated value, no account yet): nothing is added beside them; check they hold.";
    /// The pasted trust policy names `ecs.amazonaws.com` where ECS tasks need `ecs-tasks`.
    TrustNamesEcsService = Warning, "The pasted trust policy names `ecs.amazonaws.com` (the ECS service) where the agent's tasks need `ecs-tasks.amazonaws.com`.";
    /// The pasted secrets policy allows every action or every resource.
    PastedPolicyTooBroad = Warning, "The pasted secrets policy allows every action or every resource (`*`, `NotAction` or `NotResource` with `Allow`); it is kept as written and said on the document.";
    /// The pasted ECS error is not one about reading secrets.
    EcsErrorUnrecognised = Warning, "The pasted ECS error is not one the builder recognises as a failure to read secrets (the message says what to paste instead).";
    /// A field left empty was taken from the pasted ECS error.
    FilledFromEcsError = Info, "A field left empty (account, region, the secret, the parameter, the execution role's name) was filled from the pasted ECS error; change it if it is wrong.";
    /// The pasted ECS error names another account or region than the form.
    EcsErrorContradicts = Warning, "The pasted ECS error names another account, region or role than the form has; the message names both values.";
    /// The secret the ECS error names is not in the list.
    EcsErrorSecretNotListed = Warning, "The secret the ECS error was refused is not in the secret list; the fix adds it.";
    /// The ECS error says the KMS key is what is missing.
    KmsKeyNeeded = Warning, "The ECS error says the role may not decrypt the secret: enter the secret's customer managed KMS key (the error never names it).";
    /// On EKS with IRSA, the issuer field is empty.
    OidcIssuerMissing = Error, "On EKS with IRSA, the OpenID Connect provider URL is empty.";
    /// The issuer is not an EKS OpenID Connect provider URL.
    OidcIssuerInvalid = Error, "The issuer is not an EKS OpenID Connect provider URL (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`): no `/id/<ID>`, an unknown region, another domain, a provider ARN in the wrong partition, or other text.";
    /// The cluster's ARN was given for the issuer.
    OidcIssuerClusterArn = Error, "The cluster's ARN was given for the issuer; the message gives the command that prints the issuer.";
    /// The cluster's API server endpoint was given for the issuer.
    OidcIssuerApiEndpoint = Error, "The cluster's API server endpoint was given for the issuer.";
    /// The issuer was read from the IAM OIDC provider's ARN.
    OidcIssuerFromArn = Info, "The issuer was read from the IAM OIDC provider's ARN.";
    /// The cluster is in another region than the form's.
    OidcIssuerOtherRegion = Warning, "The cluster's issuer names another region than the form's; the trust policy uses the cluster's.";
    /// The cluster is in another partition than the form's region.
    OidcIssuerOtherPartition = Error, "The cluster's issuer is in another partition than the form's region.";
    /// The provider ARN names another account than the form's.
    OidcProviderOtherAccount = Error, "The IAM OIDC provider's ARN names another account than the form's: the provider must be in the runner role's account.";
    /// The namespace is not a name Kubernetes accepts.
    KubernetesNamespaceInvalid = Error, "The namespace is not one Kubernetes accepts (1–63 lower-case letters, digits and `-`, a letter or digit at each end).";
    /// A `*` or `?` in the namespace lets service accounts of other namespaces assume the role.
    KubernetesNamespaceWildcard = Warning, "A `*` or `?` typed in the namespace lets the same service accounts of other namespaces assume the runner role (`StringLike`).";
    /// A service account name is not one Kubernetes accepts.
    ServiceAccountInvalid = Error, "A service account name is not one Kubernetes accepts (1–253 lower-case letters, digits, `-` and `.`).";
    /// A `*` or `?` in a service account name lets other service accounts assume the role.
    ServiceAccountWildcard = Warning, "A `*` or `?` typed in a service account name lets other service accounts of the namespace assume the runner role (`StringLike`).";
    /// The service account list is empty.
    ServiceAccountsMissing = Error, "The service account list is empty.";
    /// The cluster name is not one EKS accepts.
    ClusterNameInvalid = Error, "The cluster name is not one EKS accepts (1–100 letters, digits, `-` and `_`, starting with a letter or digit).";
    /// EKS Pod Identity does not work for pods on Fargate.
    PodIdentityNotOnFargate = Warning, "EKS Pod Identity does not work for pods on Fargate, which Matillion's EKS module uses: use IRSA there.";
    /// AWS does not document EKS Pod Identity in the form's partition.
    PodIdentityPartitionUnconfirmed = Warning, "AWS does not document EKS Pod Identity in the form's partition (China, GovCloud, the isolated ones): check it is available, or use IRSA.";
    /// The runner's trust policy is the pasted one with its service accounts added.
    WebIdentityTrustMerged = Info, "The runner role's trust policy is the pasted one with the runner's service accounts added; nothing was removed, and the document lists the changes.";
    /// The pasted trust policy already lets the runner's service accounts assume the role.
    WebIdentityTrustAlreadyAllows = Info, "The pasted trust policy already lets the runner's service accounts assume the role: it is returned unchanged.";
    /// A `Deny` in the pasted trust policy refuses a runner's service account.
    WebIdentityTrustDenied = Error, "A `Deny` statement in the pasted trust policy refuses a runner's service account `sts:AssumeRoleWithWebIdentity`; it is named, and the builder does not remove it.";
    /// A statement that tested only the audience now tests the subject too.
    WebIdentityTrustNarrowed = Warning, "A statement of the pasted trust policy that tested only the audience (every service account of the cluster could assume) now tests the runner's subjects too; other workloads using the role need theirs added.";
    /// The pasted trust policy lets more service accounts in than named ones.
    WebIdentityTrustTooBroad = Warning, "The pasted trust policy lets the runner in through a `:sub` pattern with wildcards, or none, so other service accounts may assume the role too; it is kept as written and said on the document.";
    /// The pasted runner trust policy could not be merged yet, or is not merged.
    RunnerTrustNotMerged = Warning, "The pasted runner trust policy is not merged: with Pod Identity the builder does not merge one, and with IRSA it waits for a valid account, issuer, namespace and service accounts; the document is a new one meanwhile.";
    /// The pasted EKS error is not one the builder recognises.
    EksErrorUnrecognised = Warning, "The pasted EKS error is not one the builder recognises as IRSA's or Pod Identity's (the message says what to paste instead).";
    /// A field was filled from the pasted EKS error.
    FilledFromEksError = Info, "A field left empty (account, region, the cluster's issuer, the runner role, a refused secret) was filled from the pasted EKS error; change it if it is wrong.";
    /// The pasted trust policy trusts the cluster only under conditions the builder does not change.
    WebIdentityConditionUndecided = Warning, "The pasted trust policy trusts the cluster's tokens only under conditions that refuse a runner's service account (a wrong audience, an exclusion) or that the builder cannot judge: nothing is added beside them.";
}

impl Code {
    /// Whether a problem of this kind says a document grants more than named secrets and
    /// parameters: every secret, a whole region, a prefix, or a wildcard entry. Such a
    /// warning must be seen wherever the document is, so [`crate::build()`] ties it to it.
    pub fn widens_a_grant(self) -> bool {
        matches!(
            self,
            Code::SecretsAll
                | Code::SecretScopeRegion
                | Code::SecretScopePrefix
                | Code::SecretWildcard
                | Code::ParameterWildcard
                | Code::PastedTrustTooBroad
                | Code::PastedPolicyTooBroad
                | Code::KubernetesNamespaceWildcard
                | Code::ServiceAccountWildcard
                | Code::WebIdentityTrustTooBroad
        )
    }
}

impl Code {
    /// How much a problem of this code matters: every problem of it has this severity.
    pub fn severity(self) -> Severity {
        self.documented().0
    }
}

/// One thing to tell the user, tied to the field that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Where to show it.
    pub field: Field,
    /// How much it matters.
    pub severity: Severity,
    /// What kind of problem it is, stable across versions.
    pub code: Code,
    /// A sentence that says what is wrong and what to do.
    pub message: String,
    /// For list fields, the 0-based index of the entry in the request's list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
    /// A replacement value for the field (or the entry) that fixes the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// The document a document-level problem is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentId>,
    /// A fix that sets several fields at once (a scope and its prefix), for problems one
    /// field's `suggestion` cannot fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// Values for several fields that together fix a problem, and what to call doing so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the button that applies it says: "Use the prefix matillion/".
    pub label: String,
    /// Each field's new text, in the order they are set.
    pub set: Vec<FieldValue>,
}

/// One field's new text, as a person would type it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldValue {
    /// The field to set.
    pub field: Field,
    /// Its new text.
    pub value: String,
}

impl Fix {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "Fix",
        doc: "Values for several fields that together fix a problem, and what to call doing so.",
        members: &[
            Member::new(
                "label",
                Shape::String,
                "What the button that applies it says: \"Use the prefix matillion/\".",
            ),
            Member::new(
                "set",
                Shape::List(&Shape::Named("FieldValue")),
                "Each field's new text, in the order they are set.",
            ),
        ],
    };
}

impl FieldValue {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "FieldValue",
        doc: "One field's new text, as a person would type it.",
        members: &[
            Member::new("field", Shape::Named("ProblemField"), ""),
            Member::new("value", Shape::String, ""),
        ],
    };
}

impl Problem {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "Problem",
        doc: "One thing to tell the user, tied to the field that caused it.",
        members: &[
            Member::new(
                "field",
                Shape::Named("ProblemField"),
                "The request field it belongs to.",
            ),
            Member::new("severity", Shape::Named("Severity"), "Its code's, always."),
            Member::new(
                "code",
                Shape::Named("ProblemCode"),
                "Stable: match on it (the README lists every code).",
            ),
            Member::new(
                "message",
                Shape::String,
                "For people: names the field and the fix.",
            ),
            Member::new(
                "entry",
                Shape::Number,
                "The list entry it is about, counted from 0.",
            )
            .optional(),
            Member::new(
                "suggestion",
                Shape::String,
                "A replacement value the user may accept as it is.",
            )
            .optional(),
            Member::new(
                "document",
                Shape::Named("DocumentId"),
                "The document it is about, for problems with a document as a whole.",
            )
            .optional(),
            Member::new(
                "fix",
                Shape::Named("Fix"),
                "A fix that sets several fields at once, in order (a scope and its prefix).",
            )
            .optional(),
        ],
    };

    /// A problem with no entry, suggestion or document; its severity is its code's.
    pub fn new(field: Field, code: Code, message: impl Into<String>) -> Self {
        Problem {
            field,
            severity: code.severity(),
            code,
            message: message.into(),
            entry: None,
            suggestion: None,
            document: None,
            fix: None,
        }
    }

    /// Ties the problem to one entry of a list field.
    pub fn at_entry(mut self, entry: usize) -> Self {
        self.entry = Some(entry);
        self
    }

    /// Offers a value that fixes the problem.
    pub fn suggesting(mut self, value: impl Into<String>) -> Self {
        self.suggestion = Some(value.into());
        self
    }

    /// Offers a fix that sets several fields.
    pub fn fixed_by(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Ties the problem to one document.
    pub fn about(mut self, document: DocumentId) -> Self {
        self.document = Some(document);
        self
    }
}
