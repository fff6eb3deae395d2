// The JS API's types. `build()` takes and returns exactly the JSON the CLI reads and
// prints; `mount()` takes the same settings as a widget's data-* attributes.

// <generated: build-request>
/** A request: every field may be left out; a missing or bad value becomes a problem. */
export interface BuildRequest {
  /** The error a task stopped with, as pasted: diagnosed, and empty fields taken from it. */
  ecsError?: string;
  /** The 12-digit AWS account ID (dashes and spaces are fine). */
  account?: string;
  /** The region the agent runs in, e.g. eu-west-1. */
  region?: string;
  /** Secret names, ARNs or ECS valueFrom strings the execution role reads. */
  secrets?: string[];
  /** Which secrets the execution role may read: listed, prefix, region or all. Default listed. */
  secretScope?: SecretScope;
  /** The name prefix for the prefix scope, e.g. prod/. */
  secretPrefix?: string;
  /** Let EC2 assume the task role too, as the Matillion docs do (needed only when the role is also an EC2 instance profile). Default true. */
  ec2Principal?: boolean;
  /** Only this account's ECS tasks may assume the task role (aws:SourceAccount and aws:SourceArn conditions). Default false. */
  sourceConditions?: boolean;
  /** Customer managed KMS key IDs or ARNs that encrypt the secrets. */
  kmsKeys?: string[];
  /** Parameter Store names or ARNs the task definition references. */
  parameters?: string[];
  /** Also build the task role's permissions policy, from Matillion's current docs. Default false. */
  taskRolePolicy?: boolean;
  /** Secrets pipelines read at run time (task role permissions policy). */
  runtimeSecrets?: string[];
  /** S3 staging buckets: names, s3:// URLs or ARNs (task role permissions policy). */
  stagingBuckets?: string[];
  /** The task role's name, used in console links, steps and exports. */
  taskRoleName?: string;
  /** The trust policy the task role already has, to merge into. */
  existingTrustPolicy?: string;
  /** The task execution role's name, used in console links, steps and exports. */
  executionRoleName?: string;
  /** The secrets policy the execution role already has, to check and fix. */
  existingSecretsPolicy?: string;
  /** Older requests' spelling of secretScope: "all". */
  allSecrets?: boolean;
}
// </generated>

// <generated: secret-scope>
export type SecretScope =
  | "listed"
  | "prefix"
  | "region"
  | "all";
// </generated>

export type DocumentId =
  | "task-role-trust-policy"
  | "execution-role-secrets-policy"
  | "task-role-permissions-policy";

/** The documents that could be built, and everything worth telling about the request. */
export interface BuildResponse {
  /** In the order the user applies them. */
  documents: PolicyDocumentEntry[];
  /** Errors first, then warnings, then info. */
  problems: Problem[];
  target: Target;
  /** With existingSecretsPolicy: what the pasted policy granted each entry, and why. */
  access?: Access[];
  /** With ecsError: what the error means and what to do. */
  diagnosis?: Diagnosis;
}

/** What a pasted ECS error says. */
export interface Diagnosis {
  cause: DiagnosisCause;
  /** The cause in a few words, as every host heads it. */
  title: string;
  /** The role the error names: the one that needs the permission, or that ECS could not assume. */
  role: string | null;
  account: string | null;
  region: string | null;
  partition: string | null;
  /** What the call was refused on, or what was not found (a secret's ARN with its real suffix, a parameter's name, a role's ARN). */
  resource: string | null;
  /** The action refused, e.g. "secretsmanager:GetSecretValue". */
  action: string | null;
  /** The JSON key the task definition asked for (json-key-missing). */
  jsonKey?: string;
  /** The policy that denies (explicit-deny): a kind IAM names, and its ARN when the error has a valid one. */
  denyPolicy?: string;
  /** One sentence a person understands. */
  message: string;
  /** What to do, in order. */
  steps: DiagnosisStep[];
  /** The document that is the fix, when one of the builder's is. */
  fix?: DocumentId;
}

