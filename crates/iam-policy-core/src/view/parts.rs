//! The words of the builder's parts that depend on what the form says: the title and
//! introduction for each platform, and each choice's question and answers. The field
//! table has one label per field, written for the CLI and the ECS form; where EKS asks the
//! same question of another role, the words are decided here, once for every host.

use super::form_input::FormInput;
use crate::input::fields;
use crate::input::problem::Field;
use crate::input::request::{EksCredentials, Platform, SecretScope};

/// What the builder says at its top: its title, and what it does (a compact builder
/// leaves the introduction out). The widget script draws both before the wasm arrives,
/// for the platform the element sets, so they must not change when the builder is live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The title.
    pub title: &'static str,
    /// The introduction, before the privacy note.
    pub intro: &'static str,
}

impl Header {
    /// The title and introduction for a platform. ECS Fargate's are the builder's words from
    /// before EKS, so pages and links made then read as they did.
    pub fn of(platform: Platform) -> Header {
        match platform {
            Platform::EcsFargate => Header {
                title: "IAM policies for the Matillion agent on ECS Fargate",
                intro: "Enter your AWS account, region and the secrets the agent reads. The builder writes the task role's trust policy and the task execution role's inline policy, with secret ARNs that include the six-character suffix AWS adds.",
            },
            Platform::Eks => Header {
                title: "IAM policies for the Matillion agent on Amazon EKS",
                intro: "Enter your AWS account, region, your cluster's details and the secrets the runner reads. The builder writes the runner role's trust policy, for IAM roles for service accounts or EKS Pod Identity, and its permissions policy, with secret ARNs that include the six-character suffix AWS adds.",
            },
        }
    }
}

/// A choice as a radio group: its question, a sentence on it, its answers, the one chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceBox {
    /// The field the choice sets; an answer's id is the field's text.
    pub field: Field,
    /// The question (the group's legend).
    pub legend: &'static str,
    /// A sentence under the question, when it needs one.
    pub hint: Option<&'static str>,
    /// The answers, in the order they are offered.
    pub options: Vec<ChoiceOption>,
    /// The id of the answer chosen.
    pub chosen: &'static str,
}

/// One answer of a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceOption {
    /// Its id: what choosing it sets the field's text to.
    pub id: &'static str,
    /// Its words.
    pub label: &'static str,
}

impl ChoiceBox {
    /// "Where does the agent run?"
    pub(crate) fn platform(input: &FormInput) -> ChoiceBox {
        let label = |p| match p {
            Platform::EcsFargate => "ECS Fargate",
            Platform::Eks => "Amazon EKS",
        };
        let options = options(Platform::ALL, Platform::id, label);
        ChoiceBox::in_the_tables_words(Field::Platform, options, input.platform().id())
    }

    /// How the runner's pods get credentials, on EKS.
    pub(crate) fn eks_credentials(input: &FormInput) -> ChoiceBox {
        let label = |c| match c {
            EksCredentials::Irsa => "IAM roles for service accounts (IRSA)",
            EksCredentials::PodIdentity => "EKS Pod Identity",
        };
        let options = options(EksCredentials::ALL, EksCredentials::id, label);
        let chosen = input.eks_credentials().id();
        ChoiceBox::in_the_tables_words(Field::EksCredentials, options, chosen)
    }

    /// A choice asked in the field table's words: its label, and its hint under it.
    fn in_the_tables_words(
        field: Field,
        options: Vec<ChoiceOption>,
        chosen: &'static str,
    ) -> ChoiceBox {
        let def = fields::def(field);
        ChoiceBox {
            field,
            legend: def.label,
            hint: Some(def.hint),
            options,
            chosen,
        }
    }

    /// Which secrets the role that reads them may read: the execution role on ECS, the
    /// runner role on EKS. Its answers say what each grants, so it needs no hint.
    pub(crate) fn secret_scope(input: &FormInput) -> ChoiceBox {
        ChoiceBox {
            field: Field::SecretScope,
            legend: match input.platform() {
                Platform::EcsFargate => fields::def(Field::SecretScope).label,
                Platform::Eks => "Which secrets may the runner role read?",
            },
            hint: None,
            options: options(
                SecretScope::ALL,
                |s| s.id(),
                |s| match s {
                    SecretScope::Listed => "Only the secrets listed above (recommended)",
                    SecretScope::Prefix => "Every secret whose name starts with a prefix",
                    SecretScope::Region => "Every secret in this region and account",
                    SecretScope::All => "Every secret, in every region (\"Resource\": \"*\")",
                },
            ),
            chosen: input.scope().id(),
        }
    }
}

fn options<T: Copy>(
    all: &[T],
    id: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<ChoiceOption> {
    all.iter()
        .map(|&choice| ChoiceOption {
            id: id(choice),
            label: label(choice),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every answer a choice offers is one its field takes, and each field's answers are
    /// its row's ids, in order: a host sets the field to the id of what was chosen.
    #[test]
    fn every_answer_is_an_id_its_field_takes() {
        let input = FormInput::default();
        for choice in [
            ChoiceBox::platform(&input),
            ChoiceBox::eks_credentials(&input),
            ChoiceBox::secret_scope(&input),
        ] {
            let ids: Vec<&str> = choice.options.iter().map(|o| o.id).collect();
            assert_eq!(ids, fields::def(choice.field).choices());
            assert!(ids.contains(&choice.chosen));
            assert!(choice.options.iter().all(|o| !o.label.is_empty()));
        }
    }

    #[test]
    fn the_scope_names_the_role_that_reads_the_secrets() {
        let (eks, _) = FormInput::starting_with([(Field::Platform, "eks")]);
        assert_eq!(
            ChoiceBox::secret_scope(&FormInput::default()).legend,
            "Which secrets may the execution role read?"
        );
        assert_eq!(
            ChoiceBox::secret_scope(&eks).legend,
            "Which secrets may the runner role read?"
        );
        assert_eq!(ChoiceBox::platform(&eks).chosen, "eks");
    }

    #[test]
    fn each_platform_has_its_own_title_and_the_ecs_one_is_unchanged() {
        assert_eq!(
            Header::of(Platform::EcsFargate).title,
            "IAM policies for the Matillion agent on ECS Fargate"
        );
        let eks = Header::of(Platform::Eks);
        assert!(eks.title.ends_with("on Amazon EKS"));
        assert!(eks.intro.contains("runner role's trust policy"));
    }
}
