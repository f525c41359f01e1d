//! The fast path of history parsing: decodes an answer line written in exactly the canonical
//! layout of [`AnswerEvent::to_line`] without `serde_json`, so replaying 100k answers stays in
//! the tens of milliseconds. Anything else is left to the general parser; property tests check
//! that the two never disagree.
//! Hand-written on the replay hot path; `parse_lines_*` in `cargo bench --bench history` compares it with serde_json.

use std::borrow::Cow;

#[cfg(doc)]
use super::event::AnswerEvent;
use super::event::{AnswerRef, Mode, Rating};
use super::utc;

/// Decodes a line in exactly the layout `to_line` writes; `None` means "use the general parser".
/// It must never accept a line `serde_json` would reject or read differently.
pub(super) fn answer(line: &[u8]) -> Option<AnswerRef<'_>> {
    let mut c = Cursor { b: line, i: 0 };
    c.lit(br#"{"v":1,"kind":"answer","at":""#)?;
    let at = utc::parse_fast(c.string()?)?;
    c.lit(br#","question":""#)?;
    let question = std::str::from_utf8(c.string()?).ok()?;
    c.lit(br#","mode":""#)?;
    let mode = Mode::parse(std::str::from_utf8(c.string()?).ok()?)?;
    c.lit(br#","chosen":["#)?;
    if c.lit(b"]").is_none() {
        loop {
            c.uint()?;
            if c.lit(b"]").is_some() {
                break;
            }
            c.lit(b",")?;
        }
    }
    c.lit(br#","correct":"#)?;
    let correct = c.boolean()?;
    c.lit(br#","rating":"#)?;
    let rating = Rating::from_u8(u8::try_from(c.uint()?).ok()?)?;
    c.lit(br#","ms":"#)?;
    let ms = c.uint()?;
    let unsure = if c.lit(br#","unsure":"#).is_some() {
        c.boolean()?
    } else {
        false
    };
    c.lit(b"}")?;
    (c.i == line.len()).then_some(AnswerRef {
        at,
        question: Cow::Borrowed(question),
        mode,
        correct,
        rating,
        ms,
        unsure,
    })
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn lit(&mut self, s: &[u8]) -> Option<()> {
        self.b[self.i..].starts_with(s).then(|| self.i += s.len())
    }

    /// The body of a string whose opening quote was consumed, up to and past the closing quote.
    /// Escapes and control characters are left to the general parser.
    fn string(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        let len = self.b[start..]
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
        if self.b[start + len] != b'"' {
            return None;
        }
        self.i = start + len + 1;
        Some(&self.b[start..start + len])
    }

    /// A JSON non-negative integer: no sign, no leading zero, no fraction, fits in u64.
    fn uint(&mut self) -> Option<u64> {
        let digits = self.b[self.i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 || (digits > 1 && self.b[self.i] == b'0') {
            return None;
        }
        let mut n: u64 = 0;
        for &c in &self.b[self.i..self.i + digits] {
            n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
        }
        self.i += digits;
        Some(n)
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.lit(b"true").is_some() {
            Some(true)
        } else {
            self.lit(b"false").map(|()| false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::event::{AnswerEvent, Line, parse_general, parse_line};
    use proptest::prelude::*;
    use serde_json::Value;

    fn answers() -> impl Strategy<Value = AnswerEvent> {
        (
            0i64..4_102_444_800_000,
            "[a-z0-9-]{1,12}/[a-zA-Z0-9_é\\\\\"-]{1,12}",
            0usize..4,
            prop::collection::vec(0usize..12, 0..4),
            any::<bool>(),
            1u8..=4,
            any::<u64>(),
            any::<bool>(),
        )
            .prop_map(
                |(at, question, mode, chosen, correct, rating, ms, unsure)| AnswerEvent {
                    at,
                    question,
                    mode: Mode::ALL[mode],
                    chosen,
                    correct,
                    rating: Rating::from_u8(rating).unwrap(),
                    ms,
                    unsure,
                },
            )
    }

    fn as_ref(e: &AnswerEvent) -> AnswerRef<'_> {
        AnswerRef {
            at: e.at,
            question: Cow::Borrowed(&e.question),
            mode: e.mode,
            correct: e.correct,
            rating: e.rating,
            ms: e.ms,
            unsure: e.unsure,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn both_parsers_read_every_written_line_alike(e in answers()) {
            let line = e.to_line();
            prop_assert_eq!(parse_line(line.as_bytes()), Ok(Line::Answer(as_ref(&e))));
            prop_assert_eq!(parse_general(line.as_bytes()), Ok(Line::Answer(as_ref(&e))));
            // The same event with keys in another order only the general parser reads.
            let v: Value = serde_json::from_str(&line).unwrap();
            let mut reordered: Vec<(String, Value)> = v.as_object().unwrap().clone().into_iter().collect();
            reordered.reverse();
            let text = format!("{{{}}}", reordered.iter().map(|(k, v)| format!("{k:?}:{v}")).collect::<Vec<_>>().join(","));
            prop_assert_eq!(answer(text.as_bytes()), None);
            prop_assert_eq!(parse_line(text.as_bytes()), Ok(Line::Answer(as_ref(&e))));
        }

        #[test]
        fn fast_path_never_disagrees_with_serde(e in answers(), pos in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let mut line = e.to_line().into_bytes();
            let i = pos.index(line.len());
            line[i] = byte;
            prop_assert_eq!(parse_line(&line), parse_general(&line));
        }
    }
}
