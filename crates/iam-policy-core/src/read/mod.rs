//! The readers: the form's fields into checked values, pasted policies (read, evaluated
//! as IAM would, merged or fixed), and a stopped task's ECS error.

/// Declares an error reader's causes once: each variant with its id and title, so the enum,
/// `ALL`, `id()` and `title()` (and the generated types) cannot disagree.
macro_rules! causes {
    ($name:ident; $($(#[doc = $doc:literal])* $variant:ident = $id:literal, $title:literal;)*) => {
        /// What went wrong, as the error tells it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum $name {
            $($(#[doc = $doc])* #[serde(rename = $id)] $variant,)*
        }

        impl $name {
            /// Every cause, in the order the table lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Its id in responses, e.g. `secret-access-denied`.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            /// What kind of problem it is, in a few words: every host's heading for it.
            pub fn title(self) -> &'static str {
                match self {
                    $($name::$variant => $title,)*
                }
            }
        }
    };
}

pub mod ecs_error;
pub mod eks_error;
pub mod existing;
pub(crate) mod form;
