//! Weak topics: per-topic attempts, recency-weighted accuracy, coverage, mean retrievability,
//! predicted recall and lapses, the ranking by predicted recall (docs/scheduling.md), and the
//! drill queue built from it.

use time::OffsetDateTime;

use super::Engine;
use super::utc::{self, DAY_MS};
use crate::library::{Library, QRef};
use crate::pack::Domain;

/// Half-life of an answer's weight in the accuracy: an answer 14 days old counts half.
pub const ACCURACY_HALF_LIFE_DAYS: f64 = 14.0;

/// Answers a topic needs before it can rank among the weakest: less is not evidence.
pub const MIN_RANK_ANSWERS: usize = 2;

/// How one topic stands. Plain data, so screens and tests can build their own.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicStats {
    /// `pack/topic`.
    pub key: String,
    pub title: String,
    /// Questions in the topic.
    pub total: usize,
    /// Questions of the topic answered at least once.
    pub seen: usize,
    pub attempts: usize,
    /// Recency-weighted share of right answers (0 when not started).
    pub accuracy: f64,
    /// `seen / total`.
    pub coverage: f64,
    /// Mean retrievability now of the seen questions (0 when not started).
    pub retrievability: f64,
    /// Predicted recall: the mean retrievability of the seen questions one day from now, so a
    /// question just failed (low stability) counts as likely forgotten (0 when not started).
    pub recall: f64,
    /// Lapses of the topic's questions (all modes).
    pub lapses: u32,
    /// 0 (strong) to 1 (weak): `1 − recall`; 0 when not started: an untouched topic is not weak.
    pub weakness: f64,
    pub not_started: bool,
}

/// A topic's stats plus what the drill queue and the JSON output also need.
pub(super) struct Topic {
    pub stats: TopicStats,
    pub domain: Domain,
    pub correct: usize,
    pub questions: Vec<QRef>,
    /// Laplace-smoothed recency-weighted accuracy: the expected chance of a right answer.
    pub smoothed: f64,
}

/// Per-card sums over the answers.
#[derive(Clone, Copy, Default)]
struct Tally {
    attempts: usize,
    correct: usize,
    weight: f64,
    weighted_correct: f64,
}

impl Engine {
    /// Every topic of every loaded pack, in library order.
    pub fn topic_stats(&self, lib: &Library, now: OffsetDateTime) -> Vec<TopicStats> {
        self.topics(lib, now).into_iter().map(|t| t.stats).collect()
    }

    pub(super) fn topics(&self, lib: &Library, now: OffsetDateTime) -> Vec<Topic> {
        let bound = self.cards_in(lib);
        let now_ms = utc::from_datetime(now);
        let mut tally = vec![Tally::default(); self.cards.len()];
        let rate = -1.0 / (ACCURACY_HALF_LIFE_DAYS * DAY_MS as f64);
        for a in &self.answers {
            let t = &mut tally[a.card as usize];
            let w = ((now_ms - a.at).max(0) as f64 * rate).exp2();
            t.attempts += 1;
            t.correct += usize::from(a.correct);
            t.weight += w;
            t.weighted_correct += if a.correct { w } else { 0.0 };
        }
        let mut out = Vec::new();
        for (p, pack) in lib.packs.iter().enumerate() {
            // The questions of each topic, in file order, in one pass over the pack.
            let mut by_topic: Vec<Vec<QRef>> = vec![Vec::new(); pack.topics.len()];
            for (q, question) in pack.questions.iter().enumerate() {
                if let Some(t) = pack.topics.iter().position(|t| t.id == *question.topic) {
                    by_topic[t].push(QRef {
                        pack: p,
                        question: q,
                    });
                }
            }
            for (topic, refs) in pack.topics.iter().zip(by_topic) {
                let mut sum = Tally::default();
                let (mut seen, mut r_sum, mut r_next, mut lapses) = (0, 0.0, 0.0, 0);
                for r in &refs {
                    let Some(id) = bound.id(*r) else {
                        continue;
                    };
                    let t = tally[id];
                    sum.attempts += t.attempts;
                    sum.correct += t.correct;
                    sum.weight += t.weight;
                    sum.weighted_correct += t.weighted_correct;
                    if let Some(r) = self.sched.retrievability(&self.cards[id], now_ms) {
                        seen += 1;
                        r_sum += f64::from(r);
                        r_next += self
                            .sched
                            .retrievability(&self.cards[id], now_ms + DAY_MS)
                            .map_or(0.0, f64::from);
                        lapses += self.cards[id].lapses();
                    }
                }
                let not_started = sum.attempts == 0;
                let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
                let coverage = ratio(seen as f64, refs.len() as f64);
                let accuracy = ratio(sum.weighted_correct, sum.weight);
                let retrievability = ratio(r_sum, seen as f64);
                let smoothed = (sum.weighted_correct + 1.0) / (sum.weight + 2.0);
                let recall = ratio(r_next, seen as f64);
                let weakness = if not_started { 0.0 } else { 1.0 - recall };
                let stats = TopicStats {
                    key: format!("{}/{}", pack.id, topic.id),
                    title: topic.title.clone(),
                    total: refs.len(),
                    seen,
                    attempts: sum.attempts,
                    accuracy,
                    coverage,
                    retrievability,
                    recall,
                    lapses,
                    weakness,
                    not_started,
                };
                out.push(Topic {
                    stats,
                    domain: topic.domain,
                    correct: sum.correct,
                    questions: refs,
                    smoothed,
                });
            }
        }
        out
    }

