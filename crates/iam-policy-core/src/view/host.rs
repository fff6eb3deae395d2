//! How much of the builder a host shows, and how it looks. The standalone page shows
//! everything; an embedded widget may trim it to what the surrounding docs explain.

use crate::export::Format;
use crate::input::{Field, fields};
use crate::model::{DocumentId, Role};
use crate::text::with_all;

with_all! {
    /// The advanced controls a host may offer or hide: the ECS builder's in the order it
    /// lays them out, then those EKS brought (hosts list them in this order). A hidden
    /// control keeps the value the host gave it (or the default), so a docs page can fix a
    /// choice for its readers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Control {
        /// Which secrets the policy covers: those listed, a prefix, or every secret.
        SecretScope,
        /// Whether EC2 may assume the task role too.
        Ec2Principal,
        /// Whether the trust policy checks the source account and ARN.
        SourceConditions,
        /// The KMS keys the secrets are encrypted with.
        KmsKeys,
        /// Parameter Store parameters the agent reads.
        Parameters,
        /// Matillion's task role permissions policy and its lists; on EKS, where the runner
        /// role's one policy always grants them, the lists alone (runtime secrets, buckets).
        TaskRolePolicy,
        /// The "new or existing role" choice on the role cards.
        ExistingRoles,
        /// "Task failed to start? Paste the error" at the top of the form (ECS).
        EcsError,
        /// "Where does the agent run?": ECS Fargate or Amazon EKS. A docs page about one of
        /// them sets the platform and hides the choice.
        Platform,
        /// On EKS, how the runner's pods get credentials: IRSA or EKS Pod Identity.
        EksCredentials,
        /// On EKS, "Runner pod can't get AWS credentials? Paste its error".
        EksError,
    }
}

impl Control {
    /// The form field the control sets.
    pub fn field(self) -> Field {
        match self {
            Control::SecretScope => Field::SecretScope,
            Control::Ec2Principal => Field::Ec2Principal,
            Control::SourceConditions => Field::SourceConditions,
            Control::KmsKeys => Field::KmsKeys,
            Control::Parameters => Field::Parameters,
            Control::TaskRolePolicy => Field::TaskRolePolicy,
            // The choice sets the pasted policies; the trust policy's stands for both.
            Control::ExistingRoles => Field::ExistingTrustPolicy,
            Control::EcsError => Field::EcsError,
            Control::Platform => Field::Platform,
            Control::EksCredentials => Field::EksCredentials,
            Control::EksError => Field::EksError,
        }
    }

    /// Whether the control lives under "Advanced options" (the choices and the paste
    /// boxes are out in the open).
    pub fn is_advanced(self) -> bool {
        !matches!(
            self,
            Control::SecretScope
                | Control::ExistingRoles
                | Control::EcsError
                | Control::Platform
                | Control::EksCredentials
                | Control::EksError
        )
    }

    /// The name hosts write in `data-options`: its field's attribute without `data-`
    /// (`kms-keys`).
    pub fn id(self) -> String {
        if self == Control::ExistingRoles {
            return "existing-roles".to_owned();
        }
        let attribute = fields::def(self.field()).attribute();
        attribute
            .strip_prefix("data-")
            .unwrap_or(&attribute)
            .to_owned()
    }
}

with_all! {
    /// The colour scheme. `Auto` follows the host page's theme variables (mdBook's `--fg`,
    /// `--bg`, …) where it has them, and the reader's light/dark preference otherwise.
    /// Declared in the order hosts list them.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub enum Theme {
        #[default]
        /// Follows the host page's theme or the reader's preference.
        Auto,
        /// Light whatever the page.
        Light,
        /// Dark whatever the page.
        Dark,
    }
}

impl Theme {
    /// The name hosts write in `data-theme`.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The exports a host may offer: every format but the response's own JSON (the first),
/// since the per-document JSON is in the document cards already.
pub const EXPORT_FORMATS: &[Format] = match Format::ALL.split_first() {
    Some((Format::Json, rest)) => rest,
    _ => panic!("Format::ALL starts with Json"),
};

/// A heading level from 1 to 5; the cards' headings sit one level below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingLevel(u8);

impl HeadingLevel {
    /// The page's own title.
    pub const PAGE: HeadingLevel = HeadingLevel(1);
    /// A widget inside a docs page, which has its own `h1`.
    pub const WIDGET: HeadingLevel = HeadingLevel(2);

    /// `None` outside 1–5 (cards need the level below, and there is no `h7`).
    pub fn new(level: u8) -> Option<HeadingLevel> {
        (1..=5).contains(&level).then_some(HeadingLevel(level))
    }

    /// The builder's title tag, e.g. `h2`.
    pub fn title_tag(self) -> &'static str {
        ["h1", "h2", "h3", "h4", "h5"][usize::from(self.0 - 1)]
    }

    /// The cards' heading tag, one level below the title.
    pub fn card_tag(self) -> &'static str {
        ["h2", "h3", "h4", "h5", "h6"][usize::from(self.0 - 1)]
    }

    /// A heading inside a card, one below the card's (`h6` at most: HTML has no `h7`).
    pub fn section_tag(self) -> &'static str {
        ["h3", "h4", "h5", "h6", "h6"][usize::from(self.0 - 1)]
    }
}

