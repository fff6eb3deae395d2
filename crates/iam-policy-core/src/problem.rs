//! Problems: what is wrong or worth knowing about one field, in words a person acts on.

pub use crate::fields::Field;
use crate::response::DocumentId;
use serde::Serialize;

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Something the builder did for the user, said so they are not surprised.
    Info,
    /// The documents work, but probably not as the user meant.
    Warning,
    /// A document is incomplete or would not work until this is fixed.
    Error,
}

/// A stable identifier for each kind of problem, for tests, scripts and docs to match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The account field is empty.
    AccountMissing,
    /// A placeholder such as `<your-aws-account>` is in the account field.
    AccountPlaceholder,
    /// An alias or name is in the account field.
    AccountAlias,
    /// The account has a character other than digits, spaces and dashes.
    AccountInvalidCharacter,
    /// The account does not have 12 digits.
    AccountLength,
    /// Spaces or dashes were removed from the account.
    AccountNormalised,
    /// The account was taken from a pasted ARN.
    AccountFromArn,
    /// The region field is empty.
    RegionMissing,
    /// An availability zone was given instead of a region.
    RegionAvailabilityZone,
    /// The region is not one the builder knows.
    RegionUnknown,
    /// A console name ("Europe (Ireland)") was read as its region.
    RegionFromName,
    /// The region must be enabled in the account first.
    RegionOptIn,
    /// The partition's service principals are not confirmed by a public source.
    PartitionPrincipalsUnconfirmed,
    /// The listed scope has no secret in it.
    SecretsMissing,
    /// A secret name has a character Secrets Manager does not allow.
    SecretInvalidCharacter,
    /// A secret name is longer than 512 characters.
    SecretTooLong,
    /// An ARN has no name after `secret:`.
    SecretEmptyName,
    /// Text that starts like an ARN is not one.
    SecretArnMalformed,
    /// An ARN of another service was listed as a secret.
    SecretArnOtherService,
    /// An ARN names a partition that does not exist.
    SecretArnUnknownPartition,
    /// An ARN names an unknown region.
    SecretArnRegion,
    /// An ARN's partition does not match its own region.
    SecretArnPartitionMismatch,
    /// An ARN's account is not 12 digits.
    SecretArnAccount,
    /// An ARN is in a different partition from the form's region.
    SecretOtherPartition,
    /// An ARN is in another region than the form's.
    SecretOtherRegion,
    /// An ARN is in another account than the form's.
    SecretOtherAccount,
    /// An ECS `valueFrom` tail was removed.
    SecretValueFromTail,
    /// A partial ARN was completed with `-??????`.
    SecretPartialArn,
    /// A name ends like a random suffix.
    SecretNameLooksSuffixed,
    /// An ARN's suffix reads like a word.
    SecretSuffixLooksLikeWord,
    /// A name uses `*` or `?`.
    SecretWildcard,
    /// A name ends in `-`, which is almost always a paste cut short.
    SecretTrailingDash,
    /// The same entry was listed more than once in one list.
    DuplicateEntry,
    /// "Every secret" grants `"*"`.
    SecretsAll,
    /// A list has more entries than any policy could hold; the rest were not read.
    ListTooLong,
    /// The prefix scope grants every secret under a prefix.
    SecretScopePrefix,
    /// The region scope grants every secret in the region and account.
    SecretScopeRegion,
    /// The prefix scope has no prefix.
    SecretPrefixMissing,
    /// The prefix has a character secret names cannot have.
    SecretPrefixInvalid,
    /// The secret list is ignored because a broader scope is chosen.
    SecretsIgnored,
    /// EC2 was taken out of the task role's trust policy.
    Ec2PrincipalRemoved,
    /// Source conditions are put on their own statement, away from EC2.
    SourceConditionsSeparate,
    /// A KMS entry is not a key ID or key ARN.
    KmsKeyInvalid,
    /// A KMS alias was given; grants need the key itself.
    KmsKeyAlias,
    /// The AWS managed key `aws/secretsmanager` was given; it needs no grant.
    KmsKeyAwsManaged,
    /// A KMS key is in another partition than the region.
    KmsKeyOtherPartition,
    /// A parameter name or ARN is not valid.
    ParameterInvalid,
    /// A parameter name uses `*` or `?`.
    ParameterWildcard,
    /// A bucket name breaks S3's naming rules, or its path holds a character no policy can.
    BucketInvalid,
    /// A bucket was given with a path; objects are granted under that path only.
    BucketPrefix,
    /// A policy has no `Version` or an old one.
    CheckVersion,
    /// A statement has an empty `Action` or `Resource` list.
    CheckEmptyList,
    /// A resource is listed twice in one statement.
    CheckDuplicateResource,
    /// A resource is already matched by a wildcard resource in the same statement.
    CheckRedundantResource,
    /// A check stopped early: the lists were too large to compare on every keystroke.
    CheckSkipped,
    /// A `Sid` is empty, has characters other than letters and digits, or repeats.
    CheckSid,
    /// A trust policy has `Resource`, or an identity policy has `Principal`.
    CheckShape,
    /// A document is larger than IAM accepts.
    DocumentTooLarge,
    /// A role name is longer than 64 characters or has a character IAM does not allow.
    RoleNameInvalid,
    /// A pasted policy is not JSON, or not a policy IAM accepts.
    ExistingPolicyInvalid,
    /// A trust policy was pasted where the secrets policy goes, or the reverse.
    ExistingPolicyWrongKind,
    /// The trust policy is the pasted one with what the agent needs added.
    TrustMerged,
    /// The pasted trust policy already lets the agent assume the role.
    TrustAlreadyAllows,
    /// A `Deny` in the pasted trust policy refuses what the agent needs.
    TrustDenied,
    /// The secrets policy is the pasted one, fixed in place.
    SecretsPolicyFixed,
    /// The pasted secrets policy already allows every listed secret.
    SecretsPolicyAlreadyAllows,
    /// A `Deny` in the pasted secrets policy refuses a listed secret.
    SecretsPolicyDenied,
    /// The pasted secrets policy allows a secret only under a condition.
    SecretsPolicyConditional,
    /// The pasted secrets policy could not be checked for every entry within the budget.
    SecretsPolicyUnchecked,
    /// The pasted trust policy trusts any principal, or uses `NotPrincipal` with `Allow`.
    PastedTrustTooBroad,
    /// The pasted trust policy trusts ECS tasks under conditions their tasks meet.
    TrustConditionsHold,
    /// A condition of the pasted trust policy was widened to let the agent's tasks in.
    TrustConditionWidened,
    /// The pasted trust policy trusts a service only under conditions the builder cannot check.
    TrustConditionUndecided,
    /// The pasted trust policy names `ecs.amazonaws.com` where ECS tasks need `ecs-tasks`.
    TrustNamesEcsService,
    /// The pasted secrets policy allows every action or every resource.
    PastedPolicyTooBroad,
    /// The pasted ECS error is not one about reading secrets.
    EcsErrorUnrecognised,
    /// A field left empty was taken from the pasted ECS error.
    FilledFromEcsError,
    /// The pasted ECS error names another account or region than the form.
    EcsErrorContradicts,
    /// The secret the ECS error names is not in the list.
    EcsErrorSecretNotListed,
    /// The ECS error says the KMS key is what is missing.
    KmsKeyNeeded,
}

