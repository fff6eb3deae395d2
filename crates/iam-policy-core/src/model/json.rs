//! JSON as the person pasted it: objects keep their keys in order, so a document the
//! builder changes differs from theirs only where it had to. A duplicate key is an error
//! (IAM's parser and ours would otherwise each keep a different one), and every syntax
//! error says where it is and what was expected, in plain words.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::collections::BTreeSet;
use std::fmt;

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json read it.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in the order written.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value under `key`, when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value under `key`, to change, when this is an object that has it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Adds `value` to a string-or-list: a list gains it, a single string becomes a list of
    /// both (the one change IAM's grammar forces).
    pub fn push_to_list(&mut self, value: Json) {
        match self {
            Json::Array(items) => items.push(value),
            one => {
                let first = std::mem::replace(one, Json::Null);
                *one = Json::Array(vec![first, value]);
            }
        }
    }

    /// A policy's statement at `index`, whether `Statement` is a list or one object.
    pub fn statement(&self, index: usize) -> Option<&Json> {
        match self.get("Statement")? {
            Json::Array(items) => items.get(index),
            one if index == 0 => Some(one),
            _ => None,
        }
    }

    /// A policy's statement at `index`, to change, whether `Statement` is a list or one
    /// object.
    pub fn statement_mut(&mut self, index: usize) -> Option<&mut Json> {
        match self.get_mut("Statement")? {
            Json::Array(items) => items.get_mut(index),
            one if index == 0 => Some(one),
            _ => None,
        }
    }

    /// Appends a statement to a policy, turning a lone statement object into a list first;
    /// returns its index.
    pub fn push_statement(&mut self, statement: Json) -> usize {
        let Some(statements) = self.get_mut("Statement") else {
            return 0;
        };
        let mut items = match std::mem::replace(statements, Json::Null) {
            Json::Array(items) => items,
            one => vec![one],
        };
        items.push(statement);
        let index = items.len() - 1;
        *statements = Json::Array(items);
        index
    }

    /// Characters IAM counts: the compact JSON, white space outside strings not counted.
    pub fn compact_chars(&self) -> usize {
        serde_json::to_string(self).map_or(0, |text| text.chars().count())
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// What kind of value this is, in words: "a string", "an array".
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
}

/// Why pasted text is not a JSON document, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line of the problem (0 when serde_json could not say).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

/// Reads pasted JSON: a byte-order mark, CRLF line ends and white space around it are fine.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Json>(text).map_err(|error| JsonError {
        line: error.line(),
        column: error.column(),
        message: plain_words(&error),
    })
}

