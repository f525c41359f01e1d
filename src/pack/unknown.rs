//! Every unknown field of a pack file at once. serde's `deny_unknown_fields` stops at the first
//! one; this walks the parsed TOML (with spans) against the fields each table allows, so `check`
//! can name them all, and can blank them out to go on checking the rest of the file.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

const ROOT: &[&str] = &["pack", "topic", "tip", "diagram", "question", "exam"];
const PACK: &[&str] = &["id", "title", "version", "description"];
const TOPIC: &[&str] = &["id", "title", "domain"];
const TIP: &[&str] = &["id", "topic", "text"];
const DIAGRAM: &[&str] = &["id", "title", "alt", "art", "region"];
const REGION: &[&str] = &["id", "text"];
const QUESTION: &[&str] = &[
    "id",
    "topic",
    "diagram",
    "reveal_diagram",
    "highlight",
    "tips",
    "stem",
    "explanation",
    "sources",
    "choice",
];
const CHOICE: &[&str] = &["text", "correct", "why"];
const EXAM: &[&str] = &[
    "id",
    "title",
    "questions",
    "minutes",
    "pass",
    "packs",
    "domains",
    "topics",
];

/// Every field name of the format, in any table (for a did-you-mean without a table).
pub fn every_field() -> Vec<&'static str> {
    let mut all: Vec<&str> = [
        ROOT, PACK, TOPIC, TIP, DIAGRAM, REGION, QUESTION, CHOICE, EXAM,
    ]
    .concat();
    all.sort_unstable();
    all.dedup();
    all
}

/// One field no table of the format has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub field: String,
    /// Where the key is written.
    pub key: Range<usize>,
    /// The key through the end of its value, when that can be blanked out safely (a value on
    /// the key's own line).
    pub entry: Option<Range<usize>>,
    /// The fields allowed in that table.
    pub allowed: &'static [&'static str],
}

/// Every unknown field of `text`, in file order; `None` when the text is not valid TOML.
pub fn find(text: &str) -> Option<Vec<Unknown>> {
    let root = DeTable::parse(text).ok()?;
    let mut found = Vec::new();
    walk(text, root.get_ref(), ROOT, &mut found);
    found.sort_by_key(|u| u.key.start);
    Some(found)
}

/// The fields each known table of `allowed` holds, for the tables below this one.
fn child(field: &str, parent: &'static [&'static str]) -> Option<&'static [&'static str]> {
    Some(match (field, parent) {
        ("pack", ROOT) => PACK,
        ("topic", ROOT) => TOPIC,
        ("tip", ROOT) => TIP,
        ("diagram", ROOT) => DIAGRAM,
        ("question", ROOT) => QUESTION,
        ("exam", ROOT) => EXAM,
        ("region", DIAGRAM) => REGION,
        ("choice", QUESTION) => CHOICE,
        _ => return None,
    })
}

fn walk(text: &str, table: &DeTable<'_>, allowed: &'static [&'static str], out: &mut Vec<Unknown>) {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        if !allowed.contains(&name) {
            let (k, v) = (key.span(), value.span());
            let one_line =
                v.end >= k.start && text.get(k.start..v.end).is_some_and(|s| !s.contains('\n'));
            out.push(Unknown {
                field: name.to_string(),
                key: k.clone(),
                entry: one_line.then_some(k.start..v.end),
                allowed,
            });
            continue;
        }
        let Some(inner) = child(name, allowed) else {
            continue;
        };
        match value.get_ref() {
            DeValue::Table(t) => walk(text, t, inner, out),
            DeValue::Array(items) => {
                for item in items {
                    if let DeValue::Table(t) = item.get_ref() {
                        walk(text, t, inner, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `text` with the given ranges replaced by spaces (newlines kept), so every other location in
/// the file stays where it was.
pub fn blank(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = text.to_string();
    for r in ranges {
        if let Some(s) = text.get(r.clone()) {
            let spaces: String = s
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' })
                .collect();
            out.replace_range(r.clone(), &spaces);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_unknown_field_in_file_order() {
        let text = "[pack]\nid = \"p\"\ntitle = \"t\"\nversion = \"1\"\ncolour = 1\n\n[[question]]\nid = \"q\"\n[[question.choice]]\ntext = \"a\"\ncorect = true\n[[question.choice]]\ntext = \"b\"\ncorect = false\n";
        let found = find(text).unwrap();
        let names: Vec<&str> = found.iter().map(|u| u.field.as_str()).collect();
        assert_eq!(names, ["colour", "corect", "corect"]);
        assert_eq!(&text[found[1].key.clone()], "corect");
        assert_eq!(found[1].allowed, CHOICE);
        let ranges: Vec<_> = found.iter().filter_map(|u| u.entry.clone()).collect();
        let blanked = blank(text, &ranges);
        assert_eq!(blanked.len(), text.len());
        assert!(find(&blanked).unwrap().is_empty());
    }
}
