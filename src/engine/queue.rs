//! What to study and when: the review queue, due counts, the due forecast, answers per day,
//! the streak, the daily new-question and review budgets and leeches. Days are study days
//! ([`super::days`]: `day_starts_at` in the local time zone).

use std::collections::HashMap;

use time::OffsetDateTime;

use super::utc::{self, Ms, SECOND_MS};
use super::{CardState, Engine};
use crate::library::{Library, QRef};

/// How far ahead [`interleave`] looks for a question of another topic.
const INTERLEAVE_WINDOW: usize = 4;

/// How much is due, counted over questions of the loaded packs (cumulative). New questions
/// are not due; [`Engine::new_left_today`] says how many may be introduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct DueCounts {
    /// Due at `now` (including overdue).
    pub now: usize,
    /// Due before the end of today (includes `now`).
    pub today: usize,
    /// Due before the end of the 7th day after today (includes `today`).
    pub week: usize,
}

/// A question forgotten again and again: better rewritten or studied differently.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Leech {
    pub key: String,
    /// `None` when the question no longer exists in any pack.
    #[serde(skip)]
    pub qref: Option<QRef>,
    pub lapses: u32,
    pub reps: u32,
}

impl Engine {
    /// Today's review session: learning/relearning questions due within the learn-ahead window
    /// (earliest first), then reviews due before the end of the study day, lowest
    /// retrievability first, up to `max_reviews_per_day` minus the reviews already done today,
    /// then new questions up to the daily budget, in the fair topic rotation
    /// ([`Engine::new_rotation`]). Within the first two groups, questions of the same topic are
    /// spread apart when another topic is within a few places.
    pub fn review_queue(&self, lib: &Library, now: OffsetDateTime) -> Vec<QRef> {
        let bound = self.cards_in(lib);
        let now = utc::from_datetime(now);
        let ahead = now + Ms::from(self.study.learn_ahead_minutes) * 60 * SECOND_MS;
        let end_today = self.days.end_of_day(now);
        let mut learning: Vec<(Ms, QRef)> = Vec::new();
        let mut reviews: Vec<(f64, QRef)> = Vec::new();
        for r in lib.all() {
            let Some(card) = bound.card(r).filter(|c| c.state() != CardState::New) else {
                continue;
            };
            let due = card.due_ms().unwrap_or(Ms::MAX);
            if card.state() == CardState::Review {
                if due < end_today {
                    let recall = self.sched.retrievability(card, now).unwrap_or(0.0);
                    reviews.push((f64::from(recall), r));
                }
            } else if due <= ahead {
                learning.push((due, r));
            }
        }
        learning.sort_by_key(|&(due, _)| due);
        reviews.sort_by(|a, b| a.0.total_cmp(&b.0));
        reviews.truncate(self.reviews_left_today_ms(now));
        let topic = |r: &QRef| lib.topic_key(*r);
        let mut queue = interleave(learning.into_iter().map(|x| x.1).collect(), topic);
        queue.extend(interleave(
            reviews.into_iter().map(|x| x.1).collect(),
            topic,
        ));
        queue.extend(self.new_rotation(lib, self.new_left_today_ms(now)));
        queue
    }

