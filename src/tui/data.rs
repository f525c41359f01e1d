//! The bridge between the trainer and the engine: building sessions, recording answers, the
//! dashboard figures, and reloading packs. Everything the runtime asks of the outside world.

use time::OffsetDateTime;

use super::app::{Dashboard, Model, Msg, Request};
use crate::engine::{AnswerInput, Engine};
use crate::env::Env;
use crate::library::{self, Library};
use crate::session::{Kind, practice_pool, shuffled};

/// Questions for a session request.
pub fn start(engine: &Engine, model: &mut Model, req: &Request) -> Msg {
    let now = model.now;
    let lib = &model.lib;
    let (kind, questions) = match req {
        Request::Review => (Kind::Review, engine.review_queue(lib, now)),
        Request::Practice {
            packs,
            topics,
            count,
        } => {
            let seed = model.seed ^ model.sessions.wrapping_add(1);
            let mut qs = shuffled(practice_pool(lib, packs, topics), seed);
            if let Some(n) = count {
                qs.truncate(*n);
            }
            (Kind::Practice, qs)
        }
        Request::Drill { topic: None, count } => {
            (Kind::Drill, engine.drill_queue(lib, now, *count))
        }
        Request::Drill {
            topic: Some(t),
            count,
        } => {
            let seed = model.seed ^ model.sessions.wrapping_add(7);
            let mut pool = practice_pool(lib, &[], std::slice::from_ref(t));
            // Lowest recall first; unseen questions count as forgotten.
            pool.sort_by(|a, b| {
                let ra = engine.retrievability(&lib.key(*a), now).unwrap_or(0.0);
                let rb = engine.retrievability(&lib.key(*b), now).unwrap_or(0.0);
                ra.total_cmp(&rb)
            });
            let mut qs = pool;
            qs.truncate(*count);
            (Kind::Drill, shuffled(qs, seed))
        }
        Request::Questions { kind, questions } => (*kind, questions.clone()),
        Request::Exam(id) => return Msg::OpenExam(id.clone()),
    };
    Msg::SessionReady { kind, questions }
}

/// Records one answer durably; returns when the question comes back.
#[allow(clippy::too_many_arguments)]
pub fn record(
    engine: &mut Engine,
    model: &Model,
    key: String,
    kind: Kind,
    chosen: Vec<usize>,
    correct: bool,
    unsure: bool,
    ms: u64,
) -> Result<Option<OffsetDateTime>, String> {
    let input = AnswerInput {
        key,
        mode: kind.engine_mode(),
        chosen,
        correct,
        unsure,
        ms,
        at: model.now,
    };
    engine
        .record_answer(&input)
        .map(|r| Some(r.due))
        .map_err(|e| e.to_string())
}

/// Logs the end of a session (so "retake last mistakes" survives a restart).
pub fn session_ended(
    engine: &mut Engine,
    model: &Model,
    kind: Kind,
    answered: usize,
    correct: usize,
    missed: &[String],
) -> Result<(), String> {
    let at = model
        .now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let event = serde_json::json!({
        "v": 1, "kind": "session", "at": at, "mode": kind.mode(), "session": kind.title().to_lowercase(),
        "answered": answered, "correct": correct, "missed": missed,
    });
    engine.append_event(event).map_err(|e| e.to_string())
}

/// The figures the home and stats screens show.
pub fn dashboard(engine: &Engine, lib: &Library, now: OffsetDateTime) -> Dashboard {
    let activity = engine.answers_per_day(now, 84);
    let (topics, weakest) = engine.topic_stats_and_weakest(lib, now, 5);
    Dashboard {
        due: engine.due_counts(lib, now),
        new_left: engine.new_left_today(now),
        streak: engine.streak(now),
        total_answers: activity.iter().sum(),
        topics,
        weakest,
        forecast: engine.forecast(now, 14),
        activity,
        leeches: engine.leeches(lib),
        exam_scores: crate::exam::exam_scores(engine.events_of_kind("exam")),
    }
}

/// Reloads all packs. Returns the message for `update` (none when the reload is refused) and,
/// when a pack failed, the first error with its location for the status line.
///
/// A pack that loaded before but fails now (an edit in progress) must not take the learner's
/// session with it: then the packs are kept as they were until the error is fixed.
pub fn reload(env: &Env, current: &Library) -> (Option<Msg>, Option<String>) {
    let report = library::load(&env.sources);
    let problem = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| format!("{}: {}", d.location(), d.message));
    let skipped = |lib: &Library| -> Vec<String> {
        lib.notices
            .iter()
            .filter_map(|n| match n {
                library::Notice::Skipped { path, .. } => Some(path.clone()),
                library::Notice::Replaced { .. } => None,
            })
            .collect()
    };
    let before = skipped(current);
    let newly_broken = skipped(&report.library)
        .into_iter()
        .any(|p| !before.contains(&p));
    if newly_broken {
        let problem = problem.map(|p| format!("{p} — packs kept as they were; fix it and press r"));
        return (None, problem);
    }
    let notices = report.library.notice_messages();
    (
        Some(Msg::Reloaded {
            lib: report.library,
            notices,
        }),
        problem,
    )
}