impl Code {
    /// Whether a problem of this kind says a document grants more than named secrets and
    /// parameters: every secret, a whole region, a prefix, or a wildcard entry. Such a
    /// warning must be seen wherever the document is, so [`crate::build`] ties it to it.
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
        )
    }
}

impl Code {
    /// Every code, in the order the README's table lists them.
    pub const ALL: [Code; 80] = [
        Code::AccountMissing,
        Code::AccountPlaceholder,
        Code::AccountAlias,
        Code::AccountInvalidCharacter,
        Code::AccountLength,
        Code::AccountNormalised,
        Code::AccountFromArn,
        Code::RegionMissing,
        Code::RegionAvailabilityZone,
        Code::RegionUnknown,
        Code::RegionFromName,
        Code::RegionOptIn,
        Code::PartitionPrincipalsUnconfirmed,
        Code::SecretsMissing,
        Code::SecretInvalidCharacter,
        Code::SecretTooLong,
        Code::SecretEmptyName,
        Code::SecretArnMalformed,
        Code::SecretArnOtherService,
        Code::SecretArnUnknownPartition,
        Code::SecretArnRegion,
        Code::SecretArnPartitionMismatch,
        Code::SecretArnAccount,
        Code::SecretOtherPartition,
        Code::SecretOtherRegion,
        Code::SecretOtherAccount,
        Code::SecretValueFromTail,
        Code::SecretPartialArn,
        Code::SecretNameLooksSuffixed,
        Code::SecretSuffixLooksLikeWord,
        Code::SecretWildcard,
        Code::SecretTrailingDash,
        Code::DuplicateEntry,
        Code::SecretsAll,
        Code::ListTooLong,
        Code::SecretScopePrefix,
        Code::SecretScopeRegion,
        Code::SecretPrefixMissing,
        Code::SecretPrefixInvalid,
        Code::SecretsIgnored,
        Code::Ec2PrincipalRemoved,
        Code::SourceConditionsSeparate,
        Code::KmsKeyInvalid,
        Code::KmsKeyAlias,
        Code::KmsKeyAwsManaged,
        Code::KmsKeyOtherPartition,
        Code::ParameterInvalid,
        Code::ParameterWildcard,
        Code::BucketInvalid,
        Code::BucketPrefix,
        Code::CheckVersion,
        Code::CheckEmptyList,
        Code::CheckDuplicateResource,
        Code::CheckRedundantResource,
        Code::CheckSkipped,
        Code::CheckSid,
        Code::CheckShape,
        Code::DocumentTooLarge,
        Code::RoleNameInvalid,
        Code::ExistingPolicyInvalid,
        Code::ExistingPolicyWrongKind,
        Code::TrustMerged,
        Code::TrustAlreadyAllows,
        Code::TrustDenied,
        Code::SecretsPolicyFixed,
        Code::SecretsPolicyAlreadyAllows,
        Code::SecretsPolicyDenied,
        Code::SecretsPolicyConditional,
        Code::SecretsPolicyUnchecked,
        Code::PastedTrustTooBroad,
        Code::TrustConditionsHold,
        Code::TrustConditionWidened,
        Code::TrustConditionUndecided,
        Code::TrustNamesEcsService,
        Code::PastedPolicyTooBroad,
        Code::EcsErrorUnrecognised,
        Code::FilledFromEcsError,
        Code::EcsErrorContradicts,
        Code::EcsErrorSecretNotListed,
        Code::KmsKeyNeeded,
    ];

