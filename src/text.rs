//! Safe text for the terminal: the one rule for which characters may reach it, applied to every
//! line the program prints (commands, plain mode, errors, the TUI's cells).
//!
//! Unsafe are control characters other than newline and tab (ESC starts the escape sequences
//! that rewrite a terminal; a carriage return overwrites what a line showed), the bidirectional
//! overrides and isolates U+202A–U+202E and U+2066–U+2069 plus U+061C (they reorder what follows
//! them, the "Trojan Source" trick), and the invisible U+200B–U+200F, U+2060–U+2064, U+2028,
//! U+2029 and U+FEFF (they hide or fake differences between names). Pack fields may contain none
//! of them (`check` rejects them); everything else that reaches the terminal (file names, keys
//! read from the history, paths and ids typed by the user, messages quoting them) goes through
//! [`safe`], or through [`SafeWriter`] at the edge.

use std::borrow::Cow;
use std::io::{self, Write};

/// What an unsafe character becomes in printed text.
pub const REPLACEMENT: char = '?';

/// A character that reorders text (bidirectional override, embedding or isolate).
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// A character that takes no room and shows nothing (zero-width space, joiners, marks, BOM,
/// line and paragraph separators).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
    )
}

/// Whether `c` may not reach the terminal as it is (see the module docs). Newline and tab may.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi(c) || is_invisible(c)
}

/// `s` with every unsafe character replaced by [`REPLACEMENT`]; borrowed when nothing changes.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_unsafe(c) { REPLACEMENT } else { c })
            .collect(),
    )
}

/// `s` on one line: [`safe`], with newlines and tabs also replaced (for ids and paths quoted
/// inside a message).
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_unsafe(c) || c == '\n' || c == '\t' {
                REPLACEMENT
            } else {
                c
            }
        })
        .collect()
}

/// JSON text with every unsafe character written as a `\uXXXX` escape: the same data (a JSON
/// reader gets the character back), nothing a terminal acts on. `json` must be serializer
/// output, where every such character can only be inside a string.
pub fn safe_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How a [`SafeWriter`] makes its lines safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Human-readable text: [`safe`].
    Text,
    /// Serializer JSON: [`safe_json`].
    Json,
}

/// A writer that passes on only safe text: whole lines (and, on flush, a prompt without its
/// newline) are made safe before they reach `inner`. Invalid UTF-8 is shown as U+FFFD.
pub struct SafeWriter<W: Write> {
    inner: W,
    mode: Mode,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W, mode: Mode) -> SafeWriter<W> {
        SafeWriter {
            inner,
            mode,
            pending: Vec::new(),
        }
    }

    fn pass(&mut self, upto: usize) -> io::Result<()> {
        let bytes: Vec<u8> = self.pending.drain(..upto).collect();
        let text = String::from_utf8_lossy(&bytes);
        let shown = match self.mode {
            Mode::Text => safe(&text),
            Mode::Json => safe_json(&text),
        };
        self.inner.write_all(shown.as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(i) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.pass(i + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Up to the last complete character: a character cut by a write waits for its end.
        let upto = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        self.pass(upto)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        let n = self.pending.len();
        let _ = self.pass(n);
        let _ = self.inner.flush();
    }
}

/// Writes `line` safely to stderr, with a newline.
pub fn eprint_line(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", safe(line));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_replaced() {
        assert_eq!(safe("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(safe("a\u{1b}[31mb"), "a?[31mb");
        assert_eq!(safe("x\u{202e}y\u{2066}z"), "x?y?z");
        assert_eq!(safe("\u{200b}\u{feff}\r\u{9b}"), "????");
        assert_eq!(one_line("a\nb"), "a?b");
    }

    #[test]
    fn json_keeps_the_data() {
        let json = serde_json::to_string("k\u{202e}y\u{1b}").unwrap();
        let shown = safe_json(&json);
        assert!(!shown.chars().any(is_unsafe));
        let back: String = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, "k\u{202e}y\u{1b}");
    }

    #[test]
    fn the_writer_makes_lines_safe_and_keeps_split_characters() {
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::new(&mut out, Mode::Text);
            w.write_all(b"one \x1b[2J\n").unwrap();
            let rlo = "\u{202e}".as_bytes();
            w.write_all(&rlo[..1]).unwrap();
            w.flush().unwrap();
            w.write_all(&rlo[1..]).unwrap();
            w.write_all(b"two").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "one ?[2J\n?two");
    }
}
