//! The pasted text as one line of plain words, whatever shape it came in: JSON escapes
//! from `describe-tasks` undone, tabs and runs of spaces made one space, lines joined —
//! a terminal's hard wrap that split a word (`reg` / `istry`) joined back without a
//! space, an ARN wrapped across lines joined back up.

/// The first so many characters are read: an error is a few lines, and a pasted megabyte
/// must be answered in milliseconds.
pub(crate) const MOST_READ: usize = 64 * 1024;

/// `text` as one line, at most [`MOST_READ`] characters of it.
pub(crate) fn normalise(text: &str) -> String {
    let text = match text.char_indices().nth(MOST_READ) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let unescaped = text
        .replace("\\\"", "\"")
        .replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\\t", " ")
        .replace("\\/", "/")
        .replace("\r\n", "\n")
        .replace(['\t', '\r'], " ");
    let lines: Vec<&str> = unescaped.lines().map(str::trim_end).collect();
    let wrap = wrap_width(&lines);
    let indent = usual_indent(&lines);
    let mut out = String::with_capacity(unescaped.len());
    let mut previous: Option<&str> = None;
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(before) = previous {
            // A line as wide as the wrap (give or take one: people redact inside it) was
            // cut by the terminal, mid-word as often as not; a continuation indented
            // more than the others began with the space the cut fell on.
            let hard_wrapped = wrap
                .is_some_and(|width| before.chars().count().abs_diff(width) <= 1)
                && indent.is_none_or(|usual| line.len() - trimmed.len() <= usual);
            if !hard_wrapped && !inside_arn(before, trimmed) {
                out.push(' ');
            }
        }
        push_collapsed(&mut out, trimmed);
        previous = Some(line);
    }
    out
}

/// The width a terminal wrapped the text at, when it did: a length (of 40 characters or
/// more) that several lines share exactly. Such a line ends mid-word as often as not.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().count())
        .filter(|&n| n >= 40)
        .collect();
    lengths.sort_unstable();
    lengths
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= 2)
        .max_by_key(|run| (run.len(), run[0]))
        .map(|run| run[0])
}

/// The indentation most indented lines share: a hard-wrapped block's continuation lines.
fn usual_indent(lines: &[&str]) -> Option<usize> {
    let mut indents: Vec<usize> = lines
        .iter()
        .map(|l| l.len() - l.trim_start().len())
        .filter(|&n| n > 0)
        .collect();
    indents.sort_unstable();
    indents
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .map(|run| run[0])
}

/// Whether a line ends inside an ARN that the next line finishes: its last word holds
/// `arn:` and ends in `:`, `/` or `-`, or has fewer than the ARN's five colons.
fn inside_arn(line: &str, next: &str) -> bool {
    let last_word = line.rsplit(' ').next().unwrap_or_default();
    let Some(at) = last_word.find("arn:") else {
        return false;
    };
    let arn = &last_word[at..];
    let continues = arn.ends_with([':', '/', '-'])
        || arn.matches(':').count() < 5
        // A name wrapped at one of its dashes (`django-app-test` / `-django-Execution…`).
        || (next.starts_with(['-', '/', ':']) && !next.starts_with("- "));
    continues && !next.starts_with(char::is_whitespace)
}

/// Appends `text` with every run of white space made one space.
fn push_collapsed(out: &mut String, text: &str) {
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
}

/// `text` lower-cased with no white space at all, for finding phrases whatever a wrap or
/// a paste did to the spaces between their words.
pub(crate) fn squashed(text: &str) -> String {
    // The phrases are ASCII: lower-casing ASCII is all they need, and a quarter the work.
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_wrap_that_splits_words_is_joined_without_a_space() {
        let wrapped = "      - [a7438eb0]: ResourceInitializationError: unable to pull secrets or reg\n        istry auth: execution resource retrieval failed: unable to retrieve se\n        cret from asm: service call has been retried 1 time(s): failed to fetc\n        h secret";
        assert_eq!(
            normalise(wrapped),
            "- [a7438eb0]: ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret"
        );
    }

    #[test]
    fn ordinary_lines_and_padding_become_single_spaces() {
        assert_eq!(
            normalise("Stopped reason\n  ResourceInitializationError:\tunable   to pull\r\n"),
            "Stopped reason ResourceInitializationError: unable to pull"
        );
    }

    #[test]
    fn an_arn_wrapped_across_lines_is_joined() {
        assert_eq!(
            normalise(
                "on resource: arn:aws:secretsmanager:eu-west-1:\n123456789012:secret:a-AbCdEf now"
            ),
            "on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf now"
        );
    }

    #[test]
    fn describe_tasks_escapes_are_undone() {
        assert_eq!(
            normalise(r#""stoppedReason": "a \"b\"\nc""#),
            r#""stoppedReason": "a "b" c""#
        );
    }

    #[test]
    fn squashed_text_ignores_spaces_and_case() {
        assert_eq!(
            squashed("Unable to Re trieve\nsecret"),
            "unabletoretrievesecret"
        );
    }
}