    /// How much a problem of this code matters: every problem of it has this severity.
    pub fn severity(self) -> Severity {
        self.documented().0
    }

    /// How much a problem of this code matters, and when it occurs: the one place each
    /// code's severity is written, read by [`Problem::new`], the README's table and the
    /// generated types. The match is exhaustive, so a new code cannot go undocumented.
    pub fn documented(self) -> (Severity, &'static str) {
        use Severity::{Error, Info, Warning};
        match self {
            Code::AccountMissing => (Error, "The account field is empty."),
            Code::AccountPlaceholder => (
                Error,
                "A placeholder such as `<your-aws-account>` is in the account field.",
            ),
            Code::AccountAlias => (Error, "An alias or name is in the account field."),
            Code::AccountInvalidCharacter => (
                Error,
                "The account has a character other than digits, spaces and dashes (named, with its position; invisible and look-alike characters by their Unicode name).",
            ),
            Code::AccountLength => (Error, "The account does not have 12 digits."),
            Code::AccountNormalised => (Info, "Spaces or dashes were removed from the account."),
            Code::AccountFromArn => (Info, "The account was taken from a pasted ARN."),
            Code::RegionMissing => (Error, "The region field is empty."),
            Code::RegionAvailabilityZone => (
                Error,
                "An availability zone or Local Zone was given; its region is suggested.",
            ),
            Code::RegionUnknown => (
                Error,
                "The region is not one the builder knows; the nearest region is suggested.",
            ),
            Code::RegionFromName => (
                Info,
                "A region's console name (\"Ireland\", \"Europe (Ireland)\", in any case, with or without accents) that means exactly one region was read as that region.",
            ),
            Code::RegionOptIn => (Info, "The region must be enabled in the account first."),
            Code::PartitionPrincipalsUnconfirmed => (
                Info,
                "In the isolated partitions the service principals are the commercial names, which no public source confirms.",
            ),
            Code::SecretsMissing => (Error, "The listed scope has no secret in it."),
            Code::SecretInvalidCharacter => (
                Error,
                "A secret name has a character Secrets Manager does not allow.",
            ),
            Code::SecretTooLong => (Error, "A secret name is longer than 512 characters."),
            Code::SecretEmptyName => (Error, "An ARN has no name after `secret:`."),
            Code::SecretArnMalformed => (Error, "Text that starts like an ARN is not one."),
            Code::SecretArnOtherService => (
                Error,
                "An ARN of another service (SSM, KMS, …) was listed as a secret.",
            ),
            Code::SecretArnUnknownPartition => {
                (Error, "An ARN names a partition that does not exist.")
            }
            Code::SecretArnRegion => (Error, "An ARN names an unknown region."),
            Code::SecretArnPartitionMismatch => (
                Error,
                "An ARN's partition does not match its own region (`arn:aws:` in China).",
            ),
            Code::SecretArnAccount => (Error, "An ARN's account is not 12 digits."),
            Code::SecretOtherPartition => (
                Error,
                "An ARN is in a different partition from the form's region.",
            ),
            Code::SecretOtherRegion => (Warning, "An ARN is in another region than the form's."),
            Code::SecretOtherAccount => (
                Warning,
                "An ARN is in another account than the form's (cross-account needs more than this policy).",
            ),
            Code::SecretValueFromTail => (
                Info,
                "An ECS `valueFrom` tail (`:json-key:stage:version`) was removed.",
            ),
            Code::SecretPartialArn => (Info, "A partial ARN was completed with `-??????`."),
            Code::SecretNameLooksSuffixed => (
                Warning,
                "A name ends like a random suffix (`-AbCdEf`); it is kept as a name.",
            ),
            Code::SecretSuffixLooksLikeWord => (
                Warning,
                "An ARN's last six characters were taken as its suffix though they read like a word.",
            ),
            Code::SecretWildcard => (
                Warning,
                "A name uses `*` or `?`; the message says what it matches.",
            ),
            Code::SecretTrailingDash => (
                Warning,
                "A name ends in `-`: legal, but almost always a paste cut short (the policy would allow `name--??????`).",
            ),
            Code::DuplicateEntry => (
                Info,
                "The same entry was listed more than once in one list.",
            ),
            Code::SecretsAll => (Warning, "The every-secret scope grants `\"*\"`."),
            Code::ListTooLong => (
                Error,
                "A list has more than 1,000 entries; the rest were not read.",
            ),
            Code::SecretScopePrefix => (
                Warning,
                "The prefix scope grants every secret under a prefix.",
            ),
            Code::SecretScopeRegion => (
                Warning,
                "The region scope grants every secret in the region and account.",
            ),
            Code::SecretPrefixMissing => (Error, "The prefix scope has no prefix."),
            Code::SecretPrefixInvalid => (
                Error,
                "The prefix has a character secret names cannot have.",
            ),
            Code::SecretsIgnored => (
                Info,
                "The secret list is not used because a broader scope is chosen.",
            ),
            Code::Ec2PrincipalRemoved => (
                Warning,
                "EC2 was taken out of the task role's trust policy: a reused role that is also an EC2 instance profile (Matillion ETL's) would lock its instance out.",
            ),
            Code::SourceConditionsSeparate => (
                Info,
                "Source conditions are put on their own statement, away from EC2.",
            ),
            Code::KmsKeyInvalid => (Error, "A KMS entry is not a key ID or key ARN."),
            Code::KmsKeyAlias => (Error, "A KMS alias was given; grants need the key itself."),
            Code::KmsKeyAwsManaged => (
                Error,
                "The AWS managed key `aws/secretsmanager` was given; it needs no grant.",
            ),
            Code::KmsKeyOtherPartition => {
                (Error, "A KMS key is in another partition than the region.")
            }
            Code::ParameterInvalid => (Error, "A parameter name or ARN is not valid."),
            Code::ParameterWildcard => (Warning, "A parameter name uses `*` or `?`."),
            Code::BucketInvalid => (
                Error,
                "A bucket name breaks S3's naming rules, or its path holds a character no policy can (outside U+0020–U+00FF).",
            ),
            Code::BucketPrefix => (
                Info,
                "A bucket was given with a path; objects are granted under that path only.",
            ),
            Code::CheckVersion => (Error, "A policy has no `Version` or an old one."),
            Code::CheckEmptyList => (
                Error,
                "A statement has an empty `Action` or `Resource` list.",
            ),
            Code::CheckDuplicateResource => {
                (Warning, "A resource is listed twice in one statement.")
            }
            Code::CheckRedundantResource => (
                Warning,
                "A resource is already matched by a wildcard resource of the same statement.",
            ),
            Code::CheckSkipped => (
                Info,
                "The redundant-resource check stopped early: the lists hold too many long wildcard resources to compare on every keystroke (the policy itself is unaffected).",
            ),
            Code::CheckSid => (Error, "A `Sid` repeats within a document."),
            Code::CheckShape => (
                Error,
                "A trust policy has `Resource`, or an identity policy has `Principal`.",
            ),
            Code::DocumentTooLarge => (
                Error,
                "A document is larger than IAM accepts (trust policy 2,048; a role's inline policies 10,240 characters, white space not counted).",
            ),
            Code::RoleNameInvalid => (
                Error,
                "A role name is longer than 64 characters or has a character IAM does not allow in one (letters, digits and `+=,.@_-` only); the default name is used until it is fixed.",
            ),
            Code::ExistingPolicyInvalid => (
                Error,
                "A pasted policy is not JSON (the message gives the line and column and what was expected) or not a policy IAM accepts (it names the element).",
            ),
            Code::ExistingPolicyWrongKind => (
                Error,
                "A trust policy was pasted where the execution role's secrets policy goes, or the reverse; the message says which field it belongs in.",
            ),
            Code::TrustMerged => (
                Info,
                "The trust policy is the pasted one with what the agent needs added; nothing was removed, and the document lists the changes.",
            ),
            Code::TrustAlreadyAllows => (
                Info,
                "The pasted trust policy already lets ECS tasks (and EC2, when that option is on) assume the role: it is returned unchanged.",
            ),
            Code::TrustDenied => (
                Error,
                "A `Deny` statement in the pasted trust policy refuses ECS tasks (or EC2) `sts:AssumeRole`; it is named, and the builder does not remove it.",
            ),
            Code::SecretsPolicyFixed => (
                Info,
                "The secrets policy is the pasted one fixed in place: suffix-less secret ARNs given their `-??????`, what was missing added; the document lists the changes.",
            ),
            Code::SecretsPolicyAlreadyAllows => (
                Info,
                "The pasted secrets policy already allows everything the agent needs: it is returned unchanged.",
            ),
            Code::SecretsPolicyDenied => (
                Error,
                "A `Deny` statement in the pasted secrets policy refuses a secret, key or parameter the agent needs; an `Allow` cannot override it, so the statement is named for you to change.",
            ),
            Code::SecretsPolicyConditional => (
                Warning,
                "The pasted secrets policy allows a secret only under a `Condition` or a policy variable; the builder leaves it and names the keys to check.",
            ),
            Code::SecretsPolicyUnchecked => (
                Warning,
                "The pasted secrets policy's patterns take more comparing than the builder allows for one build, so some entries are marked not checked and the fix adds nothing for them.",
            ),
            Code::PastedTrustTooBroad => (
                Warning,
                "The pasted trust policy lets any principal assume the role (`\"Principal\": \"*\"`, or `NotPrincipal` with `Allow`); it is kept as written and said on the document.",
            ),
            Code::TrustConditionsHold => (
                Info,
                "The pasted trust policy lets ECS tasks assume the role only under conditions (`aws:SourceAccount`, `aws:SourceArn`) that the agent's tasks meet in the typed account and region: it is kept, and nothing is added beside it.",
            ),
            Code::TrustConditionWidened => (
                Warning,
                "A condition of the pasted trust policy named another account or region, or an ARN that is never a task's: the agent's value was added to that condition's list, rather than a statement beside it that would bypass the condition.",
            ),
            Code::TrustConditionUndecided => (
                Warning,
                "The pasted trust policy trusts a service the agent needs only under conditions the builder cannot check (other keys, a cluster, a negated value, no account yet): nothing is added beside them; check they hold.",
            ),
            Code::TrustNamesEcsService => (
                Warning,
                "The pasted trust policy names `ecs.amazonaws.com` (the ECS service) where the agent's tasks need `ecs-tasks.amazonaws.com`.",
            ),
            Code::PastedPolicyTooBroad => (
                Warning,
                "The pasted secrets policy allows every action or every resource (`*`, `NotAction` or `NotResource` with `Allow`); it is kept as written and said on the document.",
            ),
            Code::EcsErrorUnrecognised => (
                Warning,
                "The pasted ECS error is not one the builder recognises as a failure to read secrets (the message says what to paste instead).",
            ),
            Code::FilledFromEcsError => (
                Info,
                "A field left empty (account, region, the secret, the parameter, the execution role's name) was filled from the pasted ECS error; change it if it is wrong.",
            ),
            Code::EcsErrorContradicts => (
                Warning,
                "The pasted ECS error names another account, region or role than the form has; the message names both values.",
            ),
            Code::EcsErrorSecretNotListed => (
                Warning,
                "The secret the ECS error was refused is not in the secret list; the fix adds it.",
            ),
            Code::KmsKeyNeeded => (
                Warning,
                "The ECS error says the role may not decrypt the secret: enter the secret's customer managed KMS key (the error never names it).",
            ),
        }
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

impl Problem {
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
