//! Located diagnostics for pack files: `path:line:col: error: message`, the source line and a caret.
//!
//! Rendering is plain text (no colour, no escape codes) so `check` output stays pipe-friendly.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// The kind of a form warning, so `check --stats` can count them per pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lint {
    /// The question's diagram names what only a correct choice names.
    GiveAway,
    /// The key's length gives it away (per pack, or the keys of a "Choose N" question).
    Length,
    /// Two questions' stems are nearly the same.
    NearDuplicate,
}

/// One finding in one file, already resolved to a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    /// 1-based line; 0 when the finding concerns the whole file.
    pub line: usize,
    /// 1-based column counted in characters.
    pub col: usize,
    pub message: String,
    pub help: Option<String>,
    /// The offending source line (without its newline) and how many characters to underline.
    pub source_line: String,
    pub caret_len: usize,
    /// Which form warning this is, if it is one.
    pub lint: Option<Lint>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Maps byte offsets of one source text to lines and columns.
pub struct SourceMap<'a> {
    pub path: &'a str,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            path,
            text,
            line_starts,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }

    fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |e| e - 1);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// Builds a diagnostic pointing at `span` (byte range into the text).
    pub fn at(
        &self,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, col) = self.line_col(span.start);
        let source_line = self.line_text(line).to_string();
        let rest: usize = source_line.chars().count().saturating_sub(col - 1);
        let span_chars = self
            .text
            .get(span.start..span.end.min(self.text.len()))
            .map_or(1, |s| s.split('\n').next().unwrap_or("").chars().count());
        Diagnostic {
            severity,
            path: self.path.to_string(),
            line,
            col,
            message: message.into(),
            help: None,
            source_line,
            caret_len: span_chars.clamp(1, rest.max(1)),
            lint: None,
        }
    }
}

/// A diagnostic about a whole file (unreadable, too large): no line to show.
pub fn file_level(severity: Severity, path: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity,
        path: path.to_string(),
        line: 0,
        col: 0,
        message: message.into(),
        help: None,
        source_line: String::new(),
        caret_len: 0,
        lint: None,
    }
}

impl Diagnostic {
    pub fn with_lint(mut self, lint: Lint) -> Self {
        self.lint = Some(lint);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:col` as an editor understands it.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.path.clone()
        } else {
            format!("{}:{}:{}", self.path, self.line, self.col)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Paths and messages are shown with control characters replaced, like source lines.
        let location: String = self.location().chars().map(visible).collect();
        let message: String = self.message.chars().map(visible).collect();
        writeln!(f, "{location}: {kind}: {message}")?;
        if self.line > 0 {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            // A very long line (a huge field) is shown as a window around the caret.
            let chars: Vec<char> = self.source_line.chars().collect();
            let from = if chars.len() > SHOWN {
                (self.col - 1).saturating_sub(SHOWN / 4)
            } else {
                0
            };
            let to = chars.len().min(from + SHOWN);
            let (before, after) = (
                if from > 0 { "…" } else { "" },
                if to < chars.len() { "…" } else { "" },
            );
            let shown: String = chars[from..to].iter().copied().map(visible).collect();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {before}{shown}{after}")?;
            let lead: String = before
                .chars()
                .map(|_| ' ')
                .chain(
                    chars[from..(self.col - 1).clamp(from, to)]
                        .iter()
                        .map(|&c| if c == '\t' { '\t' } else { ' ' }),
                )
                .collect();
            let caret = self.caret_len.min(to.saturating_sub(self.col - 1).max(1));
            writeln!(f, "{pad} | {lead}{}", "^".repeat(caret))?;
        }
        if let Some(help) = &self.help {
            let help: String = help.chars().map(visible).collect();
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// The most characters of a source line a diagnostic quotes.
const SHOWN: usize = 160;

/// Unsafe characters (`crate::text`) in a quoted source line are shown as `?` so a diagnostic
/// never writes escape codes to the terminal; a tab stays, for the caret's alignment.
fn visible(c: char) -> char {
    if c != '\t' && crate::text::is_unsafe(c) {
        crate::text::REPLACEMENT
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "a = 1\nb = \"é\" x\n";
        let map = SourceMap::new("f.toml", text);
        let off = text.find('x').unwrap();
        assert_eq!(map.line_col(off), (2, 9));
        assert_eq!(map.line_col(0), (1, 1));
    }

    #[test]
    fn a_long_line_is_quoted_around_the_caret() {
        let text = format!("stem = \"{}X{}\"\n", "a".repeat(500), "b".repeat(500));
        let map = SourceMap::new("p.toml", &text);
        let at = text.find('X').unwrap();
        let d = map.at(Severity::Error, at..at + 1, "here");
        let out = d.to_string();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[2].chars().count() < SHOWN + 10, "{out}");
        let col = lines[2].chars().position(|c| c == 'X').unwrap();
        assert_eq!(lines[3].chars().position(|c| c == '^'), Some(col), "{out}");
    }

    #[test]
    fn renders_like_rustc() {
        let text = "[pack]\ncorect = true\n";
        let map = SourceMap::new("p.toml", text);
        let d = map
            .at(Severity::Error, 7..13, "unknown field `corect`")
            .with_help("did you mean `correct`?");
        assert_eq!(
            d.to_string(),
            "p.toml:2:1: error: unknown field `corect`\n  |\n2 | corect = true\n  | ^^^^^^\n  = help: did you mean `correct`?\n"
        );
    }
}
