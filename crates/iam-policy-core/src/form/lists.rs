//! Reading a list field: trimming, blanks, duplicates, and a cap on its length.

use crate::fast_hash::FastSet;
use crate::problem::{Code, Field, Problem, Severity};

/// More entries than this are not read: no policy holds even a fifth of them (an inline
/// policy fits about 150 secret names), and reading megabytes of pasted text must stay fast.
pub const MAX_ENTRIES: usize = 1_000;

/// The valid entries of a list, in the order given, without duplicates.
pub(crate) struct Entries<T> {
    pub items: Vec<T>,
    /// Each item's key, in the same order: for secrets, the resource ARN the policy lists,
    /// built once here and reused by the documents.
    pub keys: Vec<String>,
    /// Whether any entry had an error (the documents using it are then incomplete).
    pub failed: bool,
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries {
            items: Vec::new(),
            keys: Vec::new(),
            failed: false,
        }
    }
}

/// Something to tell about one entry; the list reader ties it to the field and entry.
pub(crate) struct Finding {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

impl Finding {
    pub fn new(severity: Severity, code: Code, message: String) -> Self {
        Finding {
            severity,
            code,
            message,
        }
    }
}

/// One non-blank entry: where it was, its text, and the item, key and findings it gave.
struct Parsed<'a, T> {
    index: usize,
    entry: &'a str,
    outcome: Result<(T, String, Vec<Finding>), Finding>,
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
        .map(|(index, raw)| (index, raw.trim()))
        .filter(|(_, entry)| !entry.is_empty());
    // First every entry is parsed, then duplicates are found by key: the set borrows the
    // keys instead of owning copies, and each key string is built only once.
    let mut parsed: Vec<Parsed<'a, T>> = Vec::with_capacity(entries.len().min(MAX_ENTRIES));
    parsed.extend(non_blank.by_ref().take(MAX_ENTRIES).map(|(index, entry)| {
        let outcome = parse(entry).map(|(item, findings)| {
            let key = key(&item);
            (item, key, findings)
        });
        Parsed {
            index,
            entry,
            outcome,
        }
    }));
    let mut seen = FastSet::with_capacity_and_hasher(parsed.len(), Default::default());
    let first: Vec<bool> = parsed
        .iter()
        .map(|parsed| match &parsed.outcome {
            Ok((_, key, _)) => seen.insert(key.as_str()),
            Err(_) => false,
        })
        .collect();
    drop(seen);

    let mut read = Entries {
        items: Vec::with_capacity(parsed.len()),
        keys: Vec::with_capacity(parsed.len()),
        failed: false,
    };
    for (parsed, first) in parsed.into_iter().zip(first) {
        let index = parsed.index;
        let at = |finding: Finding| {
            Problem::new(field, finding.severity, finding.code, finding.message).at_entry(index)
        };
        match parsed.outcome {
            Ok((item, key, findings)) if first => {
                problems.extend(findings.into_iter().map(at));
                read.items.push(item);
                read.keys.push(key);
            }
            // What there was to say about it was said about its first copy.
            Ok(_) => problems.push(at(Finding::new(
                Severity::Info,
                Code::DuplicateEntry,
                format!(
                    "{} is listed more than once; the policy names it once.",
                    super::quote(parsed.entry)
                ),
            ))),
            Err(finding) => {
                read.failed = true;
                problems.push(at(finding));
            }
        }
    }
    let unread = non_blank.count();
    if unread > 0 {
        read.failed = true;
        problems.push(Problem::new(
            field,
            Severity::Error,
            Code::ListTooLong,
            format!(
                "This list has {} entries; only the first {} were read, and no policy can hold that many (an inline policy fits about 150 secret names). Use a name prefix such as prod/* instead.",
                crate::thousands(MAX_ENTRIES + unread),
                crate::thousands(MAX_ENTRIES)
            ),
        ));
    }
    read
}
