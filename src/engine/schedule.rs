//! The card state machine around the FSRS-6 memory model of the `fsrs` crate: learning and
//! relearning steps, interval rounding (ties to even) and clamping, the exam-date cap and a
//! deterministic fuzz. It mirrors py-fsrs 6.3.2 `Scheduler.review_card` (golden-tested).

use fsrs::{FSRS, FSRSItem, FSRSReview, MemoryState};

use super::config::ReviewConfig;
use super::event::Rating;
use super::utc::{self, DAY_MS, Ms, SECOND_MS};

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardState {
    /// Never rated (only seen in history after a reset).
    New,
    Learning,
    Review,
    Relearning,
}

impl CardState {
    pub fn as_str(self) -> &'static str {
        match self {
            CardState::New => "new",
            CardState::Learning => "learning",
            CardState::Review => "review",
            CardState::Relearning => "relearning",
        }
    }
}

/// An instant that may be missing, in 8 bytes where `Option<Ms>` takes 16 (a warm start holds a
/// card per question with history): `Ms::MIN`, which is no real time, stands for none.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct MaybeMs(Ms);

impl MaybeMs {
    pub(super) const NONE: MaybeMs = MaybeMs(Ms::MIN);

    pub(super) fn some(at: Ms) -> MaybeMs {
        MaybeMs(at)
    }

    pub(super) fn get(self) -> Option<Ms> {
        (self != MaybeMs::NONE).then_some(self.0)
    }
}

/// Shown as the `Option` it stands for.
impl std::fmt::Debug for MaybeMs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.get(), f)
    }
}

/// The scheduling state of one question, derived by replaying its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub(super) state: CardState,
    pub(super) step: u32,
    pub(super) memory: Option<MemoryState>,
    pub(super) due: Ms,
    pub(super) last: MaybeMs,
    pub(super) first: MaybeMs,
    pub(super) reps: u32,
    pub(super) lapses: u32,
}

impl Default for Card {
    fn default() -> Self {
        Card {
            state: CardState::New,
            step: 0,
            memory: None,
            due: 0,
            last: MaybeMs::NONE,
            first: MaybeMs::NONE,
            reps: 0,
            lapses: 0,
        }
    }
}

impl Card {
    pub fn state(&self) -> CardState {
        self.state
    }

    /// The learning or relearning step the card is on; `None` outside those states.
    pub fn step(&self) -> Option<u32> {
        matches!(self.state, CardState::Learning | CardState::Relearning).then_some(self.step)
    }

    pub fn memory(&self) -> Option<MemoryState> {
        self.memory
    }

    pub fn stability(&self) -> Option<f32> {
        self.memory.map(|m| m.stability)
    }

    pub fn difficulty(&self) -> Option<f32> {
        self.memory.map(|m| m.difficulty)
    }

    /// When the card is next due; `None` for a new card.
    pub fn due_ms(&self) -> Option<Ms> {
        (self.state != CardState::New).then_some(self.due)
    }

    pub fn due(&self) -> Option<time::OffsetDateTime> {
        self.due_ms().map(utc::to_datetime)
    }

    pub fn last_review_ms(&self) -> Option<Ms> {
        self.last.get()
    }

    pub fn last_review(&self) -> Option<time::OffsetDateTime> {
        self.last.get().map(utc::to_datetime)
    }

    /// The first rating since the card was new: when it was introduced.
    pub fn introduced_ms(&self) -> Option<Ms> {
        self.first.get()
    }

    /// How many ratings the card has had.
    pub fn reps(&self) -> u32 {
        self.reps
    }

    /// How many times the card was forgotten (Again while in review).
    pub fn lapses(&self) -> u32 {
        self.lapses
    }
}

/// FSRS parameters plus the step policy, ready to rate cards.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    params: Vec<f32>,
    retention: f32,
    learning: Vec<Ms>,
    relearning: Vec<Ms>,
    max_interval: i64,
    fuzz: bool,
    exam_day: Option<i64>,
    /// Days before (and including) the exam day over which the final reviews are spread.
    exam_window: i64,
}

