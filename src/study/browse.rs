//! The question browser's data: one row per question of the library with its learning state,
//! flag, note, last result and due date, the filters (pack, topic, domain, state, flagged, last
//! result, full-text search over stems, choices, explanations and tips) and where a search
//! matches. Shared by the TUI browser and `decouple-quiz questions`.

use serde::Serialize;
use time::OffsetDateTime;

use crate::engine::{CardState, Engine, utc};
use crate::library::{Library, QRef};

/// Where a question stands for you.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    New,
    Learning,
    Review,
    /// A leech: forgotten `leech_lapses` times or more in review and drill (`Engine::leeches`).
    Leech,
}

impl State {
    pub const ALL: [State; 4] = [State::New, State::Learning, State::Review, State::Leech];

    pub fn as_str(self) -> &'static str {
        match self {
            State::New => "new",
            State::Learning => "learning",
            State::Review => "review",
            State::Leech => "leech",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The result of your last answer to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Last {
    Right,
    Wrong,
    /// Never answered.
    None,
}

impl Last {
    pub const ALL: [Last; 3] = [Last::Right, Last::Wrong, Last::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Last::Right => "right",
            Last::Wrong => "wrong",
            Last::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Last> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One question as the browser lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub q: QRef,
    pub key: String,
    pub state: State,
    pub flagged: bool,
    pub note: Option<String>,
    pub last: Last,
    pub answers: usize,
    pub due: Option<OffsetDateTime>,
    /// Your answers, oldest first: when, and whether right.
    pub history: Vec<(OffsetDateTime, bool)>,
}

/// Every question of the library, in library order.
pub fn rows(lib: &Library, engine: &Engine) -> Vec<Row> {
    let marks = engine.marks();
    let leeches: std::collections::HashSet<String> = engine.leeches(lib).into_iter().collect();
    let mut past: rustc_hash::FxHashMap<&str, Vec<(OffsetDateTime, bool)>> = Default::default();
    for (key, a) in engine.answers() {
        past.entry(key)
            .or_default()
            .push((utc::to_datetime(a.at), a.correct));
    }
    lib.all()
        .map(|q| {
            let key = lib.key(q);
            let card = engine.card(&key);
            let state = match card {
                Some(_) if leeches.contains(&key) => State::Leech,
                Some(c) => match c.state() {
                    CardState::New => State::New,
                    CardState::Learning | CardState::Relearning => State::Learning,
                    CardState::Review => State::Review,
                },
                None => State::New,
            };
            let history = past.get(key.as_str()).cloned().unwrap_or_default();
            let l = match history.last() {
                Some((_, true)) => Last::Right,
                Some((_, false)) => Last::Wrong,
                None => Last::None,
            };
            let answers = history.len();
            Row {
                q,
                state,
                flagged: marks.is_flagged(&key),
                note: marks.note(&key).map(str::to_string),
                last: l,
                answers,
                due: card.and_then(|c| c.due()),
                history,
                key,
            }
        })
        .collect()
}

/// What to show. Empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub packs: Vec<String>,
    /// `topic` or `pack/topic`.
    pub topics: Vec<String>,
    /// Domain ids (`secure`, `resilient`, `performant`, `cost`).
    pub domains: Vec<String>,
    pub states: Vec<State>,
    pub flagged: bool,
    pub last: Vec<Last>,
    /// Words that must all appear (case-insensitive) in the stem, choices, explanation or tips.
    pub search: String,
}

impl Filter {
    pub fn matches(&self, lib: &Library, row: &Row) -> bool {
        let pack = lib.pack_of(row.q);
        let question = lib.question(row.q);
        let any = |list: &[String], f: &dyn Fn(&str) -> bool| {
            list.is_empty() || list.iter().any(|x| f(x))
        };
        any(&self.packs, &|p| p == pack.id)
            && any(&self.topics, &|t| {
                t == question.topic || t == format!("{}/{}", pack.id, question.topic)
            })
            && any(&self.domains, &|d| {
                lib.topic_of(row.q).is_some_and(|t| t.domain.id() == d)
            })
            && (self.states.is_empty() || self.states.contains(&row.state))
            && (!self.flagged || row.flagged)
            && (self.last.is_empty() || self.last.contains(&row.last))
            && self.matches_text(lib, row.q)
    }

    /// Whether every search word appears somewhere in the question's searchable text.
    pub fn matches_text(&self, lib: &Library, q: QRef) -> bool {
        let words = words(&self.search);
        if words.is_empty() {
            return true;
        }
        let text = searchable(lib, q).to_lowercase();
        words.iter().all(|w| text.contains(w.as_str()))
    }
}

/// The lowercase search words.
pub fn words(search: &str) -> Vec<String> {
    search.split_whitespace().map(str::to_lowercase).collect()
}

/// Stem, choices (text and why), explanation and the text of the question's tips.
pub fn searchable(lib: &Library, q: QRef) -> String {
    let question = lib.question(q);
    let pack = lib.pack_of(q);
    let mut s = format!("{}\n{}\n", question.stem, question.explanation);
    for c in &question.choices {
        s.push_str(&c.text);
        s.push('\n');
        s.push_str(&c.why);
        s.push('\n');
    }
    for t in pack.tips.iter().filter(|t| question.tips.contains(&t.id)) {
        s.push_str(&t.text);
        s.push('\n');
    }
    s
}

/// Byte ranges of `text` where any of the (lowercase) `words` occur, sorted and merged.
pub fn highlights(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let lower = text.to_lowercase();
    // Lowercasing may change byte lengths (rare outside ASCII): then nothing is highlighted.
    if lower.len() != text.len() {
        return Vec::new();
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        let mut from = 0;
        while let Some(i) = lower[from..].find(w.as_str()) {
            spans.push((from + i, from + i + w.len()));
            from += i + w.len();
        }
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// A row as `questions --json` prints it (docs/json.md).
#[derive(Debug, Serialize)]
pub struct JsonRow {
    pub key: String,
    pub pack: String,
    pub topic: crate::pack::model::Text,
    pub domain: Option<&'static str>,
    pub state: State,
    pub flagged: bool,
    pub note: Option<String>,
    pub last: Last,
    pub answers: usize,
    pub due: Option<String>,
    pub stem: crate::pack::model::Text,
}

impl JsonRow {
    pub fn new(lib: &Library, row: &Row) -> JsonRow {
        let q = lib.question(row.q);
        JsonRow {
            key: row.key.clone(),
            pack: lib.pack_of(row.q).id.clone(),
            topic: q.topic.clone(),
            domain: lib.topic_of(row.q).map(|t| t.domain.id()),
            state: row.state,
            flagged: row.flagged,
            note: row.note.clone(),
            last: row.last,
            answers: row.answers,
            due: row.due.map(|d| utc::format(utc::from_datetime(d))),
            stem: q.stem.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_merge_and_ignore_case() {
        let words = words("SQS queue");
        assert_eq!(
            highlights("An SQS queue (sqs)", &words),
            vec![(3, 6), (7, 12), (14, 17)]
        );
        assert!(highlights("x", &[]).is_empty());
    }
}
