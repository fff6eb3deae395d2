//! The optional lists: KMS keys, Parameter Store parameters, S3 staging buckets.

use super::lists::{Entries, Finding, read_list};
use super::quote;
use super::secrets::wildcard_message;
use crate::aws::bucket::Bucket;
use crate::aws::kms::{KmsKey, KmsKeyError};
use crate::aws::parameter::Parameter;
use crate::aws::partition::Partition;
use crate::aws::secret::Place;
use crate::input::problem::{Code, Field, Problem};

/// ARNs are compared by their text, so a neutral place is enough for duplicates.
const KEY_PLACE: Place<'static> = Place {
    partition: "",
    region: "",
    account: "",
};

pub(crate) fn read_kms_keys(
    entries: &[String],
    partition: &'static Partition,
    problems: &mut Vec<Problem>,
) -> Entries<KmsKey> {
    read_list(
        entries,
        Field::KmsKeys,
        problems,
        |entry| {
            let key = KmsKey::parse(entry).map_err(|error| {
                let code = match error {
                    KmsKeyError::Alias => Code::KmsKeyAlias,
                    KmsKeyError::AwsManaged => Code::KmsKeyAwsManaged,
                    KmsKeyError::Invalid => Code::KmsKeyInvalid,
                };
                Finding::new(code, format!("{} {error}", quote(entry)))
            })?;
            match key.partition() {
                Some(other) if other != partition => Err(Finding::new(
                    Code::KmsKeyOtherPartition,
                    format!(
                        "{} is in partition {}, but the region is in {} — check the region or the key.",
                        quote(entry),
                        other.id,
                        partition.id
                    ),
                )),
                _ => Ok((key, Vec::new())),
            }
        },
        |key| key.arn(&KEY_PLACE),
    )
}

pub(crate) fn read_parameters(
    entries: &[String],
    problems: &mut Vec<Problem>,
) -> Entries<Parameter> {
    read_list(
        entries,
        Field::Parameters,
        problems,
        |entry| {
            let parameter = Parameter::parse(entry).map_err(|error| {
                Finding::new(Code::ParameterInvalid, format!("{} {error}", quote(entry)))
            })?;
            let findings = if parameter.has_wildcard() {
                vec![Finding::new(
                    Code::ParameterWildcard,
                    wildcard_message(entry),
                )]
            } else {
                Vec::new()
            };
            Ok((parameter, findings))
        },
        |parameter| parameter.arn(&KEY_PLACE),
    )
}

pub(crate) fn read_buckets(entries: &[String], problems: &mut Vec<Problem>) -> Entries<Bucket> {
    read_list(
        entries,
        Field::StagingBuckets,
        problems,
        |entry| {
            let bucket = Bucket::parse(entry).map_err(|error| {
                Finding::new(Code::BucketInvalid, format!("{} {error}", quote(entry)))
            })?;
            let findings = match bucket.prefix() {
                Some(prefix) => vec![Finding::new(
                    Code::BucketPrefix,
                    format!(
                        "Objects in {} are granted under {} only; s3:ListBucket still covers the whole bucket.",
                        quote(entry),
                        quote(prefix)
                    ),
                )],
                None => Vec::new(),
            };
            Ok((bucket, findings))
        },
        |bucket| bucket.objects_arn(""),
    )
}
