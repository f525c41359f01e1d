//! Progress engine: the answer history (`<data dir>/history.jsonl`, append-only, the single source
//! of truth), FSRS-6 scheduling derived by replaying it, weak topics, and the `stats`, `cards` and
//! `optimize` commands. No UI lives here.
//!
//! # API for the trainer and the mock exam
//! - [`Engine::open`]`(&Env) -> Result<(Engine, Vec<String>)>`: reads, repairs and replays the
//!   history and loads `[review]` from config.toml. The `Vec` holds user-facing notices (torn line
//!   moved aside, corrupt file copied, newer format so read-only, config errors). It does not fail
//!   for a missing or unwritable data dir: [`Engine::save_problem`]` -> Option<String>` then says
//!   why saving is off (it also reports the last failed write, until a write succeeds).
//! - [`Engine::record_answer`]`(&AnswerInput) -> Result<Recorded, SaveError>`: grades (see
//!   [`grade`]), appends durably (lock, write, fsync) *first*, then updates the card. On `Err` the
//!   in-memory card is updated all the same (read it with [`Engine::card`]) so the session goes
//!   on; show the error ("progress cannot be saved: …").
//! - [`Engine::append_event`]`(Event) -> Result<(), SaveError>` for the other kinds of
//!   [`events`] (`session`, `exam`, …; same durability) and [`Engine::events`] to read them back,
//!   oldest first.
//! - [`Engine::card`]`(key) -> Option<&Card>` (state, step, stability, difficulty, due, reps,
//!   lapses, last_review), [`Engine::retrievability`]`(key, now) -> Option<f64>`,
//!   [`Engine::cards`], [`Engine::answers`].
//! - Queues and counts ([`queue`]): `review_queue(lib, now)`, `drill_queue(lib, now, n)`,
//!   `due_counts(lib, now) -> DueCounts`, `forecast(now, days)`, `answers_per_day(now, days)`,
//!   `streak(now)`, `new_left_today(now)`, `new_available(lib, now)`, `leeches(lib) -> Vec<String>`,
//!   `leech_details(lib) -> Vec<Leech>`.
//! - Topics ([`topics`]): `topic_stats(lib, now) -> Vec<TopicStats>`,
//!   `weakest_topics(lib, now, n)`.
//!
//! - Session settings ([`StudyConfig`], also from `[review]`): `study()`, `days()` (study days:
//!   `day_starts_at` in the local time zone, [`days`]), `set_time_zone(tz)` for tests;
//!   `new_rotation(lib, n)`, `reviews_left_today(now)`, `backlog(lib, now)`;
//!   `undo_answer(key, answer_at, now)` (an `undo` event).
//!
//! Keys are `pack/question` as [`Library::key`] makes them. "Today" is the study day of `now`
//! (FSRS's elapsed days stay whole periods of 24 h, like the reference).
//! docs/scheduling.md describes the policy and the file format, docs/json.md the JSON output.

pub mod cards;
pub mod config;
pub mod days;
pub mod event;
pub mod events;
mod fastline;
pub mod marks;
pub mod merge;
pub mod optimize;
pub mod queue;
mod replay;
pub mod report;
pub mod schedule;
pub mod snapshot;
pub mod store;
pub mod topics;
pub mod utc;
mod write;

use anyhow::Result;
use time::OffsetDateTime;

use crate::env::Env;
use std::sync::Arc;

use crate::library::keys::Keys;
use crate::library::{Library, QRef};

pub use config::{ReviewConfig, StudyConfig};
pub use event::{AnswerEvent, Mode, Rating};
pub use queue::{DueCounts, Leech};
pub use schedule::{Card, CardState, Scheduler};
pub use store::SaveError;
pub use topics::TopicStats;
use utc::Ms;

/// One answer as the trainer reports it. `correct` is all-or-nothing: a "Choose N" question
/// answered with any choice wrong or missing is not correct ([`crate::pack::Question::is_correct`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerInput {
    /// `pack/question`.
    pub key: String,
    pub mode: Mode,
    /// Choice indexes in file order.
    pub chosen: Vec<usize>,
    pub correct: bool,
    /// The learner marked the answer as a guess.
    pub unsure: bool,
    /// Answer time in milliseconds.
    pub ms: u64,
    pub at: OffsetDateTime,
}

/// What recording an answer did to its card.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recorded {
    pub rating: Rating,
    pub state: CardState,
    pub due: OffsetDateTime,
}