/** One thing to do about a pasted ECS error. */
export interface DiagnosisStep {
  /** What to do, in a sentence. */
  text: string;
  /** The AWS CLI command that does or checks it: the builder's own words, with values it validated quoted for a POSIX shell — never text from the error. */
  command?: string;
}

// <generated: diagnosis-cause>
/** What a pasted ECS error says went wrong (`Diagnosis.cause`). */
export type DiagnosisCause =
  | "secret-access-denied"
  | "parameter-access-denied"
  | "kms-access-denied"
  | "explicit-deny"
  | "secret-not-found"
  | "secret-value-missing"
  | "secret-scheduled-for-deletion"
  | "json-key-missing"
  | "secret-not-json"
  | "secret-reference-invalid"
  | "parameter-not-found"
  | "secrets-unreadable"
  | "network"
  | "execution-role-missing"
  | "role-not-assumable"
  | "service-linked-role-missing"
  | "self-assume-denied"
  | "assume-role-denied"
  | "pass-role-denied"
  | "registry-auth"
  | "ecr-access-denied"
  | "private-registry-auth"
  | "image-not-found"
  | "image-platform"
  | "image-pull-access-denied"
  | "image-pull-failed"
  | "logger-args"
  | "other-access-denied"
  | "unrecognised";
// </generated>

// <generated: access-decision>
/** What a pasted secrets policy decided for an entry before the fix (`Access.before`). */
export type AccessDecision =
  | "allowed"
  | "denied"
  | "explicitly-denied"
  | "conditional"
  | "undecided";
// </generated>

/** What a pasted secrets policy decided for one secret, key or parameter, before the fix. */
export interface Access {
  /** The entry as typed, or the scope's pattern. */
  entry: string;
  /** What the builder grants for it. */
  resource: string;
  /** The action checked, e.g. "secretsmanager:GetSecretValue". */
  action: string;
  before: AccessDecision;
  /** The deciding statement: its Sid, or its 1-based position. */
  statement: string | null;
  /** Why, in a sentence. */
  reason: string;
  /** The secret's page in the Secrets Manager console, where its full ARN is shown. */
  consoleUrl?: string;
}

export interface Target {
  /** The ARN partition, e.g. "aws-cn". */
  partition: string;
  /** The partition's DNS suffix, e.g. "amazonaws.com.cn". */
  dnsSuffix: string;
  /** The region code, when the region field is valid. */
  region: string | null;
  /** The account ID, when the account field is valid. */
  account: string | null;
  /** The task role's name (the default unless one was given). */
  taskRole: string;
  /** The task execution role's name. */
  executionRole: string;
}

export interface PolicyDocumentEntry {
  id: DocumentId;
  title: string;
  /** The role it belongs to, in the Matillion docs' words. */
  role: string;
  kind: "trust" | "inline";
  /** The IAM JSON to paste: the builder's, or (origin "existing") the pasted one changed. */
  policy: IamPolicy;
  /** "existing" when made from a pasted policy; "new" when written from the form. */
  origin: "new" | "existing";
  /** For an existing policy: what the builder changed, a sentence each (empty: nothing). */
  changes?: string[];
  placement: Placement;
  /** Characters as IAM counts them (no white space), against the limit. */
  size: { characters: number; limit: number };
  /** False while it holds placeholders for fields that have errors. */
  complete: boolean;
}

/** A policy as IAM reads it. The builder's own are always version 2012-10-17 with a list of
 * Allow statements; a pasted one keeps its own shape. */
export interface IamPolicy {
  Version?: "2012-10-17" | "2008-10-17";
  Id?: string;
  Statement: IamStatement | IamStatement[];
}