impl Scheduler {
    /// `params`: 21 FSRS-6 parameters, or empty for the defaults.
    pub fn new(params: &[f32], cfg: &ReviewConfig) -> Result<Scheduler, String> {
        if !params.is_empty() && params.len() != fsrs::DEFAULT_PARAMETERS.len() {
            return Err(format!(
                "expected 21 FSRS-6 parameters, found {}",
                params.len()
            ));
        }
        let fsrs = FSRS::new(params).map_err(|e| format!("invalid FSRS parameters: {e}"))?;
        let secs = |v: &[u32]| v.iter().map(|&s| Ms::from(s) * SECOND_MS).collect();
        Ok(Scheduler {
            fsrs,
            params: if params.is_empty() {
                fsrs::DEFAULT_PARAMETERS.to_vec()
            } else {
                params.to_vec()
            },
            retention: cfg.desired_retention as f32,
            learning: secs(&cfg.learning_steps),
            relearning: secs(&cfg.relearning_steps),
            max_interval: i64::from(cfg.max_interval_days.max(1)),
            fuzz: cfg.fuzz,
            exam_day: cfg.exam_date.map(utc::date_day),
            exam_window: 7,
        })
    }

    /// Spreads the final reviews before the exam over `days` days (`exam_window_days`).
    pub fn set_exam_window(&mut self, days: u32) {
        self.exam_window = i64::from(days.max(1));
    }

    /// Whether an exam date is set (the exam window then changes due dates).
    pub fn has_exam(&self) -> bool {
        self.exam_day.is_some()
    }

    pub fn params(&self) -> &[f32] {
        &self.params
    }

    pub fn fsrs(&self) -> &FSRS {
        &self.fsrs
    }

    /// Rates `card` at `at`. `seed` identifies the question (see [`fuzz_seed`]) so the fuzz is a
    /// pure function of (question, review time) and replay reproduces every due date.
    pub fn review(&self, card: &mut Card, rating: Rating, at: Ms, seed: u64) {
        // Whole UTC days, floored, like py-fsrs `(now - last_review).days`; a clock that went
        // backwards counts as the same day.
        let days = card
            .last
            .get()
            .map_or(0, |l| (at - l).div_euclid(DAY_MS).max(0));
        let memory = self.next_memory(card.memory, rating, days);
        card.memory = Some(memory);
        card.reps += 1;
        if card.first.get().is_none() {
            card.first = MaybeMs::some(at);
        }
        let r = rating;
        let ivl = match card.state {
            CardState::New | CardState::Learning => {
                if card.state == CardState::New {
                    card.step = 0;
                }
                card.state = CardState::Learning;
                steps(&self.learning, card, r)
            }
            CardState::Relearning => steps(&self.relearning, card, r),
            CardState::Review if r == Rating::Again => {
                card.lapses += 1;
                self.relearning.first().map(|&s| {
                    card.state = CardState::Relearning;
                    card.step = 0;
                    s
                })
            }
            CardState::Review => None,
        };
        card.due = at
            + ivl.unwrap_or_else(|| {
                card.state = CardState::Review;
                card.step = 0;
                self.interval_days(memory.stability, at, seed) * DAY_MS
            });
        card.last = MaybeMs::some(at);
    }

    /// One FSRS step through the crate's own replay (`memory_state`), which evaluates only the
    /// given rating (`next_states` would evaluate all four).
    fn next_memory(&self, prev: Option<MemoryState>, rating: Rating, days: i64) -> MemoryState {
        let review = FSRSReview {
            rating: u32::from(rating.as_u8()),
            delta_t: days.min(i64::from(u32::MAX)) as u32,
        };
        self.fsrs
            .memory_state(
                FSRSItem {
                    reviews: vec![review],
                },
                prev,
            )
            .unwrap_or_else(|_| {
                prev.unwrap_or(MemoryState {
                    stability: self.params[rating as usize - 1],
                    difficulty: 5.0,
                })
            })
    }