/// The grading policy: wrong → Again; right but unsure → Hard; right → Good. Easy is never
/// given automatically (a first Easy jumps stability from 2.3 to 8.3 days on a lucky guess).
pub fn grade(correct: bool, unsure: bool) -> Rating {
    match (correct, unsure) {
        (false, _) => Rating::Again,
        (true, true) => Rating::Hard,
        (true, false) => Rating::Good,
    }
}

/// One answer in memory: the fields stats and topics need, without the key text. 20 bytes
/// (packed to 4-byte alignment): a warm start holds every answer of the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(4))]
pub struct Answer {
    pub at: Ms,
    pub card: u32,
    /// The time taken, capped at `u32::MAX` ms (49 days; see [`Answer::capped_ms`]).
    pub ms: u32,
    pub rating: Rating,
    pub correct: bool,
    pub unsure: bool,
    pub mode: Mode,
}

impl Answer {
    /// An answer's time taken as [`Answer::ms`] holds it.
    pub fn capped_ms(ms: u64) -> u32 {
        u32::try_from(ms).unwrap_or(u32::MAX)
    }
}

/// The replayed history and everything derived from it.
pub struct Engine {
    store: store::Store,
    config: ReviewConfig,
    sched: Scheduler,
    /// The key of each card, by card index. Replay looks a key up for every answer; the keys come
    /// from the learner's own file, so [`Keys`]' fast non-cryptographic hash is safe here.
    keys: Keys,
    /// The card index of each question of the library last asked about ([`Engine::cards_in`]).
    bound: std::sync::Mutex<Option<Binding>>,
    seeds: Vec<u64>,
    cards: Vec<Card>,
    answers: Vec<Answer>,
    others: Vec<events::Event>,
    /// The session settings ([`StudyConfig`]).
    study: StudyConfig,
    /// The study-day boundary (`day_starts_at` in the local time zone).
    days: days::StudyDays,
}

impl Engine {
    /// Opens (and if needed repairs) the history of `env` and loads the config, through the
    /// progress cache (see [`snapshot`]): the same engine and notices as replaying the history
    /// ([`Engine::open_uncached`]), faster when the history did not change or only grew.
    pub fn open(env: &Env) -> Result<(Engine, Vec<String>)> {
        let (engine, notices, _) = Engine::open_cached(env)?;
        Ok((engine, notices))
    }

    /// Applies the session settings of `env`'s config file (the study days in the local time
    /// zone).
    fn load_study(&mut self, env: &Env) {
        self.set_study(StudyConfig::load(&env.paths.config_file()));
    }

    /// The session settings in force.
    pub fn study(&self) -> &StudyConfig {
        &self.study
    }

    /// Sets the session settings (the day boundary keeps the current time zone). A changed exam
    /// window changes the due dates near the exam: the history is replayed.
    pub fn set_study(&mut self, study: StudyConfig) {
        let window_changed = study.exam_window_days != self.study.exam_window_days;
        self.adopt_study(study);
        if window_changed && self.sched.has_exam() {
            self.replay();
        }
    }

    /// Sets the session settings of an engine whose cards were already computed under them (the
    /// progress cache keeps the exam window in force), without replaying.
    pub(super) fn adopt_study(&mut self, study: StudyConfig) {
        self.days = days::StudyDays::new(self.days.time_zone().clone(), study.day_starts_at);
        self.sched.set_exam_window(study.exam_window_days);
        self.study = study;
    }

    /// Opens (and if needed repairs) the history of `env`, loads the config and replays, without
    /// the progress cache.
    pub fn open_uncached(env: &Env) -> Result<(Engine, Vec<String>)> {
        let (config, diags) = ReviewConfig::load(&env.paths.config_file());
        let mut notices: Vec<String> = diags
            .iter()
            .map(|d| d.to_string().trim_end().to_string())
            .collect();
        let (mut engine, more) =
            replay::open(&env.paths.data_dir, config, utc::from_datetime(env.now()));
        engine.load_study(env);
        notices.extend(more);
        Ok((engine, notices))
    }

    /// Why answers are not being saved, if they are not (show it; the session still works).
    pub fn save_problem(&self) -> Option<String> {
        self.store.save_problem().map(str::to_string)
    }

    pub fn history_path(&self) -> &std::path::Path {
        self.store.history_path()
    }

    pub fn config(&self) -> &ReviewConfig {
        &self.config
    }

