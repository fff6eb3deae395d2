// The npm package's types, generated from the core's types and tables by
// crates/iam-policy-core/src/contract.rs: do not edit. After changing what they
// describe, run `BLESS=1 cargo test --test contract` and review the diff.
//
// build() takes and returns exactly the JSON the CLI reads and prints; mount() takes
// the same settings as a widget's data-* attributes.

/** A request: every field may be left out; a missing or bad value becomes a problem. */
export interface BuildRequest {
  /** Where the agent runs: ecs-fargate (the task role and execution role) or eks (the runner role its pods assume). Default ecs-fargate. */
  platform?: Platform;
  /** On EKS, the error a runner pod logged, as pasted: diagnosed, and empty fields taken from it. */
  eksError?: string;
  /** The error a task stopped with, as pasted: diagnosed, and empty fields taken from it. */
  ecsError?: string;
  /** The 12-digit AWS account ID (dashes and spaces are fine). */
  account?: string;
  /** The region the agent runs in, e.g. eu-west-1. */
  region?: string;
  /** On EKS, how the runner's pods get credentials: irsa (IAM roles for service accounts) or pod-identity. Default irsa. */
  eksCredentials?: EksCredentials;
  /** On EKS with IRSA, the cluster's OpenID Connect provider URL (or the IAM OIDC provider's ARN). */
  oidcIssuer?: string;
  /** On EKS, the Kubernetes namespace the runner runs in. */
  kubernetesNamespace?: string;
  /** On EKS, the runner's Kubernetes service accounts (default matillion-runner-sa). */
  serviceAccounts?: string[];
  /** On EKS, the cluster's name (the commands, and Pod Identity's cluster condition). */
  clusterName?: string;
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
  /** On EKS, the runner role's name, used in links, steps, commands and exports. */
  runnerRoleName?: string;
  /** On EKS, the trust policy the runner role already has, to merge into. */
  existingRunnerTrustPolicy?: string;
  /** The task execution role's name, used in console links, steps and exports. */
  executionRoleName?: string;
  /** The secrets policy the execution role already has, to check and fix. */
  existingSecretsPolicy?: string;
  /** Older requests' spelling of secretScope: "all". */
  allSecrets?: boolean;
}

/** Where the agent runs: ECS Fargate, or Amazon EKS. */
export type Platform =
  | "ecs-fargate"
  | "eks";

/** How the runner's pods on EKS get credentials: IRSA, or EKS Pod Identity. */
export type EksCredentials =
  | "irsa"
  | "pod-identity";

/** Which secrets the execution role (on EKS, the runner role) may read. */
export type SecretScope =
  | "listed"
  | "prefix"
  | "region"
  | "all";

/** Which document: its id in responses, mount()'s documents and exportAs(). */
export type DocumentId =
  | "task-role-trust-policy"
  | "execution-role-secrets-policy"
  | "task-role-permissions-policy"
  | "runner-role-trust-policy"
  | "runner-role-permissions-policy";

/** The documents that could be built, and everything worth telling about the request. */
export interface BuildResponse {
  /** In the order the user applies them. */
  documents: PolicyDocumentEntry[];
  /** Errors first, then warnings, then info. */
  problems: Problem[];
  /** Where the documents point: the partition, and the region and account when valid. */
  target: Target;
  /** With existingSecretsPolicy: what the pasted policy granted each entry, and why. */
  access?: Access[];
  /** With ecsError: what the error means and what to do. */
  diagnosis?: Diagnosis;
  /** On EKS, with eksError: what the pod's error means and what to do. */
  eksDiagnosis?: EksDiagnosis;
}

