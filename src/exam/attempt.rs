//! One mock-exam attempt: the drawn questions ("pack/question" keys) with their choice orders,
//! the answers, the flags, the current position and the active time. This is exactly what the
//! in-progress file holds. Pure: no clock (times are arguments), no I/O.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::library::{Library, QRef};
use crate::pack::model::Exam;

/// Version of the in-progress file's layout.
pub const SCHEMA: u32 = 1;

/// What an attempt needs to know about its exam, copied in so an attempt can be resumed (and
/// scored) even if the pack defining the exam changes meanwhile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamInfo {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub pass: u32,
}

/// One drawn question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// `pack/question`.
    pub key: String,
    /// `order[i]` is the file index of the choice shown at position `i`.
    pub order: Vec<usize>,
    /// Chosen choices as file indexes, sorted; empty = unanswered.
    pub chosen: Vec<usize>,
    pub flagged: bool,
    /// Active time spent on this question.
    pub ms: u64,
}

impl Item {
    pub fn answered(&self) -> bool {
        !self.chosen.is_empty()
    }
}

/// How far a question is answered: a "Choose TWO" with one choice is `Incomplete` (it scores
/// zero), so it is shown apart from the answered ones everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Unanswered,
    Incomplete,
    Answered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Layout version (`SCHEMA`).
    pub v: u32,
    /// Unique per attempt; history events carry it so an attempt is counted once.
    pub id: String,
    pub exam: ExamInfo,
    /// RFC 3339.
    pub started: String,
    pub seed: u64,
    pub items: Vec<Item>,
    /// The question on screen.
    pub pos: usize,
    /// Active time used so far (never more than the limit).
    pub elapsed_ms: u64,
}

/// What choosing a displayed choice did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chose {
    Changed,
    /// "Choose N" already has N choices: one must be unselected first.
    Full,
    Ignored,
}