/// serde_json's messages, for someone who edits JSON by hand in the console.
fn plain_words(error: &serde_json::Error) -> String {
    let raw = error.to_string();
    // serde_json appends " at line L column C"; the position is said separately.
    let raw = raw
        .rsplit_once(" at line ")
        .map_or(raw.as_str(), |(message, _)| message);
    let said = match raw {
        "EOF while parsing an object" => "the text ends before the object is closed with }",
        "EOF while parsing a list" => "the text ends before the list is closed with ]",
        "EOF while parsing a string" => "the text ends inside a string: a closing \" is missing",
        "EOF while parsing a value" => "the text ends where a value was expected",
        "expected `,` or `}`" => {
            "expected a comma before the next key, or } to close the object (is a comma missing at the end of the line before?)"
        }
        "expected `,` or `]`" => "expected a comma before the next item, or ] to close the list",
        "expected `:`" => "expected a colon between the key and its value",
        "expected value" => {
            "expected a value here: a string in double quotes, a list, an object, a number, true, false or null"
        }
        "expected ident" => "expected true, false or null",
        "key must be a string" => "a key must be in double quotes",
        "trailing comma" => "a comma before a closing } or ] is not allowed in JSON: remove it",
        "trailing characters" => {
            "there is more text after the end of the document: paste one policy only"
        }
        "invalid escape" => "a backslash in a string must start an escape such as \\n or \\\"",
        "recursion limit exceeded" => {
            "the document nests lists and objects too deeply to be a policy"
        }
        other if other.starts_with("control character") => {
            "a string holds a control character (a tab or line break inside quotes): remove it"
        }
        other => other,
    };
    said.to_owned()
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

/// Up to this many keys an object's duplicates are found by comparing with each earlier key.
const SCANNED_KEYS: usize = 16;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Json, E> {
        Ok(Json::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Json, E> {
        Ok(Json::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Json, E> {
        Ok(Json::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Json, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Json::Null, Json::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Json, E> {
        Ok(Json::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Json, E> {
        Ok(Json::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries: Vec<(String, Json)> = Vec::new();
        // Policies' objects have a handful of keys, compared in place; a pasted object of
        // thousands (from a link anyone can send) is checked through an ordered set, so
        // the check stays n log n whatever keys were chosen (a hash set's could be picked
        // to collide).
        let mut seen: Option<BTreeSet<String>> = None;
        while let Some(key) = map.next_key::<String>()? {
            let duplicate = match &mut seen {
                Some(seen) => !seen.insert(key.clone()),
                None if entries.len() < SCANNED_KEYS => entries.iter().any(|(k, _)| *k == key),
                None => {
                    let mut set: BTreeSet<String> =
                        entries.iter().map(|(k, _)| k.clone()).collect();
                    let duplicate = !set.insert(key.clone());
                    seen = Some(set);
                    duplicate
                }
            };
            if duplicate {
                return Err(de::Error::custom(format!(
                    "duplicate key “{key}” in one object: keep one of them"
                )));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(value) => serializer.serialize_bool(*value),
            Json::Number(number) => number.serialize(serializer),
            Json::String(text) => serializer.serialize_str(text),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_and_string_or_list_choices_survive_a_round_trip() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Sid":"Ec2"}}"#;
        let json = parse(text).expect("valid");
        assert_eq!(serde_json::to_string(&json).expect("writes"), text);
    }

    #[test]
    fn a_byte_order_mark_crlf_and_surrounding_space_are_fine() {
        let json = parse("\u{feff}  {\r\n  \"Version\": \"2012-10-17\"\r\n}\r\n ").expect("valid");
        assert_eq!(
            json.get("Version").and_then(Json::as_str),
            Some("2012-10-17")
        );
    }

    #[test]
    fn a_missing_comma_names_its_line_and_column_in_plain_words() {
        let error =
            parse("{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}").expect_err("bad");
        assert_eq!((error.line, error.column), (3, 3));
        assert!(error.message.contains("comma"), "{error}");
    }

    #[test]
    fn duplicate_keys_and_trailing_commas_are_named() {
        let error = parse(r#"{"Version":"2012-10-17","Version":"2008-10-17"}"#).expect_err("dup");
        assert!(error.message.contains("duplicate key “Version”"), "{error}");
        let error = parse("{\"Statement\": [1,],}").expect_err("trailing");
        assert!(error.message.contains("comma before a closing"), "{error}");
    }

    /// Finding 1 of the second security review: 140,000 distinct keys took 58 s in the
    /// page (the duplicate check compared each key with every earlier one); 80,000 took
    /// 13 s in the CLI. Checked through an ordered set it is n log n.
    #[test]
    fn an_object_of_many_distinct_keys_is_read_without_comparing_every_pair() {
        let keys: Vec<String> = (0..140_000).map(|i| format!("\"k{i}\":0")).collect();
        let text = format!("{{{}}}", keys.join(","));
        let started = std::time::Instant::now();
        let json = parse(&text).expect("distinct keys");
        assert!(matches!(json, Json::Object(ref entries) if entries.len() == 140_000));
        // The quadratic check takes tens of seconds here; this one well under one.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        let error = parse(&format!("{{{},\"k77\":1}}", keys.join(","))).expect_err("a duplicate");
        assert!(error.message.contains("duplicate key “k77”"), "{error}");
    }

    #[test]
    fn nesting_deeper_than_the_reader_allows_is_an_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = parse(&text).expect_err("too deep");
        assert!(error.message.contains("too deeply"), "{error}");
    }
}
