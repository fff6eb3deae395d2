//! The builder as a host shows it: what a host may show or hide ([`View`]), the form as
//! typed ([`FormInput`], changed only by [`Edit`]s), and what the builder shows, derived
//! from both and the [`Response`](crate::Response) ([`Screen`]). Every host that draws the
//! builder — the page, the widget, the iframe page — renders a `Screen` and sends `Edit`s.

pub mod form_input;
pub mod host;
pub mod parts;
pub mod screen;

pub use form_input::{Edit, FormInput, Refused, RoleChoice, name_field, policy_field};
pub use host::{Control, EXPORT_FORMATS, HeadingLevel, LandmarkNames, Surroundings, Theme, View};
pub use parts::{ChoiceBox, ChoiceOption, Header};
pub use screen::{
    Advanced, Card, ClusterFields, DiagnosisCard, DocumentCard, ErrorBox, ExportsCard, ListsPlace,
    RoleChoiceBox, Screen, is_invalid,
};