/** What a pasted ECS error says, and what to do about it. */
export interface Diagnosis {
  cause: DiagnosisCause;
  /** The cause in a few words, as every host heads it. */
  title: string;
  /** The role the error names: the one that needs the permission, or that ECS could not assume. */
  role: string | null;
  /** The account, from the role's or the resource's ARN. */
  account: string | null;
  /** The region, from an ARN, an ECR host or the message's "in region …". */
  region: string | null;
  /** The partition of those ARNs. */
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

/** What a pasted EKS error (a runner pod's log) says, and what to do about it. */
export interface EksDiagnosis {
  cause: EksDiagnosisCause;
  /** The cause in a few words, as every host heads it. */
  title: string;
  /** The role the error names (assumed-role/<role>/<session>). */
  role: string | null;
  /** That role's session: an EC2 instance id (i-…) means the node's role was used. */
  session: string | null;
  /** The account, from an ARN. */
  account: string | null;
  /** The region, from an ARN, the issuer, a regional endpoint or --region. */
  region: string | null;
  /** The partition, from an ARN or a regional host. */
  partition: string | null;
  /** The cluster's issuer (host/path), when the text names a valid one. */
  issuer: string | null;
  /** The secret refused, as the message names it. */
  secret: string | null;
  /** One sentence a person understands. */
  message: string;
  /** What to do, in order. */
  steps: DiagnosisStep[];
  /** The document that is the fix, when one of the builder's is. */
  fix?: DocumentId;
}

/** What a pasted EKS error says went wrong (`EksDiagnosis.cause`). */
export type EksDiagnosisCause =
  | "assume-web-identity-denied"
  | "no-oidc-provider"
  | "incorrect-audience"
  | "secret-access-denied-runner-role"
  | "secret-access-denied-node-role"
  | "pod-identity-cannot-assume"
  | "web-identity-credentials-failed"
  | "expired-token"
  | "unrecognised";

/** What a pasted secrets policy decided for an entry before the fix (`Access.before`). */
export type AccessDecision =
  | "allowed"
  | "denied"
  | "explicitly-denied"
  | "conditional"
  | "undecided";

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

/** The partition, region and account the documents were built for. */
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
  /** On EKS, the runner role's name (the default unless one was given). */
  runnerRole?: string;
  /** On EKS with IRSA, the cluster's issuer (host/path) when valid. */
  issuer?: string;
}

/** One document and how to put it in place. */
export interface PolicyDocumentEntry {
  id: DocumentId;
  /** A heading, e.g. "Task role trust policy". */
  title: string;
  /** The role it belongs to, in the Matillion docs' words. */
  role: string;
  kind: PolicyKind;
  /** The IAM JSON to paste: the builder's, or (origin "existing") the pasted one changed. */
  policy: IamPolicy;
  /** "existing" when made from a pasted policy; "new" when written from the form. */
  origin: Origin;
  /** For an existing policy: what the builder changed, a sentence each (empty: nothing). */
  changes?: string[];
  placement: Placement;
  /** Characters as IAM counts them (no white space), against the limit. */
  size: Size;
  /** False while it holds placeholders for fields that have errors. */
  complete: boolean;
}

/** A role's trust policy, or an inline permissions policy. */
export type PolicyKind =
  | "trust"
  | "inline";

/** Written from the form, or made from a pasted policy. */
export type Origin =
  | "new"
  | "existing";

/** Where a document goes in the AWS console. */
export interface Placement {
  /** The console steps, in order. */
  steps: string[];
  /** The name to give an inline policy. */
  policyName?: string;
  /** AWS managed policies the role also needs, as ARNs of the region's partition. */
  managedPolicies?: string[];
  /** The console page where it goes (the role's trust or permissions tab); none in the partitions without a public console. */
  consoleUrl?: string;
}

/** A document's size as IAM counts it: characters without white space. */
export interface Size {
  /** Characters of the compact JSON. */
  characters: number;
  /** The most IAM accepts for this kind of document. */
  limit: number;
}

/** A policy as IAM reads it: the builder's own (origin "new"), or a pasted one with the builder's changes (origin "existing"), which keeps its own shape. */
export type IamPolicy = NewPolicy | ExistingPolicy;

