//! What every host sends: the form's fields as the user typed them.

use serde::{Deserialize, Serialize};

/// The input to [`crate::build`]. Every field may be missing; a missing or bad value
/// becomes a problem in the response, never a failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Request {
    /// The 12-digit AWS account ID, as typed (`1234-5678-9012` is fine).
    pub account: String,
    /// The region code, e.g. `eu-west-1`.
    pub region: String,
    /// Secret names, ARNs or ECS `valueFrom` strings, one per entry.
    pub secrets: Vec<String>,
    /// Allow every secret (`"Resource": "*"`) instead of the listed ones.
    pub all_secrets: bool,
}
