//! Reads pack files (from disk or embedded) into checked packs, turning TOML syntax and type
//! errors into located diagnostics.

use std::path::Path;

use super::diag::{Diagnostic, Severity, SourceMap, file_level};
use super::model::PackSource;
use super::raw::RawPack;
use super::strings::{describe, printable};
use super::validate::{self, Checked, Lints, closest};

/// Largest pack file we read. A 10,000-question library split in 20 packs is about 1 MB a file.
pub const MAX_PACK_BYTES: u64 = 16 * 1024 * 1024;

/// The outcome of reading one pack file.
pub struct Loaded {
    /// The pack, when the file parsed (it may still carry errors in `diagnostics`).
    pub checked: Option<Checked>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and checks one pack text, form lints included. `path` is what diagnostics show.
pub fn from_str(path: &str, text: &str, source: PackSource) -> Loaded {
    from_str_with(path, text, source, Lints::On)
}

/// [`from_str`], with or without the form lints.
pub fn from_str_with(path: &str, text: &str, source: PackSource, lints: Lints) -> Loaded {
    match toml::from_str::<RawPack>(text) {
        Ok(raw) => {
            let checked = validate::check(path, text, raw, source, lints);
            let diagnostics = checked.diagnostics.clone();
            Loaded {
                checked: Some(checked),
                diagnostics,
            }
        }
        Err(e) if e.message().starts_with("unknown field") => {
            every_unknown_field(path, text, source, lints).unwrap_or_else(|| Loaded {
                checked: None,
                diagnostics: vec![syntax(path, text, &e)],
            })
        }
        Err(e) => Loaded {
            checked: None,
            diagnostics: vec![syntax(path, text, &e)],
        },
    }
}

/// Every unknown field of the file, each with its location and a did-you-mean; then, with those
/// fields blanked out, the rest of the file is checked too (so a misspelt `correct` also shows
/// the question left without a correct choice). `None` when the fields cannot be listed.
fn every_unknown_field(path: &str, text: &str, source: PackSource, lints: Lints) -> Option<Loaded> {
    let found = super::unknown::find(text)?;
    if found.is_empty() {
        return None;
    }
    let map = SourceMap::new(path, text);
    let mut diagnostics: Vec<Diagnostic> = found
        .iter()
        .map(|u| {
            let help = match closest(&u.field, u.allowed) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("allowed here: {}", u.allowed.join(", ")),
            };
            map.at(
                Severity::Error,
                u.key.clone(),
                format!("unknown field `{}`", printable(&u.field)),
            )
            .with_help(help)
        })
        .collect();
    let ranges: Option<Vec<_>> = found.iter().map(|u| u.entry.clone()).collect();
    let rest = ranges
        .map(|r| super::unknown::blank(text, &r))
        .and_then(|blanked| {
            let raw = toml::from_str::<RawPack>(&blanked).ok()?;
            Some(validate::check(path, &blanked, raw, source, lints))
        });
    // The unknown fields first (they are the cause), then what the rest of the file has.
    let checked = rest.map(|mut c| {
        diagnostics.append(&mut c.diagnostics);
        c.diagnostics = diagnostics.clone();
        c
    });
    Some(Loaded {
        checked,
        diagnostics,
    })
}

/// Reads and checks one pack file on disk, form lints included.
pub fn from_file(path: &Path) -> Loaded {
    from_file_with(path, Lints::On)
}

/// [`from_file`], with or without the form lints.
pub fn from_file_with(path: &Path, lints: Lints) -> Loaded {
    let shown = path.display().to_string();
    let fail = |msg: String| Loaded {
        checked: None,
        diagnostics: vec![file_level(Severity::Error, &shown, msg)],
    };
    let bytes = match read_limited(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return fail(format!(
                "pack file is larger than {} MiB ({MAX_PACK_BYTES} bytes), the limit for one pack",
                MAX_PACK_BYTES / (1024 * 1024)
            ))
            .with_help("split it into several packs");
        }
        Err(e) => return fail(format!("cannot read pack file: {e}")),
    };
    match String::from_utf8(bytes) {
        Ok(text) => from_str_with(&shown, &text, PackSource::File(path.to_path_buf()), lints),
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = e.utf8_error().valid_up_to();
            let d = SourceMap::new(&shown, &text)
                .at(Severity::Error, at..at + 1, "pack file is not valid UTF-8")
                .with_help("save the file with the UTF-8 encoding");
            Loaded {
                checked: None,
                diagnostics: vec![d],
            }
        }
    }
}

/// The file's bytes, or `None` when it is larger than `MAX_PACK_BYTES`. Reads at most one byte
/// past the limit, so a huge file or an endless pipe costs no memory.
fn read_limited(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() > MAX_PACK_BYTES {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(MAX_PACK_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_PACK_BYTES).then_some(bytes))
}

impl Loaded {
    fn with_help(mut self, help: &str) -> Self {
        for d in &mut self.diagnostics {
            d.help = Some(help.to_string());
        }
        self
    }
}

