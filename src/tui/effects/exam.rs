//! The runtime side of mock exams (the only exam code that does I/O): finding an unfinished
//! attempt at start-up, writing the attempt on every change, and ending it: the "exam" event is
//! appended to the history first, then every answer is recorded for the scheduler, and only then
//! is the in-progress file deleted.

use crate::engine::{AnswerInput, Engine, Mode};
use crate::env::Env;
use crate::exam::store::{self, Found};
use crate::exam::{Attempt, QuestionResult};
use crate::tui::app::{Effect, Model, Msg, update};

/// Prefix of save problems that belong to the exam file (cleared by the next good write).
const PROBLEM: &str = "exam: ";

/// Whether an exam attempt file is there for [`startup`] to look at (one stat).
pub fn pending(env: &Env) -> bool {
    store::path(&env.paths.data_dir).exists()
}

/// At start-up: an unfinished attempt opens the resume prompt (or, when none of its questions is
/// loaded any more, is ended as abandoned: the returned effects); a corrupt file is moved aside
/// and becomes a notice.
pub fn startup(env: &Env, model: &mut Model) -> Vec<Effect> {
    match store::load(&env.paths.data_dir, env.now()) {
        Found::Nothing => Vec::new(),
        Found::Attempt(a) => {
            model.now = env.now();
            update(model, Msg::ExamResumable(a))
        }
        Found::Problem { message } => {
            model.notices.insert(0, message);
            Vec::new()
        }
    }
}

/// Writes the attempt; a failure is shown, and the exam goes on (the next change retries).
pub fn save(env: &Env, model: &mut Model, attempt: &Attempt) {
    match store::save(&env.paths.data_dir, attempt) {
        Ok(()) => {
            if model
                .save_problem
                .as_ref()
                .is_some_and(|p| p.starts_with(PROBLEM))
            {
                model.save_problem = None;
            }
        }
        Err(e) => {
            model.save_problem = Some(format!(
                "{PROBLEM}{}: {e}",
                store::path(&env.paths.data_dir).display()
            ));
        }
    }
}

/// Ends the attempt durably. When the history cannot be written, the in-progress file is kept
/// so nothing is lost (the next start offers the attempt again).
pub fn end(
    env: &Env,
    engine: &mut Engine,
    model: &mut Model,
    mut event: Box<crate::engine::events::ExamEvent>,
    answers: &[QuestionResult],
) {
    // The forecast made before the attempt: the engine does not have its answers yet.
    if event.is_scored() && event.forecast.is_none() {
        event.forecast =
            crate::exam::readiness::before_attempt(engine, &model.lib, &event.exam, &event.started);
    }
    if let Err(e) = engine.append_event(crate::engine::events::Kind::Exam(event)) {
        model.save_problem = Some(format!(
            "{PROBLEM}the exam could not be added to the history ({e}); it is kept in {}",
            store::path(&env.paths.data_dir).display()
        ));
        return;
    }
    for a in answers {
        let input = AnswerInput {
            key: a.key.clone(),
            mode: Mode::Exam,
            chosen: a.chosen.clone(),
            correct: a.correct,
            unsure: false,
            ms: a.ms,
            at: model.now,
        };
        if let Err(e) = engine.record_answer(&input) {
            model.save_problem = Some(e.to_string());
        }
    }
    if let Err(e) = store::remove(&env.paths.data_dir) {
        model.save_problem = Some(format!(
            "{PROBLEM}cannot delete {}: {e}",
            store::path(&env.paths.data_dir).display()
        ));
    }
}
