//! History events: the answer line format (written in one canonical layout), and the parser that
//! turns a line into an event, a newer-version marker or a reason it is unreadable.
//!
//! Parsing has two paths that must agree: a hand-written one for lines in exactly the layout
//! [`AnswerEvent::to_line`] writes (replay of 100k events has to stay fast), and `serde_json`
//! for everything else. A property test checks that they agree.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use super::utc::{self, Ms};

/// The history format version this build reads and writes.
pub const VERSION: u64 = 1;

/// Why a question was answered. Every mode counts as a review for scheduling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Practice,
    Review,
    Drill,
    Exam,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Practice, Mode::Review, Mode::Drill, Mode::Exam];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Review => "review",
            Mode::Drill => "drill",
            Mode::Exam => "exam",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// An FSRS rating. The numbers are the ones the history stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    pub fn from_u8(n: u8) -> Option<Rating> {
        Self::ALL.get(usize::from(n).wrapping_sub(1)).copied()
    }

    pub fn as_u8(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }
}

/// One answer exactly as the history stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerEvent {
    pub at: Ms,
    /// `pack/question`.
    pub question: String,
    pub mode: Mode,
    /// Choice indexes in file order.
    pub chosen: Vec<usize>,
    pub correct: bool,
    pub rating: Rating,
    /// Answer time in milliseconds.
    pub ms: u64,
    pub unsure: bool,
}

/// The canonical layout: field order is the declaration order; `unsure` only when true.
#[derive(Serialize)]
struct AnswerOut<'a> {
    v: u64,
    kind: &'static str,
    at: String,
    question: &'a str,
    mode: Mode,
    chosen: &'a [usize],
    correct: bool,
    rating: u8,
    ms: u64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unsure: bool,
}

impl AnswerEvent {
    /// The JSON line (without its newline).
    pub fn to_line(&self) -> String {
        let out = AnswerOut {
            v: VERSION,
            kind: "answer",
            at: utc::format(self.at),
            question: &self.question,
            mode: self.mode,
            chosen: &self.chosen,
            correct: self.correct,
            rating: self.rating.as_u8(),
            ms: self.ms,
            unsure: self.unsure,
        };
        serde_json::to_string(&out).unwrap_or_default()
    }
}

/// What replay needs of an answer (the chosen indexes are validated but not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRef<'a> {
    pub at: Ms,
    pub question: Cow<'a, str>,
    pub mode: Mode,
    pub correct: bool,
    pub rating: Rating,
    pub ms: u64,
    pub unsure: bool,
}

/// One parsed history line.
#[derive(Debug, Clone, PartialEq)]
pub enum Line<'a> {
    /// An empty or all-blank line: harmless, skipped.
    Blank,
    Answer(AnswerRef<'a>),
    /// A v1 event of any other kind, kept whole (known kinds are interpreted by the engine).
    Other(Value),
    /// A line written by a newer schema version.
    Newer(u64),
}

/// Parses one line (without its newline). `Err` says why the line is unreadable.
pub fn parse_line(line: &[u8]) -> Result<Line<'_>, String> {
    match super::fastline::answer(line) {
        Some(a) => Ok(Line::Answer(a)),
        None => parse_general(line),
    }
}

/// The `serde_json` path of [`parse_line`].
pub(super) fn parse_general(line: &[u8]) -> Result<Line<'_>, String> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(Line::Blank);
    }
    let value: Value = serde_json::from_slice(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let Value::Object(obj) = &value else {
        return Err("not a JSON object".into());
    };
    let v = obj
        .get("v")
        .and_then(Value::as_u64)
        .filter(|&v| v >= 1)
        .ok_or("no valid `v` field")?;
    if v > VERSION {
        return Ok(Line::Newer(v));
    }
    match obj.get("kind").and_then(Value::as_str) {
        None => Err("no `kind` field".into()),
        Some("answer") => slow_answer(obj).map(Line::Answer),
        Some(_) => Ok(Line::Other(value)),
    }
}

fn slow_answer(o: &serde_json::Map<String, Value>) -> Result<AnswerRef<'static>, String> {
    let field = |k: &str| o.get(k).ok_or_else(|| format!("answer without `{k}`"));
    let bad = |k: &str| format!("answer with an invalid `{k}`");
    let at = field("at")?
        .as_str()
        .and_then(utc::parse)
        .ok_or_else(|| bad("at"))?;
    let question = field("question")?
        .as_str()
        .ok_or_else(|| bad("question"))?
        .to_owned();
    let mode = field("mode")?
        .as_str()
        .and_then(Mode::parse)
        .ok_or_else(|| bad("mode"))?;
    let chosen = field("chosen")?.as_array().ok_or_else(|| bad("chosen"))?;
    if !chosen.iter().all(Value::is_u64) {
        return Err(bad("chosen"));
    }
    let correct = field("correct")?.as_bool().ok_or_else(|| bad("correct"))?;
    let rating = field("rating")?
        .as_u64()
        .and_then(|r| u8::try_from(r).ok())
        .and_then(Rating::from_u8)
        .ok_or_else(|| bad("rating"))?;
    let ms = field("ms")?.as_u64().ok_or_else(|| bad("ms"))?;
    let unsure = match o.get("unsure") {
        None | Some(Value::Null) => false,
        Some(v) => v.as_bool().ok_or_else(|| bad("unsure"))?,
    };
    Ok(AnswerRef {
        at,
        question: Cow::Owned(question),
        mode,
        correct,
        rating,
        ms,
        unsure,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> AnswerEvent {
        AnswerEvent {
            at: 1_795_687_200_000,
            question: "decoupling/sqs-1".into(),
            mode: Mode::Review,
            chosen: vec![0, 2],
            correct: false,
            rating: Rating::Again,
            ms: 8420,
            unsure: false,
        }
    }

    #[test]
    fn canonical_line_and_fast_path() {
        let line = sample().to_line();
        assert_eq!(
            line,
            r#"{"v":1,"kind":"answer","at":"2026-11-26T10:00:00Z","question":"decoupling/sqs-1","mode":"review","chosen":[0,2],"correct":false,"rating":1,"ms":8420}"#
        );
        let fast = super::super::fastline::answer(line.as_bytes()).expect("fast path");
        assert!(matches!(fast.question, Cow::Borrowed(_)));
        let Value::Object(o) = serde_json::from_str::<Value>(&line).unwrap() else {
            panic!()
        };
        assert_eq!(slow_answer(&o).unwrap(), fast);
    }

    #[test]
    fn unreadable_and_other_lines() {
        assert!(parse_line(b"{\"v\":1,\"kind\":\"answer\"").is_err());
        assert!(parse_line(b"[1,2]").is_err());
        assert!(parse_line(br#"{"kind":"answer"}"#).is_err());
        assert!(parse_line(br#"{"v":1,"kind":"answer","at":"x"}"#).is_err());
        assert_eq!(
            parse_line(br#"{"v":2,"kind":"answer"}"#),
            Ok(Line::Newer(2))
        );
        assert_eq!(parse_line(b"  "), Ok(Line::Blank));
        assert!(matches!(
            parse_line(br#"{"v":1,"kind":"exam","x":[1]}"#),
            Ok(Line::Other(_))
        ));
        let extra = br#"{"v":1,"kind":"answer","at":"2026-11-26T10:00:00+01:00","question":"a/b","mode":"exam","chosen":[],"correct":true,"rating":3,"ms":1,"future":{"a":1}}"#;
        let Ok(Line::Answer(a)) = parse_line(extra) else {
            panic!()
        };
        assert_eq!(a.at, 1_795_687_200_000 - 3_600_000);
    }
}