/// A raw control character (not tab, newline or a CRLF's carriage return) where a TOML error
/// points, which TOML forbids everywhere, even in comments.
fn control_char_near(text: &str, span: &std::ops::Range<usize>) -> Option<(usize, char)> {
    let start = span.start.min(text.len());
    let end = span.end.max(start + 1).min(text.len());
    let region = text.get(start..end)?;
    region
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .find(|&(i, c)| {
            c.is_control()
                && c != '\t'
                && c != '\n'
                && !(c == '\r' && text[i + 1..].starts_with('\n'))
        })
}

/// Turns a toml error into a located diagnostic with a plain-words message and a hint.
fn syntax(path: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let map = SourceMap::new(path, text);
    let span = e.span().unwrap_or(0..0);
    // TOML itself rejects raw control characters; say what is wrong in our words.
    if let Some((i, c)) = control_char_near(text, &span) {
        return map
            .at(Severity::Error, i..i + c.len_utf8(), format!("the file contains the control character {}", describe(c)))
            .with_help(if c == '\r' {
                "a carriage return must be followed by a newline; save the file with LF or CRLF line endings"
            } else {
                "packs may not contain control characters or escape sequences: they could rewrite the learner's terminal"
            });
    }
    // Messages may quote the offending value; never echo its control characters.
    let raw_msg = printable(e.message().trim());
    let found = text.get(span.clone()).unwrap_or("");
    let (line, _) = map.line_col(span.start);
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    let (message, help) = explain(&raw_msg, found, line_text);
    let d = map.at(Severity::Error, span, message);
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// Rephrases serde/toml messages for pack authors and suggests a fix. `found` is the source text
/// the error points at and `line` the whole source line.
fn explain(msg: &str, found: &str, line: &str) -> (String, Option<String>) {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let every = super::unknown::every_field();
        let help = match closest(
            field,
            if expected.is_empty() {
                &every
            } else {
                &expected
            },
        ) {
            Some(c) => format!("did you mean `{c}`?"),
            None if !expected.is_empty() => format!("allowed here: {}", expected.join(", ")),
            None => "remove this field; see docs/pack-format.md for the allowed fields".into(),
        };
        return (format!("unknown field `{field}`"), Some(help));
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        if field == "pack" {
            return (
                "missing the [pack] table".to_string(),
                Some("start the file with [pack] and its `id`, `title` and `version`".to_string()),
            );
        }
        return (
            format!("missing required field `{field}`"),
            Some(format!(
                "add `{field} = …` to this table (see docs/pack-format.md)"
            )),
        );
    }
    if msg.starts_with("invalid type") && msg.ends_with("expected i64") {
        let msg = msg
            .replace(" as i128", "")
            .replace("expected i64", "expected a whole number");
        return (
            msg,
            Some("write a whole number without quotes, e.g. `questions = 65`".to_string()),
        );
    }
    let header = line
        .trim()
        .strip_prefix("[[")
        .and_then(|h| h.split("]]").next())
        .map(str::trim);
    if let Some((parent, _)) = header.and_then(|h| h.rsplit_once('.'))
        && msg.contains("expected a sequence")
    {
        let header = header.unwrap_or_default();
        return (
            format!("[[{header}]] is not inside a [[{parent}]]"),
            Some(format!(
                "a [[{header}]] table belongs to the [[{parent}]] above it; start a [[{parent}]] first"
            )),
        );
    }
    if msg.starts_with("invalid type") {
        let help = if msg.contains("expected a sequence") {
            Some("this field takes a list, e.g. `tips = [\"a\", \"b\"]`".to_string())
        } else if msg.contains("expected a boolean") {
            Some("write `true` or `false` without quotes".to_string())
        } else if msg.contains("expected a string") {
            Some(
                "put the value in quotes, e.g. `\"…\"`, or use '''…''' for several lines"
                    .to_string(),
            )
        } else {
            None
        };
        return (msg.to_string(), help);
    }
    if msg.contains("duplicate key") {
        let key: String = found
            .trim()
            .trim_matches(['[', ']', '"', '\''])
            .chars()
            .take(40)
            .collect();
        let message = if key.is_empty() {
            msg.to_string()
        } else {
            format!("duplicate key `{}`", printable(&key))
        };
        let help = if line.trim_start().starts_with("[[") {
            format!(
                "an earlier [{key}] or [[{key}.…]] table already defined `{key}`; put each [[{key}.…]] table after the [[{key}]] it belongs to"
            )
        } else {
            "each key may appear once per table; for another item start a new [[…]] table"
                .to_string()
        };
        return (message, Some(printable(&help)));
    }
    (
        msg.to_string(),
        Some("see the TOML syntax at toml.io and docs/pack-format.md".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_fix() {
        let (m, h) = explain(
            "unknown field `corect`, expected one of `text`, `correct`, `why`",
            "corect",
            "corect = true",
        );
        assert_eq!(m, "unknown field `corect`");
        assert_eq!(h.as_deref(), Some("did you mean `correct`?"));
    }
}
