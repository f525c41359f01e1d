//! Choosing a session's questions: review (the engine's queue), practice (chosen packs or topics,
//! shuffled), drill (weakest topics, or one topic lowest recall first) and retake (given
//! questions).

use time::OffsetDateTime;

use super::session::{Kind, practice_pool, shuffled};
use crate::engine::Engine;
use crate::library::{Library, QRef};

/// What the learner asked to study.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    Review,
    Practice {
        packs: Vec<String>,
        topics: Vec<String>,
        count: Option<usize>,
    },
    Drill {
        topic: Option<String>,
        count: usize,
    },
    /// These questions, as a session of this kind (retake, a tip's questions, an exam's misses).
    Questions {
        kind: Kind,
        questions: Vec<QRef>,
    },
}

/// The questions of `plan` at `now`, in the order to ask them. `seed` makes shuffles
/// reproducible (`--seed`); `nth` is the number of sessions started before, so two practice
/// sessions in one run differ.
pub fn select(
    engine: &Engine,
    lib: &Library,
    plan: &Plan,
    seed: u64,
    nth: u64,
    now: OffsetDateTime,
) -> (Kind, Vec<QRef>) {
    match plan {
        Plan::Review => (Kind::Review, engine.review_queue(lib, now)),
        Plan::Practice {
            packs,
            topics,
            count,
        } => {
            let mut qs = shuffled(
                practice_pool(lib, packs, topics),
                seed ^ nth.wrapping_add(1),
            );
            if let Some(n) = count {
                qs.truncate(*n);
            }
            (Kind::Practice, qs)
        }
        Plan::Drill { topic: None, count } => (Kind::Drill, engine.drill_queue(lib, now, *count)),
        Plan::Drill {
            topic: Some(t),
            count,
        } => {
            let mut pool = practice_pool(lib, &[], std::slice::from_ref(t));
            // Lowest recall first; unseen questions count as forgotten.
            pool.sort_by(|a, b| {
                let ra = engine.retrievability(&lib.key(*a), now).unwrap_or(0.0);
                let rb = engine.retrievability(&lib.key(*b), now).unwrap_or(0.0);
                ra.total_cmp(&rb)
            });
            pool.truncate(*count);
            (Kind::Drill, shuffled(pool, seed ^ nth.wrapping_add(7)))
        }
        Plan::Questions { kind, questions } => (*kind, questions.clone()),
    }
}
