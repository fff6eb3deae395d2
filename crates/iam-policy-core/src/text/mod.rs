//! The lowest layer: text helpers that know nothing of AWS — naming characters, one-line
//! and shell quoting, counts, edit-distance suggestions, word scanning, a fast hash, and
//! IAM's wildcard matching on a budget — and [`with_all!`], which every layer's small
//! vocabularies (formats, roles, controls…) are declared with.

pub mod chars;
pub(crate) mod fast_hash;
pub mod glob;
pub(crate) mod suggest;
pub(crate) mod word_scan;

pub use chars::{one_line, shell_quoted, thousands};

/// Declares a fieldless enum and its `ALL`: every variant, in the order declared, as an
/// array. A new variant is in `ALL` — and so in every loop over it: the generated types,
/// the readers of ids, the tests — by being declared, with no list to keep complete.
///
/// ```ignore
/// with_all! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Theme { Auto, Light, Dark, }
/// }
/// assert_eq!(Theme::ALL, [Theme::Auto, Theme::Light, Theme::Dark]);
/// ```
macro_rules! with_all {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident,)*
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$variant_meta])* $variant,)*
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];
        }
    };
}
pub(crate) use with_all;
