//! The bridge between the trainer and the layers below: sessions and answers through the study
//! layer, the dashboard figures, and reloading packs. Everything the runtime asks of the outside
//! world.

pub mod exam;

use time::OffsetDateTime;

use crate::engine::Engine;
use crate::env::Env;
use crate::library::{self, Library};
use crate::study::{Kind, Plan, record, select};
use crate::tui::app::{Dashboard, Model, Msg, Request};

/// Questions for a session request (through the study layer).
pub fn start(engine: &Engine, model: &mut Model, req: &Request) -> Msg {
    let plan = match req {
        Request::Review => Plan::Review,
        Request::Practice {
            packs,
            topics,
            count,
        } => Plan::Practice {
            packs: packs.clone(),
            topics: topics.clone(),
            count: *count,
        },
        Request::Drill { topic, count } => Plan::Drill {
            topic: topic.clone(),
            count: *count,
        },
        Request::Questions { kind, questions } => Plan::Questions {
            kind: *kind,
            questions: questions.clone(),
        },
        Request::Exam(id) => return Msg::OpenExam(id.clone()),
        Request::Browse => return Msg::Browser(crate::study::browse::rows(&model.lib, engine)),
    };
    let (kind, questions) = select(
        engine,
        &model.lib,
        &plan,
        model.seed,
        model.sessions,
        model.now,
    );
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
    let answer = record::Answer {
        key,
        kind,
        chosen,
        correct,
        unsure,
        ms,
        at: model.now,
    };
    record::answer(engine, answer).map(Some)
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
    record::session_ended(engine, kind, answered, correct, missed, model.now)
}

/// The figures the home and stats screens show.
pub fn dashboard(engine: &Engine, lib: &Library, now: OffsetDateTime) -> Dashboard {
    // The topic figures weigh every answer and card; the rest walks the answers and cards too.
    // They are independent, so the two halves run on both cores.
    let ((topics, weakest), (activity, streak, forecast, due, backlog, learning)) =
        std::thread::scope(|s| {
            let rest = s.spawn(|| {
                (
                    engine.answers_per_day(now, 84),
                    engine.streak(now),
                    engine.forecast(now, 14),
                    engine.due_counts(lib, now),
                    engine.backlog(lib, now),
                    engine.learning_pending(lib),
                )
            });
            let topics = engine.topic_stats_and_weakest(lib, now, 5);
            (
                topics,
                rest.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            )
        });
    let leeches = engine.leech_details(lib);
    Dashboard {
        due,
        new_left: engine.new_left_today(now),
        streak,
        total_answers: activity.iter().sum(),
        topics,
        weakest,
        forecast,
        activity,
        leeches: leeches.iter().map(|l| l.key.clone()).collect(),
        leech_lapses: leeches.iter().map(|l| l.lapses).collect(),
        leech_threshold: engine.study().leech_lapses,
        exam_scores: crate::exam::exam_scores(engine.exams()),
        save_problem: engine.save_problem(),
        readiness: crate::exam::readiness::readiness(engine, lib, now),
        exams: crate::exam::past::past_exams(engine.exams()),
        marks: engine.marks(),
        backlog,
        review_cap: engine.study().max_reviews_per_day as usize,
        learning,
        at: Some(now),
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
