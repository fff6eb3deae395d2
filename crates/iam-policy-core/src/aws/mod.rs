//! AWS vocabulary: partitions and their principals and default role names, regions,
//! accounts, secrets, KMS keys, parameters, buckets, console routes, and EKS's issuers and
//! Kubernetes names — each a newtype valid once built.

pub mod account;
pub mod bucket;
pub mod console;
pub mod eks;
pub mod kms;
pub mod parameter;
pub mod partition;
pub mod region;
pub mod secret;
