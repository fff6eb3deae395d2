//! What every host sends: [`Request`] (defined beside the field table, in
//! [`crate::input::fields`], so a field's place in it and its row are one edit), and the choices
//! it holds.

pub use crate::input::fields::Request;
use serde::{Deserialize, Serialize};

/// Declares a choice once: its variants with their ids (the first is the default), what a
/// message says it takes, and what an unknown id is called. The enum (serde reads and writes the ids),
/// `ALL`, `id()`, `TAKES` and `FromStr` come from the one table, so the CLI, the widget,
/// share links and the generated types cannot disagree about a choice's ids.
macro_rules! choices {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident, $what:literal, $takes:literal {
            $(#[doc = $fdoc:literal])* $first:ident = $first_id:literal,
            $($(#[doc = $vdoc:literal])* $variant:ident = $id:literal,)*
        }
    )*) => {$(
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name {
            $(#[doc = $fdoc])* #[default] #[serde(rename = $first_id)] $first,
            $($(#[doc = $vdoc])* #[serde(rename = $id)] $variant,)*
        }

        impl $name {
            /// Every choice, in the order they are offered.
            pub const ALL: &'static [$name] = &[$name::$first, $($name::$variant),*];

            /// What a message says the field takes.
            pub const TAKES: &'static str = $takes;

            /// The name the request, the CLI, the widget and share links use.
            pub fn id(self) -> &'static str {
                match self {
                    $name::$first => $first_id,
                    $($name::$variant => $id,)*
                }
            }
        }

        /// Reads a choice by its id (exactly; hosts lower-case what people type first).
        impl std::str::FromStr for $name {
            type Err = UnknownChoice;

            fn from_str(text: &str) -> Result<Self, UnknownChoice> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|choice| choice.id() == text)
                    .ok_or_else(|| UnknownChoice {
                        text: text.to_owned(),
                        what: $what,
                        takes: $takes,
                    })
            }
        }
    )*};
}

choices! {
    /// Which secrets the execution role (on EKS, the runner role) may read, narrowest first.
    SecretScope, "a secret scope", "listed, prefix, region or all" {
        /// The secrets in `secrets`, each by its exact ARN pattern.
        Listed = "listed",
        /// Every secret whose name starts with `secretPrefix`.
        Prefix = "prefix",
        /// Every secret in the region and account.
        Region = "region",
        /// Every secret, every region (`"*"`).
        All = "all",
    }

    /// Where the agent runs, which decides the documents.
    Platform, "a platform", "ecs-fargate or eks" {
        /// ECS on Fargate: a task role and a task execution role.
        EcsFargate = "ecs-fargate",
        /// Amazon EKS: one runner role its pods assume.
        Eks = "eks",
    }

    /// How the runner's pods on EKS get AWS credentials.
    EksCredentials, "a way for pods to get credentials", "irsa or pod-identity" {
        /// IAM roles for service accounts: the cluster's OIDC tokens, a web-identity trust.
        Irsa = "irsa",
        /// EKS Pod Identity: the EKS Auth service assumes the role for the pod.
        PodIdentity = "pod-identity",
    }
}

/// A choice's id that is not one of its `ALL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChoice {
    /// What was given.
    pub text: String,
    /// What kind of choice it is, e.g. "a secret scope".
    pub what: &'static str,
    /// Its ids, as a message lists them.
    pub takes: &'static str,
}

impl std::fmt::Display for UnknownChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "“{}” is not {}; use {}",
            self.text, self.what, self.takes
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_choice_says_it_takes_every_id_it_has() {
        fn check(ids: Vec<&str>, takes: &str) {
            let listed: Vec<&str> = takes
                .split([',', ' '])
                .filter(|w| !w.is_empty() && *w != "or")
                .collect();
            assert_eq!(ids, listed, "{takes}");
        }
        check(
            SecretScope::ALL.iter().map(|c| c.id()).collect(),
            SecretScope::TAKES,
        );
        check(
            Platform::ALL.iter().map(|c| c.id()).collect(),
            Platform::TAKES,
        );
        check(
            EksCredentials::ALL.iter().map(|c| c.id()).collect(),
            EksCredentials::TAKES,
        );
    }

    #[test]
    fn an_unknown_id_says_what_the_choice_takes() {
        let error = "everything".parse::<SecretScope>().expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "“everything” is not a secret scope; use listed, prefix, region or all"
        );
        assert_eq!("pod-identity".parse(), Ok(EksCredentials::PodIdentity));
        assert_eq!(
            serde_json::to_value(Platform::EcsFargate).expect("serialises"),
            "ecs-fargate"
        );
    }
}