    /// Up to `n` new questions in the fair rotation: each next one comes from the topic with the
    /// fewest questions seen so far (in any mode, practice included; ties go to the library's
    /// order), in file order within a topic. The rotation is derived from the history, so it
    /// carries over from one day to the next and reaches every topic of every pack.
    pub fn new_rotation(&self, lib: &Library, n: usize) -> Vec<QRef> {
        let bound = self.cards_in(lib);
        let mut topics: Vec<(usize, std::collections::VecDeque<QRef>)> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::new();
        for r in lib.all() {
            let i = *slot.entry(lib.topic_key(r)).or_insert_with(|| {
                topics.push((0, Default::default()));
                topics.len() - 1
            });
            match bound.card(r) {
                Some(c) if c.state() != CardState::New => topics[i].0 += 1,
                _ => topics[i].1.push_back(r),
            }
        }
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let Some(t) = topics
                .iter_mut()
                .filter(|t| !t.1.is_empty())
                .min_by_key(|t| t.0)
            else {
                break;
            };
            t.0 += 1;
            out.extend(t.1.pop_front());
        }
        out
    }

    /// Questions of the loaded packs in learning or relearning, and the earliest of their due
    /// times: what to tell a learner who has nothing due yet.
    pub fn learning_pending(&self, lib: &Library) -> (usize, Option<OffsetDateTime>) {
        let bound = self.cards_in(lib);
        let dues: Vec<Ms> = lib
            .all()
            .filter_map(|r| bound.card(r))
            .filter(|c| matches!(c.state(), CardState::Learning | CardState::Relearning))
            .filter_map(|c| c.due_ms())
            .collect();
        (dues.len(), dues.iter().min().map(|&d| utc::to_datetime(d)))
    }

    /// How many reviews may still be offered today: `max_reviews_per_day` minus the questions
    /// answered today that were introduced before today.
    pub fn reviews_left_today(&self, now: OffsetDateTime) -> usize {
        self.reviews_left_today_ms(utc::from_datetime(now))
    }

    fn reviews_left_today_ms(&self, now: Ms) -> usize {
        let today = self.days.day(now);
        let is_today = self.is_day(today);
        let done = self
            .cards
            .iter()
            .filter(|c| {
                c.last_review_ms().is_some_and(&is_today)
                    && c.introduced_ms().is_some_and(|t| self.days.day(t) < today)
            })
            .count();
        (self.study.max_reviews_per_day as usize).saturating_sub(done)
    }

    /// The review backlog: reviews due before the end of today (of the loaded packs), and the
    /// study days it takes at `max_reviews_per_day` (0 when nothing is due).
    pub fn backlog(&self, lib: &Library, now: OffsetDateTime) -> (usize, usize) {
        let bound = self.cards_in(lib);
        let now_ms = utc::from_datetime(now);
        let end_today = self.days.end_of_day(now_ms);
        let due = lib
            .all()
            .filter_map(|r| bound.card(r))
            .filter(|c| c.state() == CardState::Review && c.due_ms().is_some_and(|d| d < end_today))
            .count();
        let cap = (self.study.max_reviews_per_day as usize).max(1);
        (due, due.div_ceil(cap))
    }

    pub fn due_counts(&self, lib: &Library, now: OffsetDateTime) -> DueCounts {
        let bound = self.cards_in(lib);
        let now_ms = utc::from_datetime(now);
        let end_today = self.days.end_of_day(now_ms);
        let end_week = self.days.start(self.days.day(now_ms) + 8);
        let mut c = DueCounts::default();
        for due in lib
            .all()
            .filter_map(|r| bound.card(r).and_then(|c| c.due_ms()))
        {
            c.now += usize::from(due <= now_ms);
            c.today += usize::from(due < end_today);
            c.week += usize::from(due < end_week);
        }
        c
    }

    /// New questions (of the loaded packs, never answered) the review queue would add today.
    pub fn new_available(&self, lib: &Library, now: OffsetDateTime) -> usize {
        let bound = self.cards_in(lib);
        let unseen = lib
            .all()
            .filter(|r| bound.card(*r).is_none_or(|c| c.state() == CardState::New))
            .count();
        unseen.min(self.new_left_today(now))
    }

    /// Questions due on each of the next `days` study days; index 0 is today and includes
    /// everything overdue. Counts every question with history (no library needed), so a question
    /// whose pack is not loaded still shows here though not in [`Engine::due_counts`].
    pub fn forecast(&self, now: OffsetDateTime, days: usize) -> Vec<usize> {
        let today = self.days.day(utc::from_datetime(now));
        let mut out = vec![0; days];
        // In time order, so the day cursor looks each day up once.
        let mut dues: Vec<Ms> = self.cards.iter().filter_map(|c| c.due_ms()).collect();
        dues.sort_unstable();
        let mut cursor = self.days.cursor();
        for due in dues {
            let i = (cursor.day(due) - today).max(0) as usize;
            if let Some(slot) = out.get_mut(i) {
                *slot += 1;
            }
        }
        out
    }

    /// Answers on each of the last `days` study days, oldest first; the last entry is today.
    pub fn answers_per_day(&self, now: OffsetDateTime, days: usize) -> Vec<usize> {
        let today = self.days.day(utc::from_datetime(now));
        let mut out = vec![0; days];
        let mut count = |day: i64| {
            let back = today - day;
            if (0..days as i64).contains(&back) {
                out[days - 1 - back as usize] += 1;
            }
            back < days as i64
        };
        match self.days_newest_first(today) {
            // Newest first: done at the first answer before the window.
            Some(mut newest) => while newest.next().is_some_and(&mut count) {},
            None => {
                let mut cursor = self.days.cursor();
                for a in &self.answers {
                    count(cursor.day(a.at));
                }
            }
        }
        out
    }

    /// Consecutive study days with at least one answer, ending today (or yesterday, while today
    /// has no answer yet: the streak is not broken before the day is over).
    pub fn streak(&self, now: OffsetDateTime) -> u32 {
        let today = self.days.day(utc::from_datetime(now));
        // The days with answers, oldest first (from the newest back to the first gap suffices).
        let days: Vec<i64> = match self.days_newest_first(today) {
            Some(newest) => {
                let mut run: Vec<i64> = Vec::new();
                for d in newest {
                    match run.last() {
                        Some(&last) if last == d => {}
                        Some(&last) if last - 1 != d => break,
                        _ => run.push(d),
                    }
                }
                run.reverse();
                run
            }
            None => {
                let mut cursor = self.days.cursor();
                let mut days: Vec<i64> = self
                    .answers
                    .iter()
                    .map(|a| cursor.day(a.at))
                    .filter(|&d| d <= today)
                    .collect();
                days.sort_unstable();
                days.dedup();
                days
            }
        };
        let mut expect = match days.last() {
            Some(&d) if d == today || d == today - 1 => d,
            _ => return 0,
        };
        let mut n = 0;
        for &d in days.iter().rev() {
            if d != expect {
                break;
            }
            n += 1;
            expect -= 1;
        }
        n
    }

    /// The study day of each answer given up to the end of `today`, newest first, when the
    /// answers are in time order (as this program writes them); `None` when they are not (a
    /// history edited by hand), and then every answer must be looked at.
    fn days_newest_first(&self, today: i64) -> Option<impl Iterator<Item = i64> + '_> {
        if !self.answers.is_sorted_by_key(|a| a.at) {
            return None;
        }
        let mut cursor = self.days.cursor();
        Some(
            self.answers
                .iter()
                .rev()
                .map(move |a| cursor.day(a.at))
                .filter(move |&d| d <= today),
        )
    }

    /// How many new questions may still be introduced today (`new_per_day` minus the questions
    /// whose first answer was today, in any mode).
    pub fn new_left_today(&self, now: OffsetDateTime) -> usize {
        self.new_left_today_ms(utc::from_datetime(now))
    }

    fn new_left_today_ms(&self, now: Ms) -> usize {
        let today = self.days.day(now);
        let is_today = self.is_day(today);
        let introduced = self
            .cards
            .iter()
            .filter(|c| c.introduced_ms().is_some_and(&is_today))
            .count();
        (self.config.new_per_day as usize).saturating_sub(introduced)
    }

    /// A test for "this instant is in study day `day`": a range check on a day without a clock
    /// change (the usual case; the cards are many), else the day look-up.
    fn is_day(&self, day: i64) -> impl Fn(Ms) -> bool + '_ {
        let range = self.days.range(day);
        move |t| match &range {
            Some(r) => r.contains(&t),
            None => self.days.day(t) == day,
        }
    }

    /// Keys of the leeches, most lapses first.
    pub fn leeches(&self, lib: &Library) -> Vec<String> {
        self.leech_details(lib).into_iter().map(|l| l.key).collect()
    }

    /// The leeches, most lapses first (also those no longer in any pack, with `qref: None`):
    /// questions with at least `leech_lapses` lapses in review or drill. A lapse is an Again
    /// on a question in the review state; lapses in practice, retakes and exams do not count.
    pub fn leech_details(&self, lib: &Library) -> Vec<Leech> {
        let threshold = self.study.leech_lapses;
        // Only a question with that many lapses in all modes can have them in review and drill.
        let mut counted: HashMap<u32, (super::Card, u32)> = self
            .cards
            .iter()
            .enumerate()
            .filter(|(_, c)| c.lapses() >= threshold)
            .map(|(i, _)| (i as u32, (super::Card::default(), 0)))
            .collect();
        if counted.is_empty() {
            return Vec::new();
        }
        for a in &self.answers {
            let Some((card, n)) = counted.get_mut(&a.card) else {
                continue;
            };
            let lapse = card.state() == CardState::Review && a.rating == super::Rating::Again;
            if lapse && matches!(a.mode, super::Mode::Review | super::Mode::Drill) {
                *n += 1;
            }
            self.sched
                .review(card, a.rating, a.at, self.seeds[a.card as usize]);
        }
        let mut out: Vec<Leech> = counted
            .into_iter()
            .filter(|(_, (_, n))| *n >= threshold)
            .map(|(i, (_, n))| {
                let key = self.keys.get(i);
                Leech {
                    key: key.to_string(),
                    qref: lib.find(key),
                    lapses: n,
                    reps: self.cards[i as usize].reps(),
                }
            })
            .collect();
        out.sort_by(|a, b| b.lapses.cmp(&a.lapses).then_with(|| a.key.cmp(&b.key)));
        out
    }
}