/** A policy the builder wrote: always the current version, with a list of Allow statements. */
export interface NewPolicy {
  Version: "2012-10-17";
  Statement: NewStatement[];
}

/** A statement the builder wrote. Trust policies name a Principal, permissions policies a Resource. */
export interface NewStatement {
  /** Present only when a document has several statements, to tell them apart. */
  Sid?: string;
  Effect: "Allow";
  /** The services that may assume the role (trust policies). */
  Principal?: { Service: string | string[] };
  Action: string | string[];
  /** What the actions apply to (permissions policies). */
  Resource?: string | string[];
  /** Operator, then condition key, then the values. */
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A pasted policy, as IAM accepts one: Statement may be one object or a list. */
export interface ExistingPolicy {
  Version?: "2012-10-17" | "2008-10-17";
  Id?: unknown;
  Statement: IamStatement | IamStatement[];
}

/** A statement of a pasted policy, with any element IAM accepts. */
export interface IamStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | IamPrincipal;
  NotPrincipal?: "*" | IamPrincipal;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  /** Operator, then condition key, then the values as pasted. */
  Condition?: Record<string, Record<string, unknown>>;
}

/** Who a pasted statement names, by kind. */
export interface IamPrincipal {
  Service?: string | string[];
  AWS?: string | string[];
  Federated?: string | string[];
  CanonicalUser?: string | string[];
}

/** One thing to tell the user, tied to the field that caused it. */
export interface Problem {
  /** The request field it belongs to. */
  field: ProblemField;
  /** Its code's, always. */
  severity: Severity;
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
  fix?: Fix;
}

/** How much a problem matters: an error leaves a document incomplete or not working. */
export type Severity =
  | "error"
  | "warning"
  | "info";

/** Values for several fields that together fix a problem, and what to call doing so. */
export interface Fix {
  /** What the button that applies it says: "Use the prefix matillion/". */
  label: string;
  /** Each field's new text, in the order they are set. */
  set: FieldValue[];
}

/** One field's new text, as a person would type it. */
export interface FieldValue {
  field: ProblemField;
  value: string;
}

/** The request field a problem belongs to; "documents" for a document as a whole. */
export type ProblemField =
  | "platform"
  | "eksError"
  | "ecsError"
  | "account"
  | "region"
  | "eksCredentials"
  | "oidcIssuer"
  | "kubernetesNamespace"
  | "serviceAccounts"
  | "clusterName"
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
  | "runnerRoleName"
  | "existingRunnerTrustPolicy"
  | "executionRoleName"
  | "existingSecretsPolicy"
  | "documents";

/** What kind of problem it is, stable across versions (the README lists each). */
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
  | "kms-key-needed"
  | "oidc-issuer-missing"
  | "oidc-issuer-invalid"
  | "oidc-issuer-cluster-arn"
  | "oidc-issuer-api-endpoint"
  | "oidc-issuer-from-arn"
  | "oidc-issuer-other-region"
  | "oidc-issuer-other-partition"
  | "oidc-provider-other-account"
  | "kubernetes-namespace-invalid"
  | "kubernetes-namespace-wildcard"
  | "service-account-invalid"
  | "service-account-wildcard"
  | "service-accounts-missing"
  | "cluster-name-invalid"
  | "pod-identity-not-on-fargate"
  | "pod-identity-partition-unconfirmed"
  | "web-identity-trust-merged"
  | "web-identity-trust-already-allows"
  | "web-identity-trust-denied"
  | "web-identity-trust-narrowed"
  | "web-identity-trust-too-broad"
  | "runner-trust-not-merged"
  | "eks-error-unrecognised"
  | "filled-from-eks-error"
  | "web-identity-condition-undecided";

/** The formats of exportAs(): the CLI's --format names. */
export type ExportFormat =
  | "json"
  | "aws-cli"
  | "cloudformation"
  | "cloudformation-json"
  | "terraform"
  | "cdk";

