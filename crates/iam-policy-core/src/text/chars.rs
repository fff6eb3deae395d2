//! Names for characters people cannot see or cannot tell apart, for error messages.

/// Characters that render as nothing or as a plain space.
const INVISIBLE: &[(char, &str)] = &[
    ('\u{00A0}', "no-break space"),
    ('\u{00AD}', "soft hyphen"),
    ('\u{034F}', "combining grapheme joiner"),
    ('\u{180E}', "Mongolian vowel separator"),
    ('\u{2007}', "figure space"),
    ('\u{2009}', "thin space"),
    ('\u{200A}', "hair space"),
    ('\u{200B}', "zero-width space"),
    ('\u{200C}', "zero-width non-joiner"),
    ('\u{200D}', "zero-width joiner"),
    ('\u{200E}', "left-to-right mark"),
    ('\u{200F}', "right-to-left mark"),
    ('\u{202A}', "left-to-right embedding"),
    ('\u{202B}', "right-to-left embedding"),
    ('\u{202C}', "pop directional formatting"),
    ('\u{202D}', "left-to-right override"),
    ('\u{202E}', "right-to-left override"),
    ('\u{202F}', "narrow no-break space"),
    ('\u{2060}', "word joiner"),
    ('\u{2066}', "left-to-right isolate"),
    ('\u{2067}', "right-to-left isolate"),
    ('\u{2068}', "first strong isolate"),
    ('\u{2069}', "pop directional isolate"),
    ('\u{3000}', "ideographic space"),
    ('\u{FEFF}', "zero-width no-break space (byte-order mark)"),
];

/// Characters that look like an ASCII one: (character, its name, the ASCII it mimics).
const LOOKALIKES: &[(char, &str, char)] = &[
    ('\u{0430}', "Cyrillic small letter a", 'a'),
    ('\u{0435}', "Cyrillic small letter ie", 'e'),
    ('\u{043E}', "Cyrillic small letter o", 'o'),
    ('\u{0440}', "Cyrillic small letter er", 'p'),
    ('\u{0441}', "Cyrillic small letter es", 'c'),
    ('\u{0443}', "Cyrillic small letter u", 'y'),
    ('\u{0445}', "Cyrillic small letter ha", 'x'),
    (
        '\u{0456}',
        "Cyrillic small letter Byelorussian-Ukrainian i",
        'i',
    ),
    ('\u{0458}', "Cyrillic small letter je", 'j'),
    ('\u{0455}', "Cyrillic small letter dze", 's'),
    ('\u{0410}', "Cyrillic capital letter a", 'A'),
    ('\u{0412}', "Cyrillic capital letter ve", 'B'),
    ('\u{0415}', "Cyrillic capital letter ie", 'E'),
    ('\u{041A}', "Cyrillic capital letter ka", 'K'),
    ('\u{041C}', "Cyrillic capital letter em", 'M'),
    ('\u{041D}', "Cyrillic capital letter en", 'H'),
    ('\u{041E}', "Cyrillic capital letter o", 'O'),
    ('\u{0420}', "Cyrillic capital letter er", 'P'),
    ('\u{0421}', "Cyrillic capital letter es", 'C'),
    ('\u{0422}', "Cyrillic capital letter te", 'T'),
    ('\u{0425}', "Cyrillic capital letter ha", 'X'),
    ('\u{03BF}', "Greek small letter omicron", 'o'),
    ('\u{03B1}', "Greek small letter alpha", 'a'),
    ('\u{039F}', "Greek capital letter omicron", 'O'),
    ('\u{0391}', "Greek capital letter alpha", 'A'),
    ('\u{2010}', "hyphen", '-'),
    ('\u{2011}', "non-breaking hyphen", '-'),
    ('\u{2012}', "figure dash", '-'),
    ('\u{2013}', "en dash", '-'),
    ('\u{2014}', "em dash", '-'),
    ('\u{2212}', "minus sign", '-'),
    ('\u{FE63}', "small hyphen-minus", '-'),
    ('\u{FF0D}', "fullwidth hyphen-minus", '-'),
    ('\u{2044}', "fraction slash", '/'),
    ('\u{2215}', "division slash", '/'),
    ('\u{FF0F}', "fullwidth solidus", '/'),
    ('\u{2024}', "one dot leader", '.'),
    ('\u{FF0E}', "fullwidth full stop", '.'),
    ('\u{FF3F}', "fullwidth low line", '_'),
    ('\u{2018}', "left single quotation mark", '\''),
    ('\u{2019}', "right single quotation mark", '\''),
    ('\u{201C}', "left double quotation mark", '"'),
    ('\u{201D}', "right double quotation mark", '"'),
];

/// Entries longer than this are cut in messages; the message must stay readable.
const QUOTE_LIMIT: usize = 60;