/// Keeps the order but avoids the same topic twice in a row when a question of another topic
/// is within the next few places.
pub fn interleave<T: Copy, K: PartialEq>(items: Vec<T>, topic: impl Fn(&T) -> K) -> Vec<T> {
    let mut rest: std::collections::VecDeque<T> = items.into();
    let mut out: Vec<T> = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let last = out.last().map(&topic);
        let pick = (0..rest.len().min(INTERLEAVE_WINDOW))
            .find(|&i| last.as_ref() != Some(&topic(&rest[i])))
            .unwrap_or(0);
        out.extend(rest.remove(pick));
    }
    out
}

/// One question of each topic in turn (topics in order of first appearance).
pub fn round_robin<T: Copy, K: Eq + std::hash::Hash>(
    items: Vec<T>,
    topic: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut order: Vec<Vec<T>> = Vec::new();
    let mut slot: HashMap<K, usize> = HashMap::new();
    for it in items {
        let i = *slot.entry(topic(&it)).or_insert_with(|| {
            order.push(Vec::new());
            order.len() - 1
        });
        order[i].push(it);
    }
    let longest = order.iter().map(Vec::len).max().unwrap_or(0);
    (0..longest)
        .flat_map(|round| order.iter().filter_map(move |g| g.get(round).copied()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaving() {
        assert_eq!(
            round_robin(vec![1, 2, 3, 11, 12, 21], |x| x / 10),
            vec![1, 11, 21, 2, 12, 3]
        );
        assert_eq!(interleave(vec![1, 2, 11, 3], |x| x / 10), vec![1, 11, 2, 3]);
        assert_eq!(
            interleave(vec![1, 2, 3, 4, 5, 11], |x| x / 10),
            vec![1, 2, 11, 3, 4, 5]
        );
    }
}