export interface IamStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { Service?: string | string[]; AWS?: string | string[]; Federated?: string | string[]; CanonicalUser?: string | string[] };
  NotPrincipal?: { Service?: string | string[]; AWS?: string | string[]; Federated?: string | string[]; CanonicalUser?: string | string[] };
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface Placement {
  /** The console steps, in order. */
  steps: string[];
  /** The name to give an inline policy. */
  policyName?: string;
  /** AWS managed policies the role also needs, as ARNs of the region's partition. */
  managedPolicies?: string[];
  /** The console page where it goes (the role's trust or permissions tab); none in the
   * partitions without a public console. */
  consoleUrl?: string;
}

export interface Problem {
  /** The request field it belongs to. */
  field: ProblemField;
  severity: "error" | "warning" | "info";
  /** Stable: match on it (the README lists every code). */
  code: ProblemCode;
  /** For people: names the field and the fix. */
  message: string;
  /** The list entry it is about, counted from 0. */
  entry?: number;
  /** A replacement value the user may accept as it is. */
  suggestion?: string;
  /** The document it is about, for problems with a document as a whole. */
  document?: DocumentId;
  /** A fix that sets several fields at once, in order (a scope and its prefix). */
  fix?: { label: string; set: { field: ProblemField; value: string }[] };
}

// <generated: problem-field>
export type ProblemField =
  | "ecsError"
  | "account"
  | "region"
  | "secrets"
  | "secretScope"
  | "secretPrefix"
  | "ec2Principal"
  | "sourceConditions"
  | "kmsKeys"
  | "parameters"
  | "taskRolePolicy"
  | "runtimeSecrets"
  | "stagingBuckets"
  | "taskRoleName"
  | "existingTrustPolicy"
  | "executionRoleName"
  | "existingSecretsPolicy"
  | "documents";
// </generated>

// <generated: problem-code>
export type ProblemCode =
  | "account-missing"
  | "account-placeholder"
  | "account-alias"
  | "account-invalid-character"
  | "account-length"
  | "account-normalised"
  | "account-from-arn"
  | "region-missing"
  | "region-availability-zone"
  | "region-unknown"
  | "region-from-name"
  | "region-opt-in"
  | "partition-principals-unconfirmed"
  | "secrets-missing"
  | "secret-invalid-character"
  | "secret-too-long"
  | "secret-empty-name"
  | "secret-arn-malformed"
  | "secret-arn-other-service"
  | "secret-arn-unknown-partition"
  | "secret-arn-region"
  | "secret-arn-partition-mismatch"
  | "secret-arn-account"
  | "secret-other-partition"
  | "secret-other-region"
  | "secret-other-account"
  | "secret-value-from-tail"
  | "secret-partial-arn"
  | "secret-name-looks-suffixed"
  | "secret-suffix-looks-like-word"
  | "secret-wildcard"
  | "secret-trailing-dash"
  | "duplicate-entry"
  | "secrets-all"
  | "list-too-long"
  | "secret-scope-prefix"
  | "secret-scope-region"
  | "secret-prefix-missing"
  | "secret-prefix-invalid"
  | "secrets-ignored"
  | "ec2-principal-removed"
  | "source-conditions-separate"
  | "kms-key-invalid"
  | "kms-key-alias"
  | "kms-key-aws-managed"
  | "kms-key-other-partition"
  | "parameter-invalid"
  | "parameter-wildcard"
  | "bucket-invalid"
  | "bucket-prefix"
  | "check-version"
  | "check-empty-list"
  | "check-duplicate-resource"
  | "check-redundant-resource"
  | "check-skipped"
  | "check-sid"
  | "check-shape"
  | "document-too-large"
  | "role-name-invalid"
  | "existing-policy-invalid"
  | "existing-policy-wrong-kind"
  | "trust-merged"
  | "trust-already-allows"
  | "trust-denied"
  | "secrets-policy-fixed"
  | "secrets-policy-already-allows"
  | "secrets-policy-denied"
  | "secrets-policy-conditional"
  | "secrets-policy-unchecked"
  | "pasted-trust-too-broad"
  | "trust-conditions-hold"
  | "trust-condition-widened"
  | "trust-condition-undecided"
  | "trust-names-ecs-service"
  | "pasted-policy-too-broad"
  | "ecs-error-unrecognised"
  | "filled-from-ecs-error"
  | "ecs-error-contradicts"
  | "ecs-error-secret-not-listed"
  | "kms-key-needed";
