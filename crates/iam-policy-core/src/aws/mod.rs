//! AWS vocabulary: partitions and their principals and default role names, regions,
//! accounts, secrets, KMS keys, parameters, buckets and console routes — each a newtype
//! valid once built.

pub mod account;
pub mod bucket;
pub mod console;
pub mod kms;
pub mod parameter;
pub mod partition;
pub mod region;
pub mod secret;