/// The names of one builder's landmarks (its form, its cards' area, its JSON blocks, its
/// diagnosis). Screen readers list a page's landmarks by role and name, and axe's
/// `landmark-unique` asks that no two share both: with two widgets on a docs page every
/// name came twice. The first builder keeps the plain names; each later one adds its number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LandmarkNames {
    /// The builder's place among those mounted in this page (from 1), which also makes
    /// its element ids.
    instance: u32,
}

impl LandmarkNames {
    /// Names for the builder that is `instance`-th on its page (from 1).
    pub fn new(instance: u32) -> LandmarkNames {
        LandmarkNames { instance }
    }

    /// `base` for the first builder, `base, builder 2` for the second.
    pub fn name(self, base: &str) -> String {
        if self.instance <= 1 {
            base.to_owned()
        } else {
            format!("{base}, builder {}", self.instance)
        }
    }
}

/// Whose page the builder is in, which decides what it can truthfully promise about the
/// text typed into it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Surroundings {
    /// A page that holds only the builder: the standalone page, the iframe embed page.
    #[default]
    OwnPage,
    /// Someone else's page, whose scripts (analytics, session recorders) can read the
    /// widget's fields: its shadow root is open and key events reach the page anyway.
    HostPage,
}

impl Surroundings {
    /// The sentence the introduction ends with.
    pub fn privacy_note(self) -> &'static str {
        match self {
            Surroundings::OwnPage => {
                "Everything happens in this page: nothing you type is sent anywhere."
            }
            Surroundings::HostPage => {
                "The builder sends nothing you type anywhere, but like any form on this page it can be read by the page's own scripts."
            }
        }
    }
}

/// What the builder shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The document cards, in this order (each only once the request produces it).
    pub documents: Vec<DocumentId>,
    /// The advanced controls offered.
    pub controls: Vec<Control>,
    /// The export tabs; none hides the exports card.
    pub exports: Vec<Format>,
    /// The look: light, dark, or the page's.
    pub theme: Theme,
    /// Less padding, no introduction: for a widget between paragraphs of docs.
    pub compact: bool,
    /// The builder's title level; the cards sit one below.
    pub heading_level: HeadingLevel,
    /// Whose page the builder is in.
    pub surroundings: Surroundings,
}

impl Default for View {
    /// Everything, as the standalone page shows it.
    fn default() -> Self {
        View {
            // Grouped by role, in the order the console work is done: the task role's two
            // documents, then the execution role's.
            documents: vec![
                DocumentId::TaskRoleTrustPolicy,
                DocumentId::TaskRolePermissionsPolicy,
                DocumentId::ExecutionRoleSecretsPolicy,
            ],
            controls: Control::ALL.to_vec(),
            exports: EXPORT_FORMATS.to_vec(),
            theme: Theme::Auto,
            compact: false,
            heading_level: HeadingLevel::PAGE,
            surroundings: Surroundings::OwnPage,
        }
    }
}

impl View {
    /// The switches this view turns on unless the host sets them: asking for the
    /// permissions policy's card (among fewer than all) means wanting the policy.
    pub fn switches_turned_on(&self) -> Vec<Field> {
        let asks_for_permissions = self
            .documents
            .contains(&DocumentId::TaskRolePermissionsPolicy)
            // Listing every ECS document (the runner role's are EKS's) is not asking for it.
            && self.documents.len()
                < DocumentId::ALL
                    .iter()
                    .filter(|d| d.role() != Role::Runner)
                    .count();
        if asks_for_permissions {
            vec![Field::TaskRolePolicy]
        } else {
            Vec::new()
        }
    }

    /// Whether the host offers this control.
    pub fn offers(&self, control: Control) -> bool {
        self.controls.contains(&control)
    }

    /// The root element's classes.
    pub fn root_class(&self) -> String {
        let mut class = String::from("ipb");
        match self.theme {
            Theme::Auto => {}
            Theme::Light => class.push_str(" ipb--light"),
            Theme::Dark => class.push_str(" ipb--dark"),
        }
        if self.compact {
            class.push_str(" ipb--compact");
        }
        if self.surroundings == Surroundings::OwnPage {
            class.push_str(" ipb--own-page");
        }
        class
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_later_builders_number_their_landmarks() {
        assert_eq!(
            LandmarkNames::new(1).name("Generated policies"),
            "Generated policies"
        );
        assert_eq!(
            LandmarkNames::new(2).name("Generated policies"),
            "Generated policies, builder 2"
        );
        assert_eq!(
            LandmarkNames::default().name("Terraform export"),
            "Terraform export"
        );
    }

    #[test]
    fn heading_levels_stop_where_html_headings_do() {
        assert_eq!(HeadingLevel::new(0), None);
        assert_eq!(HeadingLevel::new(6), None);
        let deepest = HeadingLevel::new(5).expect("5 is a level");
        assert_eq!((deepest.title_tag(), deepest.card_tag()), ("h5", "h6"));
        assert_eq!(
            (
                HeadingLevel::PAGE.title_tag(),
                HeadingLevel::PAGE.card_tag()
            ),
            ("h1", "h2")
        );
    }

    #[test]
    fn the_root_class_carries_theme_density_and_surroundings() {
        assert_eq!(View::default().root_class(), "ipb ipb--own-page");
        let view = View {
            theme: Theme::Dark,
            compact: true,
            surroundings: Surroundings::HostPage,
            ..View::default()
        };
        assert_eq!(view.root_class(), "ipb ipb--dark ipb--compact");
    }
}
