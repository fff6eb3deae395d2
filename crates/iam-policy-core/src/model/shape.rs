//! The words a serialised type's TypeScript declaration is written in. Each type the npm
//! package returns describes its JSON next to its definition — a const [`Interface`] of
//! [`Member`]s, each a [`Shape`] — so a new field is declared where it is added;
//! `contract.rs` writes `src/js_api/types.d.ts` from these, and the core's
//! `tests/declarations.rs` holds every description to the JSON real responses serialise to.
//!
//! ```
//! use iam_policy_core::model::shape::{Member, Shape};
//!
//! const PARTITION: Member = Member::new("partition", Shape::String, "The ARN partition.");
//! const CONSOLE: Member = Member::new("consoleUrl", Shape::String, "Its page.").optional();
//! assert!(!PARTITION.optional && CONSOLE.optional);
//! ```

/// How one value looks in the JSON, as TypeScript writes its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Any string: `string`.
    String,
    /// Any number: `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// Any JSON value at all: `unknown` (what a pasted condition compares).
    Unknown,
    /// This one string, e.g. `"2012-10-17"`.
    Exactly(&'static str),
    /// Only `true`: a setting whose presence is what counts.
    True,
    /// A type declared elsewhere in the file, by its name.
    Named(&'static str),
    /// A list of values of one shape: `T[]`.
    List(&'static Shape),
    /// A value of the shape, or `null` (an `Option` serde writes as `null`).
    OrNull(&'static Shape),
    /// A value of any of these shapes: `A | B` (an untagged enum, a string or a list).
    AnyOf(&'static [Shape]),
    /// An object with these members, declared in place.
    Object(&'static [Member]),
    /// An object whose keys are anyone's and whose values have one shape:
    /// `Record<string, T>`.
    Map(&'static Shape),
}

impl Shape {
    /// A string or a list of them, as IAM takes most values: `string | string[]`.
    pub const ONE_OR_MANY: Shape = Shape::AnyOf(&[Shape::String, Shape::List(&Shape::String)]);
}

/// One member of an object: its name in the JSON, its shape, whether it may be left out,
/// and what it is, for the declaration's doc comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The JSON key, e.g. `consoleUrl`.
    pub name: &'static str,
    /// What it holds.
    pub shape: Shape,
    /// Whether the key may be missing (`skip_serializing_if`, or a request's default).
    pub optional: bool,
    /// What it is, in a sentence; empty when the name says it all.
    pub doc: &'static str,
}

impl Member {
    /// A member every object of the type has.
    pub const fn new(name: &'static str, shape: Shape, doc: &'static str) -> Member {
        Member {
            name,
            shape,
            optional: false,
            doc,
        }
    }

    /// The same member, left out when it has nothing to say.
    pub const fn optional(self) -> Member {
        Member {
            optional: true,
            ..self
        }
    }
}

/// A named object type: `export interface Name { … }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interface {
    /// The name the npm package exports it under.
    pub name: &'static str,
    /// What it is, for its doc comment.
    pub doc: &'static str,
    /// Its members, in the order serde writes them.
    pub members: &'static [Member],
}

/// A named type that is not an object of its own: `export type Name = …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    /// The name the npm package exports it under.
    pub name: &'static str,
    /// What it is, for its doc comment.
    pub doc: &'static str,
    /// What it stands for.
    pub shape: Shape,
}
