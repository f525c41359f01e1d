//! The score report of a finished attempt: all-or-nothing per question (unanswered is wrong), the
//! scaled estimate, per-domain and per-topic results, and time. Pure.

use crate::library::Library;
use crate::pack::model::Domain;

use super::attempt::{Attempt, ExamInfo};
use super::scale;

/// How many "took longest" questions the report lists.
pub const LONGEST: usize = 3;

/// One question's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionResult {
    /// `pack/question`.
    pub key: String,
    /// File indexes, sorted; empty = unanswered.
    pub chosen: Vec<usize>,
    pub correct: bool,
    pub flagged: bool,
    pub ms: u64,
}

impl QuestionResult {
    pub fn answered(&self) -> bool {
        !self.chosen.is_empty()
    }
}

/// Right answers out of questions, for a domain or a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// A domain id (`resilient`) or a topic key (`pack/topic`).
    pub id: String,
    pub title: String,
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    pub fn percent(&self) -> usize {
        (self.correct * 100).checked_div(self.total).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub exam: ExamInfo,
    /// In exam order.
    pub results: Vec<QuestionResult>,
    pub correct: usize,
    pub answered: usize,
    pub flagged: usize,
    /// Estimated, see `scale`.
    pub scaled: u32,
    pub passed: bool,
    pub elapsed_ms: u64,
    pub limit_ms: u64,
    /// In the exam guide's order; only domains the exam asked about.
    pub domains: Vec<Tally>,
    /// Weakest first.
    pub topics: Vec<Tally>,
    /// Positions of the questions that took longest, longest first.
    pub longest: Vec<usize>,
}

impl Report {
    pub fn total(&self) -> usize {
        self.results.len()
    }

    pub fn percent(&self) -> usize {
        (self.correct * 100).checked_div(self.total()).unwrap_or(0)
    }

    /// Average active time per question of the exam.
    pub fn average_ms(&self) -> u64 {
        self.elapsed_ms
            .checked_div(self.total() as u64)
            .unwrap_or(0)
    }

    /// Positions of the wrong (including unanswered) questions.
    pub fn wrong(&self) -> Vec<usize> {
        (0..self.total())
            .filter(|&i| !self.results[i].correct)
            .collect()
    }
}

fn add(tallies: &mut Vec<Tally>, id: String, title: &str, correct: bool) {
    let t = match tallies.iter().position(|t| t.id == id) {
        Some(i) => &mut tallies[i],
        None => {
            tallies.push(Tally {
                id,
                title: title.to_string(),
                correct: 0,
                total: 0,
            });
            tallies.last_mut().expect("just pushed")
        }
    };
    t.total += 1;
    t.correct += usize::from(correct);
}

/// Scores an attempt against the loaded packs.
pub fn score(lib: &Library, attempt: &Attempt) -> Report {
    let mut results = Vec::with_capacity(attempt.items.len());
    let mut domains = Vec::new();
    let mut topics = Vec::new();
    for item in &attempt.items {
        let r = lib.find(&item.key);
        let correct =
            item.answered() && r.is_some_and(|r| lib.question(r).is_correct(&item.chosen));
        if let Some(r) = r
            && let Some(t) = lib.topic_of(r)
        {
            add(&mut topics, lib.topic_key(r), &t.title, correct);
            add(
                &mut domains,
                t.domain.id().into(),
                t.domain.title(),
                correct,
            );
        }
        results.push(QuestionResult {
            key: item.key.clone(),
            chosen: item.chosen.clone(),
            correct,
            flagged: item.flagged,
            ms: item.ms,
        });
    }
    domains.sort_by_key(|t: &Tally| Domain::parse(&t.id));
    topics.sort_by(|a: &Tally, b: &Tally| {
        (a.correct * b.total.max(1))
            .cmp(&(b.correct * a.total.max(1)))
            .then(a.title.cmp(&b.title))
    });
    let mut longest: Vec<usize> = (0..results.len()).filter(|&i| results[i].ms > 0).collect();
    longest.sort_by(|&a, &b| results[b].ms.cmp(&results[a].ms).then(a.cmp(&b)));
    longest.truncate(LONGEST);
    let correct = results.iter().filter(|r| r.correct).count();
    let scaled = scale::scaled(correct, results.len(), attempt.exam.pass);
    Report {
        exam: attempt.exam.clone(),
        correct,
        answered: results.iter().filter(|r| r.answered()).count(),
        flagged: results.iter().filter(|r| r.flagged).count(),
        scaled,
        passed: scaled >= attempt.exam.pass,
        elapsed_ms: attempt.elapsed_ms,
        limit_ms: attempt.limit_ms(),
        domains,
        topics,
        longest,
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{find, fixture_library};
    use time::macros::datetime;

    /// Answers every question right except the ones listed (left unanswered or answered wrong).
    fn taken(unanswered: &[usize], wrong: &[usize]) -> (Library, Attempt) {
        let lib = fixture_library();
        let exam = find(&lib, "fixture-mock").unwrap().clone();
        let mut a = Attempt::start(&lib, &exam, 3, datetime!(2026-11-26 10:00 UTC)).unwrap();
        for (i, item) in a.items.iter_mut().enumerate() {
            let q = lib.question(lib.find(&item.key).unwrap());
            item.chosen = if unanswered.contains(&i) {
                Vec::new()
            } else if wrong.contains(&i) {
                vec![
                    (0..q.choices.len())
                        .find(|c| !q.choices[*c].correct)
                        .unwrap(),
                ]
            } else {
                q.correct_set()
            };
            item.ms = 1000 * (i as u64 + 1);
        }
        a.items[1].flagged = true;
        a.elapsed_ms = 15_000;
        (lib, a)
    }

    #[test]
    fn all_right_is_1000() {
        let (lib, a) = taken(&[], &[]);
        let r = score(&lib, &a);
        assert_eq!(
            (r.correct, r.total(), r.scaled, r.passed),
            (5, 5, 1000, true)
        );
        assert_eq!(r.flagged, 1);
        assert_eq!(r.average_ms(), 3_000);
        assert_eq!(r.longest, vec![4, 3, 2]);
        let domain_ids: Vec<&str> = r.domains.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(domain_ids, ["secure", "resilient", "performant"]);
        assert_eq!(r.domains.iter().map(|d| d.total).sum::<usize>(), 5);
    }

    #[test]
    fn unanswered_and_partial_choose_two_are_wrong() {
        let (_, a) = taken(&[], &[]);
        let two = a
            .items
            .iter()
            .position(|i| i.key.ends_with("poison-message"))
            .unwrap();
        let others: Vec<usize> = (0..5).filter(|&i| i != two).collect();
        let (lib, mut a) = taken(&[others[0]], &[others[1]]);
        // Half of a "Choose TWO" is still wrong.
        let q = lib.question(lib.find(&a.items[two].key).unwrap());
        a.items[two].chosen = vec![q.correct_set()[0]];
        let r = score(&lib, &a);
        assert!(!r.results[others[0]].answered() && !r.results[others[0]].correct);
        assert!(r.results[others[1]].answered() && !r.results[others[1]].correct);
        assert!(!r.results[two].correct);
        assert_eq!(r.wrong(), {
            let mut w = vec![others[0], others[1], two];
            w.sort_unstable();
            w
        });
        assert_eq!(r.correct, 2);
        assert_eq!(r.answered, 4);
        assert!(!r.passed);
        assert_eq!(r.scaled, scale::scaled(2, 5, 700));
        let worst = &r.topics[0];
        assert!(
            worst.correct < worst.total,
            "weakest topic first: {worst:?}"
        );
    }
}
