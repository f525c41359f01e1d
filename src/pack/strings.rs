//! Text helpers for diagnostics: mapping a position in a decoded TOML string back to the source,
//! naming control characters, quoting values safely and suggesting the closest known name.

use std::ops::Range;

/// Byte offset in `src` of byte `i` of the decoded string value written at `span`.
///
/// Handles all four TOML string kinds: literal (`'…'`, `'''…'''`) map one to one; basic strings
/// (`"…"`, `"""…"""`) are walked escape by escape, so a `\u001b` is found where it is written.
/// Any span that is not a string maps to its start. Never panics, whatever the input.
pub fn inner_offset(src: &str, span: &Range<usize>, i: usize) -> usize {
    let Some(raw) = src.get(span.clone()) else {
        return span.start.min(src.len());
    };
    let (quote, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else {
        return span.start;
    };
    let mut pos = quote;
    if quote == 3 {
        if raw[pos..].starts_with("\r\n") {
            pos += 2;
        } else if raw[pos..].starts_with('\n') {
            pos += 1;
        }
    }
    let end = raw.len().saturating_sub(quote).max(pos);
    let last = span.end.saturating_sub(1).max(span.start);
    let mut decoded = 0;
    while pos < end && decoded < i {
        let Some(rest) = raw.get(pos..end) else { break };
        let Some(c) = rest.chars().next() else { break };
        if basic && c == '\\' {
            let (src_len, out_len) = escape_len(rest);
            pos += src_len;
            decoded += out_len;
        } else {
            pos += c.len_utf8();
            decoded += c.len_utf8();
        }
    }
    (span.start + pos).min(last)
}

/// (source bytes, decoded bytes) of the escape at the start of `s`, which begins with `\`.
fn escape_len(s: &str) -> (usize, usize) {
    let hex = |n: usize| match s
        .get(2..2 + n)
        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        Some(h) => (
            2 + n,
            u32::from_str_radix(h, 16)
                .ok()
                .and_then(char::from_u32)
                .map_or(1, char::len_utf8),
        ),
        None => (2, 1),
    };
    match s[1..].chars().next() {
        Some('u') => hex(4),
        Some('U') => hex(8),
        Some('x') => hex(2),
        Some(c) if c == ' ' || c == '\t' || c == '\r' || c == '\n' => {
            // A line-ending backslash: it and all following whitespace decode to nothing.
            let rest = &s[1..];
            let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
            (1 + skipped, 0)
        }
        Some(c) => (1 + c.len_utf8(), 1),
        None => (1, 0),
    }
}

/// A value quoted in a message, on one line, with unsafe characters shown as `?`.
pub fn printable(s: &str) -> String {
    crate::text::one_line(s)
}

/// `U+001B (escape)`: a control character named for a message.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{1b}' => " (escape)",
        '\u{9b}' => " (CSI, an escape sequence start)",
        '\t' => " (tab)",
        '\r' => " (carriage return)",
        '\n' => " (newline)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{7f}' => " (delete)",
        '\0' => " (NUL)",
        '\u{202A}' => " (left-to-right embedding)",
        '\u{202B}' => " (right-to-left embedding)",
        '\u{202C}' => " (pop directional formatting)",
        '\u{202D}' => " (left-to-right override)",
        '\u{202E}' => " (right-to-left override)",
        '\u{2066}' => " (left-to-right isolate)",
        '\u{2067}' => " (right-to-left isolate)",
        '\u{2068}' => " (first strong isolate)",
        '\u{2069}' => " (pop directional isolate)",
        '\u{200B}' => " (zero-width space)",
        '\u{200C}' => " (zero-width non-joiner)",
        '\u{200D}' => " (zero-width joiner)",
        '\u{200E}' => " (left-to-right mark)",
        '\u{200F}' => " (right-to-left mark)",
        '\u{FEFF}' => " (zero-width no-break space, BOM)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// At most twelve names as `` `a`, `b` ``, then "and N more".
pub fn list(items: &[&str]) -> String {
    let shown: Vec<String> = items.iter().take(12).map(|s| format!("`{s}`")).collect();
    let more = if items.len() > 12 {
        format!(" and {} more", items.len() - 12)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

/// The known name closest to a misspelt one, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // d[i][j]: distance between the first i chars of a and the first j of b.
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(src: &str, i: usize) -> &str {
        let start = src.find(['\'', '"']).unwrap();
        let span = start..src.len();
        &src[inner_offset(src, &span, i)..]
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("sqss", &["sqs", "sns"]), Some("sqs"));
        assert_eq!(closest("kinesis", &["sqs", "sns"]), None);
        assert_eq!(
            closest("corect", &["text", "correct", "why"]),
            Some("correct")
        );
    }

    #[test]
    fn maps_literal_strings() {
        assert!(at("art = '''\nab\tc'''", 2).starts_with('\t'));
        assert!(at("art = '''\r\nab\tc'''", 2).starts_with('\t'));
        assert!(at("t = 'ab\u{9b}c'", 2).starts_with('\u{9b}'));
    }

    #[test]
    fn maps_basic_strings_through_escapes() {
        assert!(at(r#"t = "a\"b\u001b[31m""#, 3).starts_with(r"\u001b"));
        assert!(at(r#"t = "\U0001F600x\e""#, 5).starts_with(r"\e"));
        assert!(at("t = \"\"\"\nab\\\n    c\\x07\"\"\"", 3).starts_with(r"\x07"));
    }

    #[test]
    fn never_leaves_the_span() {
        let src = "t = \"ab\"";
        let span = 4..src.len();
        assert_eq!(inner_offset(src, &span, 99), src.len() - 1);
        assert_eq!(inner_offset(src, &(50..60), 1), src.len());
        assert_eq!(inner_offset("\"\\", &(0..2), 5), 1);
    }
}
