//! A study session shared by the TUI and plain mode: which questions, in which order, with which
//! choice order, and what was answered. Pure: no clock (times are passed in), no I/O.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use time::OffsetDateTime;

use crate::library::{Library, QRef};

/// Why a session was started; also the `mode` written to the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Review,
    Practice,
    Drill,
    Retake,
}

impl Kind {
    pub fn title(self) -> &'static str {
        match self {
            Kind::Review => "Review",
            Kind::Practice => "Practice",
            Kind::Drill => "Drill",
            Kind::Retake => "Retake",
        }
    }

    /// The engine's mode for answers given in this session (a retake is practice).
    pub fn engine_mode(self) -> crate::engine::Mode {
        match self {
            Kind::Review => crate::engine::Mode::Review,
            Kind::Practice | Kind::Retake => crate::engine::Mode::Practice,
            Kind::Drill => crate::engine::Mode::Drill,
        }
    }

    /// The history `mode` of answers given in this session (a retake is practice).
    pub fn mode(self) -> &'static str {
        match self {
            Kind::Review => "review",
            Kind::Practice | Kind::Retake => "practice",
            Kind::Drill => "drill",
        }
    }
}

/// One question of a session with its shuffled choice order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub q: QRef,
    /// `order[i]` is the file index of the choice shown at position `i`.
    pub order: Vec<usize>,
}

/// What happened to one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub q: QRef,
    /// Chosen choices as file indexes, sorted.
    pub chosen: Vec<usize>,
    pub correct: bool,
    pub unsure: bool,
    /// "I don't know": counted as wrong.
    pub gave_up: bool,
    pub ms: u64,
    /// When the question comes back, once the engine has recorded the answer.
    pub next_due: Option<OffsetDateTime>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub kind: Kind,
    pub items: Vec<Item>,
    pub pos: usize,
    pub outcomes: Vec<Outcome>,
    pub started: OffsetDateTime,
    pub shown_at: OffsetDateTime,
}

impl Session {
    /// Builds a session; choices are shuffled per question from `seed`. Question order is kept
    /// (callers shuffle or sort the list as the session kind requires).
    pub fn new(
        kind: Kind,
        lib: &Library,
        questions: Vec<QRef>,
        seed: u64,
        now: OffsetDateTime,
    ) -> Session {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
        let items = questions
            .into_iter()
            .map(|q| {
                let mut order: Vec<usize> = (0..lib.question(q).choices.len()).collect();
                order.shuffle(&mut rng);
                Item { q, order }
            })
            .collect();
        Session {
            kind,
            items,
            pos: 0,
            outcomes: Vec::new(),
            started: now,
            shown_at: now,
        }
    }

    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.pos)
    }

    pub fn is_done(&self) -> bool {
        self.pos >= self.items.len()
    }

    /// Scores the current item from the displayed positions the user picked.
    pub fn answer(
        &self,
        lib: &Library,
        shown: &[usize],
        unsure: bool,
        gave_up: bool,
        now: OffsetDateTime,
    ) -> Option<Outcome> {
        let item = self.current()?;
        let mut chosen: Vec<usize> = shown
            .iter()
            .filter_map(|&i| item.order.get(i).copied())
            .collect();
        chosen.sort_unstable();
        chosen.dedup();
        let correct = !gave_up && lib.question(item.q).is_correct(&chosen);
        let ms =
            u64::try_from((now - self.shown_at).whole_milliseconds().max(0)).unwrap_or(u64::MAX);
        Some(Outcome {
            q: item.q,
            chosen,
            correct,
            unsure,
            gave_up,
            ms,
            next_due: None,
        })
    }

    /// Stores the outcome of the current item (before moving on).
    pub fn record(&mut self, outcome: Outcome) {
        self.outcomes.push(outcome);
    }

    /// Moves to the next item; `now` starts its answer timer.
    pub fn advance(&mut self, now: OffsetDateTime) {
        self.pos += 1;
        self.shown_at = now;
    }

    pub fn score(&self) -> (usize, usize) {
        (
            self.outcomes.iter().filter(|o| o.correct).count(),
            self.outcomes.len(),
        )
    }

    pub fn missed(&self) -> Vec<QRef> {
        self.outcomes
            .iter()
            .filter(|o| !o.correct)
            .map(|o| o.q)
            .collect()
    }
}

/// Shuffles a question list reproducibly.
pub fn shuffled(mut qs: Vec<QRef>, seed: u64) -> Vec<QRef> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    qs.shuffle(&mut rng);
    qs
}

/// Which questions a practice session draws from: packs and topics (`topic` or `pack/topic`);
/// empty filters mean everything.
pub fn practice_pool(lib: &Library, packs: &[String], topics: &[String]) -> Vec<QRef> {
    lib.all()
        .filter(|&r| packs.is_empty() || packs.iter().any(|p| p == &lib.pack_of(r).id))
        .filter(|&r| {
            topics.is_empty()
                || topics
                    .iter()
                    .any(|t| t == &lib.topic_key(r) || t == &lib.question(r).topic)
        })
        .collect()
}

/// Letters for displayed choices.
pub fn letter(i: usize) -> char {
    char::from(b'A' + u8::try_from(i % 26).unwrap_or(0))
}