    /// Whole days until the next review: the crate's interval for the desired retention,
    /// rounded half to even (as Python's `round`), clamped to [1, max], then fuzzed.
    ///
    /// With an exam date ahead, the exam run-up (docs/scheduling.md): a review before the exam
    /// window whose next review would fall in the window or after the exam is moved to a day
    /// of the window picked by the question's fuzz seed (never later than its own due day), so
    /// the final reviews spread over the window instead of piling up on the exam day. A review
    /// inside the window is the question's final review before the exam: its next interval is
    /// the normal one, which may end after the exam.
    fn interval_days(&self, stability: f32, at: Ms, seed: u64) -> i64 {
        let raw = self.fsrs.next_interval(Some(stability), self.retention, 3);
        let natural = |max: i64| {
            let days = (raw.round_ties_even() as i64).clamp(1, max);
            if self.fuzz {
                fuzzed(days, max, seed ^ at as u64)
            } else {
                days
            }
        };
        let today = utc::day(at);
        let Some(exam) = self.exam_day.filter(|&e| e >= today) else {
            return natural(self.max_interval);
        };
        let window_start = exam - self.exam_window + 1;
        let days = natural(self.max_interval);
        if today >= window_start || today + days < window_start {
            return days;
        }
        let (lo, hi) = (window_start.max(today + 1), (today + days).min(exam));
        let span = (hi - lo + 1).max(1) as u64;
        let pick = lo + (splitmix64(seed ^ exam as u64) % span) as i64;
        pick - today
    }

    /// Probability of recall at `now` by the forgetting curve, with fractional elapsed days
    /// (scheduling itself uses whole days, like the reference).
    pub fn retrievability(&self, card: &Card, now: Ms) -> Option<f32> {
        let (memory, last) = (card.memory?, card.last.get()?);
        let days = ((now - last).max(0) as f64 / DAY_MS as f64) as f32;
        Some(fsrs::current_retrievability(memory, days, self.params[20]))
    }
}

/// The learning/relearning step logic of py-fsrs. `Some(ms)` stays in steps; `None` graduates.
fn steps(steps: &[Ms], card: &mut Card, r: Rating) -> Option<Ms> {
    let step = card.step as usize;
    if steps.is_empty() || (step >= steps.len() && r != Rating::Again) {
        return None;
    }
    match r {
        Rating::Again => {
            card.step = 0;
            Some(steps[0])
        }
        Rating::Hard if step == 0 && steps.len() == 1 => Some(steps[0] * 3 / 2),
        Rating::Hard if step == 0 => Some((steps[0] + steps[1]) / 2),
        Rating::Hard => Some(steps[step]),
        Rating::Good if step + 1 >= steps.len() => None,
        Rating::Good => {
            card.step += 1;
            Some(steps[step + 1])
        }
        Rating::Easy => None,
    }
}

/// py-fsrs's fuzz range (wider for longer intervals) with a deterministic pick inside it.
pub fn fuzzed(days: i64, max: i64, seed: u64) -> i64 {
    if days < 3 {
        return days;
    }
    let (lo, hi) = fuzz_range(days, max);
    let u = (splitmix64(seed) >> 11) as f64 / (1u64 << 53) as f64;
    (lo + (u * (hi - lo + 1) as f64) as i64).min(hi)
}

/// The inclusive range a fuzzed interval of `days` falls in.
pub fn fuzz_range(days: i64, max: i64) -> (i64, i64) {
    let i = days as f64;
    let delta = 1.0
        + 0.15 * (i.min(7.0) - 2.5).max(0.0)
        + 0.10 * (i.min(20.0) - 7.0).max(0.0)
        + 0.05 * (i - 20.0).max(0.0);
    let hi = ((i + delta).round_ties_even() as i64).min(max);
    let lo = ((i - delta).round_ties_even() as i64).max(2).min(hi);
    (lo, hi)
}

/// A stable 64-bit hash of a question key (FNV-1a), unlike `std`'s hasher which may change
/// between Rust releases and would silently move every fuzzed due date.
pub fn fuzz_seed(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
