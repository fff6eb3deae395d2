//! Reading a list field: trimming, blanks, duplicates, and a cap on its length.

use crate::input::problem::{Code, Field, Problem};
use crate::text::fast_hash::{FastHasher, FastMap};
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, BuildHasherDefault};

/// More entries than this are not read: no policy holds even a fifth of them (an inline
/// policy fits about 150 secret names), and reading megabytes of pasted text must stay fast.
pub const MAX_ENTRIES: usize = 1_000;

/// The list-too-long error's closing advice; a list whose entries share a prefix replaces it
/// with that prefix.
pub(crate) const TOO_LONG_ADVICE: &str = "Use a name prefix such as prod/* instead.";

/// The valid entries of a list, in the order given, without duplicates.
pub(crate) struct Entries<T> {
    pub items: Vec<T>,
    /// Each item's key, in the same order: for secrets, the resource ARN the policy lists,
    /// built once here and reused by the documents.
    pub keys: Vec<String>,
    /// Each item's index in the request's list, in the same order: where it was typed.
    pub sources: Vec<usize>,
    /// Whether any entry had an error (the documents using it are then incomplete).
    pub failed: bool,
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries {
            items: Vec::new(),
            keys: Vec::new(),
            sources: Vec::new(),
            failed: false,
        }
    }
}

/// Something to tell about one entry; the list reader ties it to the field and entry.
pub(crate) struct Finding {
    pub code: Code,
    pub message: String,
}

impl Finding {
    /// A finding of `code`, at its code's severity.
    pub fn new(code: Code, message: String) -> Self {
        Finding { code, message }
    }
}

/// `text.trim()`, answered at once for the usual entry, which starts and ends with a
/// visible ASCII character (trim decodes characters from both ends to find Unicode spaces).
fn trimmed(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// The keys a list has kept, found by hash. The keys themselves live in the list's `keys`,
/// so this holds each one's hash and index rather than a second copy or a borrow.
struct KeptKeys(FastMap<u64, usize>);

impl KeptKeys {
    fn with_capacity(capacity: usize) -> Self {
        KeptKeys(FastMap::with_capacity_and_hasher(
            capacity,
            Default::default(),
        ))
    }

    /// Whether `key`, whose hash is `hash`, is in `keys`; when it is not, the caller keeps
    /// it as `keys`' next element.
    fn contains(&mut self, hash: u64, key: &str, keys: &[String]) -> bool {
        match self.0.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(keys.len());
                false
            }
            // Equal hashes almost always mean equal keys; two different keys with one
            // hash are told apart by comparing with every key kept.
            Entry::Occupied(slot) => keys[*slot.get()] == key || keys.iter().any(|k| k == key),
        }
    }
}

/// Reads every non-blank entry with `parse`. An `Err` finding is an error and drops the
/// entry; entries whose `key` was already seen are dropped with a note.
pub(crate) fn read_list<'a, T>(
    entries: &'a [String],
    field: Field,
    problems: &mut Vec<Problem>,
    mut parse: impl FnMut(&'a str) -> Result<(T, Vec<Finding>), Finding>,
    key: impl Fn(&T) -> String,
) -> Entries<T> {
    let mut non_blank = entries
        .iter()
        .enumerate()
        .map(|(index, raw)| (index, trimmed(raw)))
        .filter(|(_, entry)| !entry.is_empty());
    let capacity = entries.len().min(MAX_ENTRIES);
    let mut read = Entries {
        items: Vec::with_capacity(capacity),
        keys: Vec::with_capacity(capacity),
        sources: Vec::with_capacity(capacity),
        failed: false,
    };
    // One pass: every key is built once and hashed once.
    let hasher = BuildHasherDefault::<FastHasher>::default();
    let mut kept = KeptKeys::with_capacity(capacity);
    for (index, entry) in non_blank.by_ref().take(MAX_ENTRIES) {
        let at =
            |finding: Finding| Problem::new(field, finding.code, finding.message).at_entry(index);
        let (item, findings) = match parse(entry) {
            Ok(parsed) => parsed,
            Err(finding) => {
                read.failed = true;
                problems.push(at(finding));
                continue;
            }
        };
        let key = key(&item);
        if kept.contains(hasher.hash_one(key.as_str()), &key, &read.keys) {
            // What there was to say about it was said about its first copy.
            problems.push(at(Finding::new(
                Code::DuplicateEntry,
                format!(
                    "{} is listed more than once; the policy names it once.",
                    super::quote(entry)
                ),
            )));
        } else {
            problems.extend(findings.into_iter().map(at));
            read.items.push(item);
            read.keys.push(key);
            read.sources.push(index);
        }
    }
    let unread = non_blank.count();
    if unread > 0 {
        read.failed = true;
        problems.push(Problem::new(
            field,
            Code::ListTooLong,
            format!(
                "This list has {} entries; only the first {} were read, and no policy can hold that many (an inline policy fits about 150 secret names). {TOO_LONG_ADVICE}",
                crate::text::thousands(MAX_ENTRIES + unread),
                crate::text::thousands(MAX_ENTRIES)
            ),
        ));
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_trimmed_of_any_white_space_as_str_trim_does() {
        for text in [
            "db",
            " db",
            "db\t",
            "\u{a0}db\u{2003}",
            "",
            " ",
            "é",
            " é ",
            "a b",
        ] {
            assert_eq!(trimmed(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn keys_with_one_hash_are_still_told_apart() {
        let mut kept = KeptKeys::with_capacity(4);
        let mut keys: Vec<String> = Vec::new();
        for (key, expected) in [
            ("a", false),
            ("b", false),
            ("b", true),
            ("a", true),
            ("c", false),
        ] {
            // Every key given the same hash: the worst case of collisions.
            let seen = kept.contains(7, key, &keys);
            assert_eq!(seen, expected, "{key}");
            if !seen {
                keys.push(key.to_owned());
            }
        }
        assert_eq!(keys, ["a", "b", "c"]);
    }
}