    /// The study days in force (see [`days`]).
    pub fn days(&self) -> &days::StudyDays {
        &self.days
    }

    /// Counts study days in `tz` instead of the system's time zone (tests pin one).
    pub fn set_time_zone(&mut self, tz: jiff::tz::TimeZone) {
        self.days = days::StudyDays::new(tz, self.study.day_starts_at);
    }

    /// The scheduler in force: the latest recorded parameters with the current settings.
    pub fn scheduler(&self) -> &Scheduler {
        &self.sched
    }

    /// Every event other than answers, oldest first.
    pub fn events(&self) -> &[events::Event] {
        &self.others
    }

    /// The events of one kind, oldest first.
    pub fn events_of_kind<'a>(
        &'a self,
        kind: &'a str,
    ) -> impl Iterator<Item = &'a events::Event> + 'a {
        self.others.iter().filter(move |e| e.kind() == kind)
    }

    /// The `session` events, oldest first.
    pub fn sessions(&self) -> impl Iterator<Item = &events::SessionEvent> {
        self.others.iter().filter_map(events::Event::session)
    }

    /// The `exam` events, oldest first.
    pub fn exams(&self) -> impl Iterator<Item = &events::ExamEvent> {
        self.others.iter().filter_map(events::Event::exam)
    }

    pub fn card(&self, key: &str) -> Option<&Card> {
        self.keys.find(key).map(|i| &self.cards[i as usize])
    }

    /// Every question with history: key and card, in order of first appearance.
    pub fn cards(&self) -> impl Iterator<Item = (&str, &Card)> {
        self.keys.iter().zip(&self.cards)
    }

    /// Every answer, oldest first, with its question key.
    pub fn answers(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.answers.iter().map(|a| (self.keys.get(a.card), a))
    }

    pub fn answer_count(&self) -> usize {
        self.answers.len()
    }

    /// Probability of recalling `key` at `now` (see [`Scheduler::retrievability`]).
    pub fn retrievability(&self, key: &str, now: OffsetDateTime) -> Option<f64> {
        self.card(key)
            .and_then(|c| self.sched.retrievability(c, utc::from_datetime(now)))
            .map(f64::from)
    }

    fn intern(&mut self, key: &str) -> u32 {
        let i = self.keys.add(&[key]);
        if i as usize == self.cards.len() {
            self.seeds.push(schedule::fuzz_seed(key));
            self.cards.push(Card::default());
        }
        i
    }

    fn apply(&mut self, a: Answer) {
        let i = a.card as usize;
        self.sched
            .review(&mut self.cards[i], a.rating, a.at, self.seeds[i]);
        self.answers.push(a);
    }

    /// The cards of `lib`'s questions: each question's key is looked up once per library (and
    /// again when questions gained history), not once per question per figure.
    pub fn cards_in<'a>(&'a self, lib: &'a Library) -> CardsIn<'a> {
        let mut memo = self.bound.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = |b: &Binding| b.library == lib.generation() && b.keys == self.keys.len();
        let ids = match &*memo {
            Some(b) if fresh(b) => Arc::clone(&b.ids),
            _ => {
                let ids: Arc<[u32]> = lib
                    .all()
                    .map(|r| self.keys.find(lib.key_str(r)).unwrap_or(u32::MAX))
                    .collect();
                *memo = Some(Binding {
                    library: lib.generation(),
                    keys: self.keys.len(),
                    ids: Arc::clone(&ids),
                });
                ids
            }
        };
        CardsIn {
            engine: self,
            lib,
            ids,
        }
    }
}

/// Which card each question of a library has (see [`Engine::cards_in`]).
#[derive(Debug)]
struct Binding {
    library: u64,
    keys: usize,
    /// By [`Library::position`]; `u32::MAX`: no history.
    ids: Arc<[u32]>,
}

/// An engine's cards as the questions of one library see them ([`Engine::cards_in`]).
pub struct CardsIn<'a> {
    engine: &'a Engine,
    lib: &'a Library,
    ids: Arc<[u32]>,
}

impl<'a> CardsIn<'a> {
    /// The card index of question `r`, if it has history.
    pub fn id(&self, r: QRef) -> Option<usize> {
        let id = self.ids[self.lib.position(r)];
        (id != u32::MAX).then_some(id as usize)
    }

    pub fn card(&self, r: QRef) -> Option<&'a Card> {
        let engine = self.engine;
        self.id(r).map(|i| &engine.cards[i])
    }
}
