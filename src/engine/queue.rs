//! What to study and when: the review queue, due counts, the due forecast, answers per day,
//! the streak, the daily new-question budget and leeches. Days are UTC days.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::utc::{self, DAY_MS, Ms};
use super::{CardState, Engine};
use crate::library::{Library, QRef};

/// A question with at least this many lapses is a leech.
pub const LEECH_LAPSES: u32 = 4;

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
    /// Today's review session: due learning/relearning questions (earliest first), then due
    /// reviews (most overdue relative to stability first), then new questions up to the daily
    /// budget, round-robin over topics. Within each group, questions of the same topic are
    /// spread apart when another topic is within a few places.
    pub fn review_queue(&self, lib: &Library, now: OffsetDateTime) -> Vec<QRef> {
        let now = utc::from_datetime(now);
        let mut learning: Vec<(Ms, QRef)> = Vec::new();
        let mut reviews: Vec<(f64, QRef)> = Vec::new();
        let mut new: Vec<QRef> = Vec::new();
        for r in lib.all() {
            let Some(card) = self
                .card(&lib.key(r))
                .filter(|c| c.state() != CardState::New)
            else {
                new.push(r);
                continue;
            };
            let due = card.due_ms().unwrap_or(Ms::MAX);
            if due > now {
                continue;
            }
            if card.state() == CardState::Review {
                let stability = f64::from(card.stability().unwrap_or(1.0)).max(1e-3);
                reviews.push(((now - due) as f64 / DAY_MS as f64 / stability, r));
            } else {
                learning.push((due, r));
            }
        }
        learning.sort_by_key(|&(due, _)| due);
        reviews.sort_by(|a, b| b.0.total_cmp(&a.0));
        let topic = |r: &QRef| lib.topic_key(*r);
        let mut queue = interleave(learning.into_iter().map(|x| x.1).collect(), topic);
        queue.extend(interleave(
            reviews.into_iter().map(|x| x.1).collect(),
            topic,
        ));
        queue.extend(
            round_robin(new, topic)
                .into_iter()
                .take(self.new_left_today_ms(now)),
        );
        queue
    }

    pub fn due_counts(&self, lib: &Library, now: OffsetDateTime) -> DueCounts {
        let now_ms = utc::from_datetime(now);
        let end_today = (utc::day(now_ms) + 1) * DAY_MS;
        let mut c = DueCounts::default();
        for due in lib
            .all()
            .filter_map(|r| self.card_at(lib, r).and_then(|c| c.due_ms()))
        {
            c.now += usize::from(due <= now_ms);
            c.today += usize::from(due < end_today);
            c.week += usize::from(due < end_today + 7 * DAY_MS);
        }
        c
    }

    /// New questions (of the loaded packs, never answered) the review queue would add today.
    pub fn new_available(&self, lib: &Library, now: OffsetDateTime) -> usize {
        let unseen = lib
            .all()
            .filter(|r| {
                self.card(&lib.key(*r))
                    .is_none_or(|c| c.state() == CardState::New)
            })
            .count();
        unseen.min(self.new_left_today(now))
    }

    /// Questions due on each of the next `days` UTC days; index 0 is today and includes
    /// everything overdue. Counts every question with history (no library needed), so a question
    /// whose pack is not loaded still shows here though not in [`Engine::due_counts`].
    pub fn forecast(&self, now: OffsetDateTime, days: usize) -> Vec<usize> {
        let today = utc::day(utc::from_datetime(now));
        let mut out = vec![0; days];
        for due in self.cards.iter().filter_map(|c| c.due_ms()) {
            let i = (utc::day(due) - today).max(0) as usize;
            if let Some(slot) = out.get_mut(i) {
                *slot += 1;
            }
        }
        out
    }

    /// Answers on each of the last `days` UTC days, oldest first; the last entry is today.
    pub fn answers_per_day(&self, now: OffsetDateTime, days: usize) -> Vec<usize> {
        let today = utc::day(utc::from_datetime(now));
        let mut out = vec![0; days];
        for a in &self.answers {
            let back = today - utc::day(a.at);
            if (0..days as i64).contains(&back) {
                out[days - 1 - back as usize] += 1;
            }
        }
        out
    }

    /// Consecutive UTC days with at least one answer, ending today (or yesterday, while today
    /// has no answer yet: the streak is not broken before the day is over).
    pub fn streak(&self, now: OffsetDateTime) -> u32 {
        let today = utc::day(utc::from_datetime(now));
        let mut days: Vec<i64> = self
            .answers
            .iter()
            .map(|a| utc::day(a.at))
            .filter(|&d| d <= today)
            .collect();
        // Answers are kept in time order, so this is usually sorted already.
        if !days.is_sorted() {
            days.sort_unstable();
        }
        days.dedup();
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

    /// How many new questions may still be introduced today (`new_per_day` minus the questions
    /// whose first answer was today, in any mode).
    pub fn new_left_today(&self, now: OffsetDateTime) -> usize {
        self.new_left_today_ms(utc::from_datetime(now))
    }

    fn new_left_today_ms(&self, now: Ms) -> usize {
        let today = utc::day(now);
        let introduced = self
            .cards
            .iter()
            .filter(|c| c.introduced_ms().is_some_and(|t| utc::day(t) == today))
            .count();
        (self.config.new_per_day as usize).saturating_sub(introduced)
    }

    /// Keys of the questions with at least [`LEECH_LAPSES`] lapses, most lapses first.
    pub fn leeches(&self, lib: &Library) -> Vec<String> {
        self.leech_details(lib).into_iter().map(|l| l.key).collect()
    }

    /// The leeches with their counts, most lapses first (also those no longer in any pack,
    /// with `qref: None`).
    pub fn leech_details(&self, lib: &Library) -> Vec<Leech> {
        let mut out: Vec<Leech> = self
            .cards()
            .filter(|(_, c)| c.lapses() >= LEECH_LAPSES)
            .map(|(k, c)| Leech {
                key: k.to_string(),
                qref: lib.find(k),
                lapses: c.lapses(),
                reps: c.reps(),
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