impl Attempt {
    /// Draws a new attempt: questions by the exam's weights without repeats in seeded random
    /// order, and each question's choices shuffled.
    pub fn start(
        lib: &Library,
        exam: &Exam,
        seed: u64,
        now: OffsetDateTime,
    ) -> Result<Attempt, String> {
        let drawn = crate::library::exam_draw::draw(lib, exam, seed)?;
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ 0x5851_f42d_4c95_7f2d);
        let items = drawn
            .into_iter()
            .map(|r: QRef| {
                let mut order: Vec<usize> = (0..lib.question(r).choices.len()).collect();
                order.shuffle(&mut rng);
                Item {
                    key: lib.key(r),
                    order,
                    chosen: Vec::new(),
                    flagged: false,
                    ms: 0,
                }
            })
            .collect();
        let started = now.format(&Rfc3339).unwrap_or_default();
        Ok(Attempt {
            v: SCHEMA,
            id: format!("{}@{started}#{seed:x}", exam.id),
            exam: ExamInfo {
                id: exam.id.clone(),
                title: exam.title.clone(),
                minutes: exam.minutes,
                pass: exam.pass,
            },
            started,
            seed,
            items,
            pos: 0,
            elapsed_ms: 0,
        })
    }

    pub fn limit_ms(&self) -> u64 {
        u64::from(self.exam.minutes) * 60_000
    }

    pub fn remaining_ms(&self) -> u64 {
        self.limit_ms().saturating_sub(self.elapsed_ms)
    }

    pub fn expired(&self) -> bool {
        self.remaining_ms() == 0
    }

    /// Adds active time to the clock and to the question on screen.
    pub fn spend(&mut self, ms: u64) {
        let ms = ms.min(self.remaining_ms());
        self.elapsed_ms += ms;
        if let Some(item) = self.items.get_mut(self.pos) {
            item.ms += ms;
        }
    }

    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.pos)
    }

    pub fn answered(&self) -> usize {
        self.items.iter().filter(|i| i.answered()).count()
    }

    pub fn flagged(&self) -> usize {
        self.items.iter().filter(|i| i.flagged).count()
    }

    /// How many choices question `i` asks for (1 when its question is no longer loaded).
    pub fn required(&self, lib: &Library, i: usize) -> usize {
        self.items
            .get(i)
            .and_then(|item| lib.find(&item.key))
            .map_or(1, |r| lib.question(r).answer_count())
    }

    /// Whether question `i` has none, some or all of the choices it asks for.
    pub fn progress(&self, lib: &Library, i: usize) -> Progress {
        match self.items.get(i).map_or(0, |item| item.chosen.len()) {
            0 => Progress::Unanswered,
            n if n < self.required(lib, i) => Progress::Incomplete,
            _ => Progress::Answered,
        }
    }

    /// How many questions have all the choices they ask for.
    pub fn complete(&self, lib: &Library) -> usize {
        (0..self.items.len())
            .filter(|&i| self.progress(lib, i) == Progress::Answered)
            .count()
    }

    /// Positions of the questions with fewer choices than they ask for (but at least one).
    pub fn incomplete(&self, lib: &Library) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| self.progress(lib, i) == Progress::Incomplete)
            .collect()
    }

    /// Positions of the questions the review screen lists: unanswered, incomplete or flagged.
    pub fn to_review(&self, lib: &Library) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| self.progress(lib, i) != Progress::Answered || self.items[i].flagged)
            .collect()
    }

    /// Moves to question `i` (0-based); false when it does not exist or is already shown.
    pub fn goto(&mut self, i: usize) -> bool {
        if i >= self.items.len() || i == self.pos {
            return false;
        }
        self.pos = i;
        true
    }

    /// Chooses the choice at displayed position `shown` on the current question. A question
    /// with one answer works like radio buttons; "Choose N" toggles, up to N choices.
    pub fn choose(&mut self, shown: usize, required: usize) -> Chose {
        let Some(item) = self.items.get_mut(self.pos) else {
            return Chose::Ignored;
        };
        let Some(&file) = item.order.get(shown) else {
            return Chose::Ignored;
        };
        if required <= 1 {
            if item.chosen == [file] {
                return Chose::Ignored;
            }
            item.chosen = vec![file];
        } else if let Some(p) = item.chosen.iter().position(|&c| c == file) {
            item.chosen.remove(p);
        } else if item.chosen.len() >= required {
            return Chose::Full;
        } else {
            item.chosen.push(file);
            item.chosen.sort_unstable();
        }
        Chose::Changed
    }

    pub fn toggle_flag(&mut self, i: usize) {
        if let Some(item) = self.items.get_mut(i) {
            item.flagged = !item.flagged;
        }
    }

    /// Displayed positions chosen on item `i`.
    pub fn shown_chosen(&self, i: usize) -> Vec<usize> {
        self.items.get(i).map_or_else(Vec::new, |item| {
            (0..item.order.len())
                .filter(|p| item.chosen.contains(&item.order[*p]))
                .collect()
        })
    }

    /// Fits a resumed attempt to the packs loaded now: questions that no longer exist are dropped,
    /// and a question whose number of choices changed loses its answer (its old choice order no
    /// longer fits). Returns how many questions were affected.
    pub fn fit(&mut self, lib: &Library) -> usize {
        let before = self.items.len();
        let pos_key = self.current().map(|i| i.key.clone());
        self.items.retain(|i| lib.find(&i.key).is_some());
        let mut changed = before - self.items.len();
        for item in &mut self.items {
            let n = lib
                .find(&item.key)
                .map_or(0, |r| lib.question(r).choices.len());
            let fits = item.order.len() == n && {
                let mut o = item.order.clone();
                o.sort_unstable();
                o == (0..n).collect::<Vec<_>>()
            };
            if !fits {
                item.order = (0..n).collect();
                item.chosen.clear();
                changed += 1;
            }
        }
        self.pos = pos_key
            .and_then(|k| self.items.iter().position(|i| i.key == k))
            .unwrap_or(0)
            .min(self.items.len().saturating_sub(1));
        self.elapsed_ms = self.elapsed_ms.min(self.limit_ms());
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{find, fixture_library};
    use time::macros::datetime;

    fn attempt() -> (Library, Attempt) {
        let lib = fixture_library();
        let exam = find(&lib, "fixture-mock").expect("fixture exam").clone();
        let a = Attempt::start(&lib, &exam, 7, datetime!(2026-11-26 10:00 UTC)).expect("draw");
        (lib, a)
    }

    #[test]
    fn start_draws_without_repeats_and_shuffles_choices() {
        let (lib, a) = attempt();
        assert_eq!(a.items.len(), 5);
        let mut keys: Vec<&str> = a.items.iter().map(|i| i.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 5);
        for i in &a.items {
            let n = lib.question(lib.find(&i.key).unwrap()).choices.len();
            let mut o = i.order.clone();
            o.sort_unstable();
            assert_eq!(o, (0..n).collect::<Vec<_>>());
        }
        assert_eq!(a.limit_ms(), 600_000);
        assert_eq!(a.exam.pass, 700);
        let (_, again) = attempt();
        assert_eq!(a, again, "same seed, same attempt");
    }

    #[test]
    fn radio_and_choose_two() {
        let (_, mut a) = attempt();
        assert_eq!(a.choose(1, 1), Chose::Changed);
        assert_eq!(a.choose(1, 1), Chose::Ignored);
        assert_eq!(a.shown_chosen(0), vec![1]);
        assert_eq!(a.choose(0, 1), Chose::Changed);
        assert_eq!(a.shown_chosen(0), vec![0]);
        a.items[0].chosen.clear();
        assert_eq!(a.choose(0, 2), Chose::Changed);
        assert_eq!(a.choose(2, 2), Chose::Changed);
        assert_eq!(a.choose(3, 2), Chose::Full);
        assert_eq!(a.choose(0, 2), Chose::Changed, "toggles off");
        assert_eq!(a.shown_chosen(0), vec![2]);
        assert_eq!(a.choose(9, 2), Chose::Ignored);
    }

    #[test]
    fn time_is_charged_to_the_question_on_screen_and_capped() {
        let (_, mut a) = attempt();
        a.spend(1_000);
        assert!(a.goto(2));
        assert!(!a.goto(2));
        assert!(!a.goto(5));
        a.spend(2_500);
        assert_eq!(
            (a.items[0].ms, a.items[2].ms, a.elapsed_ms),
            (1_000, 2_500, 3_500)
        );
        a.spend(10 * 60_000);
        assert!(a.expired());
        assert_eq!(a.elapsed_ms, 600_000);
    }

    #[test]
    fn fit_drops_vanished_questions_and_keeps_the_position() {
        let (lib, mut a) = attempt();
        a.goto(3);
        let key = a.items[3].key.clone();
        a.items[1].key = "fixture-messaging/gone".into();
        a.items[2].order.pop();
        a.items[2].chosen = vec![0];
        assert_eq!(a.fit(&lib), 2);
        assert_eq!(a.items.len(), 4);
        assert_eq!(a.items[a.pos].key, key);
        assert!(a.items[1].chosen.is_empty());
    }
}