/** One export of the request (every document, or the ones asked for), and what to call its file. */
export interface ExportResult {
  format: ExportFormat;
  /** A file name for downloads, e.g. "matillion-agent-roles.ts". */
  fileName: string;
  /** The export itself. */
  text: string;
  /** What must be done before it can be used, in the form's words; only problems about the documents it covers count. */
  notReady?: string;
  /** Whether a document it covers still holds a placeholder such as <account-id>. */
  placeholders: boolean;
}

/** A control a widget may offer or hide. */
export type Control =
  | "secret-scope"
  | "ec2-principal"
  | "source-conditions"
  | "kms-keys"
  | "parameters"
  | "task-role-policy"
  | "existing-roles"
  | "ecs-error"
  | "platform"
  | "eks-credentials"
  | "eks-error";

/** An export tab a widget may offer: exportAs()'s formats but the response itself. */
export type ExportTab =
  | "aws-cli"
  | "cloudformation"
  | "cloudformation-json"
  | "terraform"
  | "cdk";

/** The colour scheme: "auto" follows the host page's theme variables, then the reader's light or dark preference. */
export type Theme =
  | "auto"
  | "light"
  | "dark";

/** A heading level from 1 to 5; the cards' headings are one below it. */
export type HeadingLevel =
  | 1
  | 2
  | 3
  | 4
  | 5;

/** A widget's settings: the same as its data-* attributes (headingLevel is data-heading-level). Form values are where the form starts; the reader may change them. */
export interface MountOptions {
  /** Where the agent runs: ecs-fargate (the task role and execution role) or eks (the runner role its pods assume). */
  platform?: Platform;
  /** On EKS, the error a runner pod logged, as pasted: diagnosed, and empty fields taken from it. */
  eksError?: string;
  /** The error a task stopped with, as pasted: diagnosed, and empty fields taken from it. */
  ecsError?: string;
  /** The 12-digit AWS account ID (dashes and spaces are fine). */
  account?: string;
  /** The region the agent runs in, e.g. eu-west-1. */
  region?: string;
  /** On EKS, how the runner's pods get credentials: irsa (IAM roles for service accounts) or pod-identity. */
  eksCredentials?: EksCredentials;
  /** On EKS with IRSA, the cluster's OpenID Connect provider URL (or the IAM OIDC provider's ARN). */
  oidcIssuer?: string;
  /** On EKS, the Kubernetes namespace the runner runs in. */
  kubernetesNamespace?: string;
  /** On EKS, the runner's Kubernetes service accounts (default matillion-runner-sa). */
  serviceAccounts?: string | string[];
  /** On EKS, the cluster's name (the commands, and Pod Identity's cluster condition). */
  clusterName?: string;
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
  /** On EKS, the runner role's name, used in links, steps, commands and exports. */
  runnerRoleName?: string;
  /** On EKS, the trust policy the runner role already has, to merge into. */
  existingRunnerTrustPolicy?: string;
  /** The task execution role's name, used in console links, steps and exports. */
  executionRoleName?: string;
  /** The secrets policy the execution role already has, to check and fix. */
  existingSecretsPolicy?: string;
  /** Which document cards to show, in order; "none" for none. Default all. */
  documents?: DocumentId[] | string;
  /** Which controls to offer; "none" for none. Default all. */
  options?: Control[] | string;
  /** Which export tabs to offer; "none" hides the exports card. Default all. */
  exports?: ExportTab[] | string;
  /** "auto" (default) follows the host page's theme variables, then the reader's preference. */
  theme?: Theme;
  /** Less padding and no introduction. */
  compact?: boolean;
  /** The builder's title level; the cards' headings are one below. Default 2. */
  headingLevel?: HeadingLevel;
  /** The URL of iam-policy-builder.css. Default: the page's own link to it. */
  stylesheet?: string;
  /** For a page that holds nothing but the builder (the iframe page): it also takes the form and its look from the page's address, and promises that nothing typed leaves it. */
  fromUrl?: true;
}