/// “entry”, cut to a readable length. An ARN keeps what matters — its resource, from the
/// resource type on (`…:secret:prod/db-AbCdEf`), cut only at a colon — and when even that
/// is too long, the end of the name, where the suffix is. Messages that are about the
/// ARN's region or account name those separately.
pub(crate) fn quote(entry: &str) -> String {
    let length = entry.chars().count();
    if length <= QUOTE_LIMIT {
        return format!("“{entry}”");
    }
    if entry.starts_with("arn:") {
        // arn:partition:service:region:account:resource — the resource is after the fifth colon.
        if let Some((at, _)) = entry.match_indices(':').nth(4) {
            let resource = &entry[at..];
            if resource.chars().count() < QUOTE_LIMIT {
                return format!("“…{resource}”");
            }
        }
        let tail: String = entry.chars().skip(length - QUOTE_LIMIT).collect();
        format!("“…{tail}”")
    } else {
        let head: String = entry.chars().take(QUOTE_LIMIT).collect();
        format!("“{head}…”")
    }
}

/// A phrase naming `c` for a sentence such as "… contains {phrase} at position 4".
///
/// Invisible and look-alike characters get their Unicode name and code point, because
/// "contains ' '" helps nobody when the character cannot be seen.
pub(crate) fn describe(c: char) -> String {
    let code = u32::from(c);
    match c {
        ' ' => return "a space".to_owned(),
        '\t' => return "a tab".to_owned(),
        '\n' | '\r' => return "a line break".to_owned(),
        _ => {}
    }
    if let Some((_, name)) = INVISIBLE.iter().find(|(ch, _)| *ch == c) {
        return format!("an invisible {name} (U+{code:04X})");
    }
    if let Some((_, name, ascii)) = LOOKALIKES.iter().find(|(ch, _, _)| *ch == c) {
        return format!(
            "“{c}” (U+{code:04X}, {name}), which looks like “{ascii}” but is not ASCII"
        );
    }
    if c.is_control() {
        return format!("a control character (U+{code:04X})");
    }
    if ('\u{FF10}'..='\u{FF19}').contains(&c) || ('\u{0660}'..='\u{0669}').contains(&c) {
        return format!("“{c}” (U+{code:04X}), a digit that is not ASCII 0–9");
    }
    if c.is_ascii() {
        return format!("“{c}”");
    }
    format!("“{c}” (U+{code:04X}), which is not ASCII")
}

/// A control character (line breaks, escape sequences that drive a terminal) or a Unicode
/// line separator: what ends a line or a comment, or rewrites a screen, when written as it
/// is. Every writer of text from a paste escapes these.
pub(crate) fn breaks_text(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` on one line, safe to print to a terminal or in a comment: every control
/// character (line breaks, escape sequences that drive a terminal) and every character a
/// language reads as the end of a line (U+0085, U+2028, U+2029) written as its `\u{…}`
/// code, so nothing quoted from pasted text can end a comment or rewrite the screen.
///
/// ```
/// assert_eq!(iam_policy_core::one_line("a\nb\u{1b}[2J"), r"a\u{000a}b\u{001b}[2J");
/// ```
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if breaks_text(c) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` as one word for a POSIX shell: single-quoted, nothing inside expanded, a `'`
/// closed, escaped and reopened.
///
/// ```
/// assert_eq!(iam_policy_core::shell_quoted("it's"), r"'it'\''s'");
/// ```
pub fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The text with its first letter a capital, to start a sentence or a word of a Sid with
/// a name: every place the builder does that.
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// Writes a count the way people read it: 10240 → "10,240".
///
/// ```
/// assert_eq!(iam_policy_core::text::thousands(100_000), "100,000");
/// ```
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{QUOTE_LIMIT, describe, quote};

    #[test]
    fn invisible_characters_are_named_with_their_code_point() {
        assert_eq!(
            describe('\u{200B}'),
            "an invisible zero-width space (U+200B)"
        );
    }

    #[test]
    fn lookalikes_say_what_they_imitate() {
        assert!(describe('\u{0430}').contains("looks like “a”"));
        assert!(describe('\u{2013}').contains("en dash"));
    }

    #[test]
    fn plain_ascii_is_quoted() {
        assert_eq!(describe('#'), "“#”");
        assert_eq!(describe(' '), "a space");
    }

    /// New-user defect 10: notes cut ARNs in the middle ("…ager:eu-west-1…").
    #[test]
    fn a_long_arn_is_quoted_from_its_resource_cut_only_at_a_colon() {
        let arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-AbCdEf:client_id::";
        assert_eq!(quote(arn), "“…:secret:matillion/agent-AbCdEf:client_id::”");
        let long_name = format!(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:{}-AbCdEf",
            "n".repeat(80)
        );
        let quoted = quote(&long_name);
        assert!(quoted.ends_with("nnnn-AbCdEf”"), "{quoted}");
        assert_eq!(quoted.chars().count(), QUOTE_LIMIT + 3);
        let short = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db";
        assert_eq!(quote(short), format!("“{short}”"));
    }
}
