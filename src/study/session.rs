//! A study session shared by the TUI and plain mode: which questions, in which order, with which
//! choice order, and what was answered. Pure: no clock (times are passed in), no I/O.
//!
//! Like Anki's, the session queue is not fixed: a question that is (re)learning after an answer
//! (its next step is minutes or hours away, not days) waits in the session and comes back when
//! its step is due; when nothing else is left, it is shown early if due within the learn-ahead
//! window. The session is over when the queue and that window are empty.

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
    /// When it was answered (the answer's time in the history).
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub kind: Kind,
    /// Asked and still to ask; re-asked questions are inserted at `pos` when they come back.
    pub items: Vec<Item>,
    pub pos: usize,
    pub outcomes: Vec<Outcome>,
    pub started: OffsetDateTime,
    pub shown_at: OffsetDateTime,
    /// Questions in learning, waiting in this session for their step: (due, question).
    pub waiting: Vec<(OffsetDateTime, QRef)>,
    /// How early a waiting question may be shown when nothing else is left.
    pub learn_ahead: time::Duration,
    seed: u64,
}

/// The default learn-ahead window (config `learn_ahead_minutes`).
pub const LEARN_AHEAD_MINUTES: u32 = 20;

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
            waiting: Vec::new(),
            learn_ahead: time::Duration::minutes(i64::from(LEARN_AHEAD_MINUTES)),
            seed,
        }
    }

    /// Sets the learn-ahead window (`learn_ahead_minutes`).
    pub fn with_learn_ahead(mut self, minutes: u32) -> Session {
        self.learn_ahead = time::Duration::minutes(i64::from(minutes));
        self
    }

    /// After `q` was answered at `at` and comes back at `due`: a learning step (less than a day
    /// away) keeps it in this session until then; a longer interval lets it go.
    pub fn comes_back(&mut self, q: QRef, due: OffsetDateTime, at: OffsetDateTime) {
        if due - at < time::Duration::days(1) && !self.waiting.iter().any(|w| w.1 == q) {
            self.waiting.push((due, q));
        }
    }

    /// Takes back the last [`Session::comes_back`] of `q` (the answer was undone).
    pub fn forget_return(&mut self, q: QRef) {
        self.waiting.retain(|w| w.1 != q);
    }

    /// Takes back the last answer: it no longer counts, and its question is the current one
    /// again (put back at `pos` when the session had moved on). Returns it, to undo in the
    /// history too.
    pub fn undo(&mut self, now: OffsetDateTime) -> Option<Outcome> {
        let o = self.outcomes.pop()?;
        self.forget_return(o.q);
        if self.current().is_none_or(|i| i.q != o.q) {
            let item = self.items[..self.pos.min(self.items.len())]
                .iter()
                .rev()
                .find(|i| i.q == o.q)
                .cloned()?;
            self.items.insert(self.pos.min(self.items.len()), item);
        }
        self.shown_at = now;
        Some(o)
    }

    /// How many questions are still in learning when the session ends, and when the first of
    /// them is due.
    pub fn still_learning(&self) -> (usize, Option<OffsetDateTime>) {
        // Re-asked questions not answered again (the session was stopped) are still learning.
        let shown = self.items.iter().skip(self.pos).filter_map(|i| {
            self.outcomes
                .iter()
                .rev()
                .find(|o| o.q == i.q)
                .and_then(|o| o.next_due)
        });
        let dues: Vec<OffsetDateTime> = self.waiting.iter().map(|w| w.0).chain(shown).collect();
        (dues.len(), dues.iter().min().copied())
    }

    /// Puts a waiting question at `pos` when its step is due, or, when nothing else is left,
    /// when it is due within the learn-ahead window.
    fn bring_back(&mut self, lib: &Library, now: OffsetDateTime) {
        let limit = if self.pos >= self.items.len() {
            now + self.learn_ahead
        } else {
            now
        };
        let Some(i) = (0..self.waiting.len())
            .filter(|&i| self.waiting[i].0 <= limit)
            .min_by_key(|&i| self.waiting[i].0)
        else {
            return;
        };
        let (_, q) = self.waiting.remove(i);
        // A fresh choice order, so the answer is recalled, not its position.
        let mut rng = rand::rngs::StdRng::seed_from_u64(self.seed ^ (self.items.len() as u64 + 1));
        let mut order: Vec<usize> = (0..lib.question(q).choices.len()).collect();
        order.shuffle(&mut rng);
        self.items
            .insert(self.pos.min(self.items.len()), Item { q, order });
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
            at: now,
        })
    }

    /// Stores the outcome of the current item (before moving on).
    pub fn record(&mut self, outcome: Outcome) {
        self.outcomes.push(outcome);
    }

    /// Moves to the next item (a learning question whose step is due comes first); `now`
    /// starts its answer timer.
    pub fn advance(&mut self, lib: &Library, now: OffsetDateTime) {
        self.pos += 1;
        self.shown_at = now;
        self.bring_back(lib, now);
    }

    /// Ends the session here: nothing more is asked (the waiting questions stay in learning).
    pub fn stop(&mut self) {
        self.pos = self.items.len();
    }

    pub fn score(&self) -> (usize, usize) {
        (
            self.outcomes.iter().filter(|o| o.correct).count(),
            self.outcomes.len(),
        )
    }

    /// The questions missed at least once, each once, in the order first missed.
    pub fn missed(&self) -> Vec<QRef> {
        let mut out: Vec<QRef> = Vec::new();
        for o in self.outcomes.iter().filter(|o| !o.correct) {
            if !out.contains(&o.q) {
                out.push(o.q);
            }
        }
        out
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