    /// The `n` weakest started topics, weakest first.
    pub fn weakest_topics(&self, lib: &Library, now: OffsetDateTime, n: usize) -> Vec<TopicStats> {
        self.ranked(lib, now)
            .into_iter()
            .take(n)
            .map(|t| t.stats)
            .collect()
    }

    /// [`Engine::topic_stats`] and [`Engine::weakest_topics`] from one pass over the answers
    /// and the library (the home screen shows both).
    pub fn topic_stats_and_weakest(
        &self,
        lib: &Library,
        now: OffsetDateTime,
        n: usize,
    ) -> (Vec<TopicStats>, Vec<TopicStats>) {
        let all = self.topics(lib, now);
        let stats = all.iter().map(|t| t.stats.clone()).collect();
        let weakest = rank(all).into_iter().take(n).map(|t| t.stats).collect();
        (stats, weakest)
    }

    /// Started topics, weakest first (ties by key).
    fn ranked(&self, lib: &Library, now: OffsetDateTime) -> Vec<Topic> {
        rank(self.topics(lib, now))
    }

    /// Up to `n` questions from the weakest topics (whole topics, weakest first, until there are
    /// `n`), the ones least likely to be answered right first: a seen question by its
    /// retrievability now, an unseen one by its topic's smoothed accuracy (its expected chance
    /// of a right answer). Empty while no topic is started.
    pub fn drill_queue(&self, lib: &Library, now: OffsetDateTime, n: usize) -> Vec<QRef> {
        let now_ms = utc::from_datetime(now);
        let cards = self.cards_in(lib);
        let mut pool: Vec<(f64, usize, usize, QRef)> = Vec::new();
        for (rank, topic) in self.ranked(lib, now).into_iter().enumerate() {
            if pool.len() >= n {
                break;
            }
            for (i, r) in topic.questions.iter().enumerate() {
                let recall = cards
                    .card(*r)
                    .and_then(|c| self.sched.retrievability(c, now_ms))
                    .map_or(topic.smoothed, f64::from);
                pool.push((recall, i, rank, *r));
            }
        }
        pool.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        pool.into_iter().take(n).map(|x| x.3).collect()
    }
}

/// The topics of `topics` with enough evidence ([`MIN_RANK_ANSWERS`]), lowest predicted recall
/// first, then most lapses, then by key: the order of the figure the screens show.
fn rank(topics: Vec<Topic>) -> Vec<Topic> {
    let mut started: Vec<Topic> = topics
        .into_iter()
        .filter(|t| !t.stats.not_started && t.stats.attempts >= MIN_RANK_ANSWERS)
        .collect();
    started.sort_by(|a, b| {
        a.stats
            .recall
            .total_cmp(&b.stats.recall)
            .then_with(|| b.stats.lapses.cmp(&a.stats.lapses))
            .then_with(|| a.stats.key.cmp(&b.stats.key))
    });
    started
}
