//! Reading a list field: trimming, blanks, duplicates, and a cap on its length.

use crate::fast_hash::FastSet;
use crate::problem::{Code, Field, Problem, Severity};

/// More entries than this are not read: no policy holds even a fifth of them (an inline
/// policy fits about 150 secret names), and reading megabytes of pasted text must stay fast.
pub const MAX_ENTRIES: usize = 1_000;

/// The valid entries of a list, in the order given, without duplicates.
pub(crate) struct Entries<T> {
    pub items: Vec<T>,
    /// Whether any entry had an error (the documents using it are then incomplete).
    pub failed: bool,
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries {
            items: Vec::new(),
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

/// Reads every non-blank entry with `parse`. An `Err` finding is an error and drops the
/// entry; entries whose `key` was already seen are dropped with a note.
pub(crate) fn read_list<T>(
    entries: &[String],
    field: Field,
    problems: &mut Vec<Problem>,
    mut parse: impl FnMut(&str) -> Result<(T, Vec<Finding>), Finding>,
    key: impl Fn(&T) -> String,
) -> Entries<T> {
    let mut read = Entries::default();
    let mut seen = FastSet::default();
    let mut non_blank = entries
        .iter()
        .enumerate()
        .filter(|(_, raw)| !raw.trim().is_empty());
    for (index, raw) in non_blank.by_ref().take(MAX_ENTRIES) {
        let entry = raw.trim();
        let at = |finding: Finding| {
            Problem::new(field, finding.severity, finding.code, finding.message).at_entry(index)
        };
        match parse(entry) {
            Ok((item, findings)) => {
                if seen.insert(key(&item)) {
                    problems.extend(findings.into_iter().map(at));
                    read.items.push(item);
                } else {
                    // What there was to say about it was said about its first copy.
                    problems.push(at(Finding::new(
                        Severity::Info,
                        Code::DuplicateEntry,
                        format!(
                            "{} is listed more than once; the policy names it once.",
                            super::quote(entry)
                        ),
                    )));
                }
            }
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
