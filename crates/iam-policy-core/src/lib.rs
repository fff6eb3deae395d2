//! Builds the IAM documents the Matillion agent ("Maia runner") needs on ECS Fargate: the
//! task role's trust policy and the task execution role's inline policy for its secrets.
//!
//! One entry point, [`build()`], serves every host — the page, the embedded widget, the JS
//! API and the CLI. It never fails: it returns every document it can build and a list of
//! [`Problem`]s, each tied to the request field that caused it.
//!
//! ```
//! use iam_policy_core::{build, Request};
//!
//! let response = build(&Request {
//!     account: "1234-5678-9012".into(),
//!     region: "eu-west-1".into(),
//!     secrets: vec!["matillion/agent".into()],
//!     ..Request::default()
//! });
//! let policy = serde_json::to_value(&response.documents[1].policy).unwrap();
//! assert_eq!(
//!     policy["Statement"][0]["Resource"][0],
//!     "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????"
//! );
//! // The dashes were removed, and the response says so.
//! assert_eq!(response.problems[0].message, "Removed the spaces and dashes: using 123456789012.");
//! ```

// The folders are layers, lowest first; a module imports only from its own layer or a lower
// one (tests/layers.rs holds that). ARCHITECTURE.md draws them.

// Characters, quoting, counts, suggestions, hashing, IAM's wildcard matching on a budget.
pub mod text;

// Partitions, regions, accounts, secrets, keys, parameters, buckets, console routes.
pub mod aws;

// The policy model, the order-keeping JSON of a pasted policy, sizes, document ids.
pub mod model;

// The field table, the request, problems, and `FormInput` (the form as typed).
pub mod input;

// The form reader, pasted policies and their evaluator, the ECS error reader.
pub mod read;

// The documents built from what was read, and their checks.
pub mod documents;

// The one entry point, build(), and the Response every host gets.
pub mod build;

// The documents as AWS CLI, CloudFormation, Terraform and CDK.
pub mod export;

// The builder as hosts draw it: the form as typed, what a host shows, the view model.
pub mod view;

// The declarations and tables generated for every host.
pub mod contract;

pub use build::{Response, build};
pub use export::{Export, Format, export};
pub use input::{Code, Field, FieldValue, Fix, Problem, Request, SecretScope, Severity};
pub use model::{Document, DocumentId};
pub use read::form::{ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER};
pub use text::{one_line, shell_quoted, thousands};
