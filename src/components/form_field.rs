//! What the form's fields share: the ids of a control's hint and problem list, and its ARIA state.

/// The id of the hint under the control with this id.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// The id of the problem list under the control with this id.
pub fn problems_id(id: &str) -> String {
    format!("{id}-problems")
}

/// `aria-describedby` for the control with this id: its hint, then its problems.
pub fn described_by(id: &str) -> String {
    format!("{} {}", hint_id(id), problems_id(id))
}

/// `aria-invalid` for a control with these problems: the core decides.
pub use iam_policy_core::view::is_invalid;