// </generated>

/** The formats of exportAs(): the CLI's --format names. */
export type ExportFormat =
  | "json"
  | "aws-cli"
  | "cloudformation"
  | "cloudformation-json"
  | "terraform"
  | "cdk";

export interface ExportResult {
  format: ExportFormat;
  /** A file name for downloads, e.g. "matillion-agent-roles.tf". */
  fileName: string;
  text: string;
}

/** A control a widget may offer or hide. */
export type Control =
  | "secret-scope"
  | "ec2-principal"
  | "source-conditions"
  | "kms-keys"
  | "parameters"
  | "task-role-policy"
  | "existing-roles";

/**
 * A widget's settings: the same as its data-* attributes (headingLevel is
 * data-heading-level). Form values are where the form starts; the reader may change them.
 */
export interface MountOptions {
  // <generated: mount-form-options>
  /** The error a task stopped with, as pasted: diagnosed, and empty fields taken from it. */
  ecsError?: string;
  /** The 12-digit AWS account ID (dashes and spaces are fine). */
  account?: string;
  /** The region the agent runs in, e.g. eu-west-1. */
  region?: string;
  /** Secret names, ARNs or ECS valueFrom strings the execution role reads. */
  secrets?: string | string[];
  /** Which secrets the execution role may read: listed, prefix, region or all. */
  secretScope?: SecretScope;
  /** The name prefix for the prefix scope, e.g. prod/. */
  secretPrefix?: string;
  /** Let EC2 assume the task role too, as the Matillion docs do (needed only when the role is also an EC2 instance profile). */
  ec2Principal?: boolean;
  /** Only this account's ECS tasks may assume the task role (aws:SourceAccount and aws:SourceArn conditions). */
  sourceConditions?: boolean;
  /** Customer managed KMS key IDs or ARNs that encrypt the secrets. */
  kmsKeys?: string | string[];
  /** Parameter Store names or ARNs the task definition references. */
  parameters?: string | string[];
  /** Also build the task role's permissions policy, from Matillion's current docs. */
  taskRolePolicy?: boolean;
  /** Secrets pipelines read at run time (task role permissions policy). */
  runtimeSecrets?: string | string[];
  /** S3 staging buckets: names, s3:// URLs or ARNs (task role permissions policy). */
  stagingBuckets?: string | string[];
  /** The task role's name, used in console links, steps and exports. */
  taskRoleName?: string;
  /** The trust policy the task role already has, to merge into. */
  existingTrustPolicy?: string;
  /** The task execution role's name, used in console links, steps and exports. */
  executionRoleName?: string;
  /** The secrets policy the execution role already has, to check and fix. */
  existingSecretsPolicy?: string;
// </generated>
  /** Which document cards to show, in order; "none" for none. Default all. */
  documents?: DocumentId[] | string;
  /** Which advanced controls to offer; "none" for none. Default all. */
  options?: Control[] | string;
  /** Which export tabs to offer; "none" hides the exports card. Default all but json. */
  exports?: Exclude<ExportFormat, "json">[] | string;
  /** "auto" (default) follows the host page's theme variables, then the reader's preference. */
  theme?: "auto" | "light" | "dark";
  /** Less padding and no introduction. */
  compact?: boolean;
  /** The builder's title level, 1 to 5; the cards' headings are one below. Default 2. */
  headingLevel?: 1 | 2 | 3 | 4 | 5;
  /** The URL of iam-policy-builder.css. Default: the page's own link to it. */
  stylesheet?: string;
}
