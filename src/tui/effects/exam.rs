//! The runtime side of mock exams (the only exam code that does I/O): finding an unfinished
//! attempt at start-up, writing the attempt on every change, and ending it: the "exam" event is
//! appended to the history first, then every answer is recorded for the scheduler, and only then
//! is the in-progress file deleted. Each answers with a message for `update`.

use time::OffsetDateTime;

use crate::engine::events::{ExamEvent, Kind};
use crate::engine::{AnswerInput, Engine, Mode};
use crate::env::Env;
use crate::exam::store::{self, Found};
use crate::exam::{Attempt, QuestionResult};
use crate::tui::app::Msg;

/// At start-up: an unfinished attempt opens the resume prompt (`update` ends it as abandoned
/// when none of its questions is loaded any more); a corrupt file is moved aside and becomes a
/// notice.
pub fn startup(env: &Env) -> Option<Msg> {
    match store::load(&env.paths.data_dir, env.now()) {
        Found::Nothing => None,
        Found::Attempt(a) => Some(Msg::ExamResumable(a)),
        Found::Problem { message } => Some(Msg::Notice(message)),
    }
}

/// Writes the attempt; a failure is shown, and the exam goes on (the next change retries).
pub fn save(env: &Env, attempt: &Attempt) -> Msg {
    let path = store::path(&env.paths.data_dir);
    Msg::ExamSaved(
        store::save(&env.paths.data_dir, attempt)
            .map_err(|e| format!("the exam cannot be saved in {}: {e}", path.display())),
    )
}

/// Ends the attempt durably. When the history cannot be written, the in-progress file is kept
/// so nothing is lost (the next start offers the attempt again).
pub fn end(
    env: &Env,
    engine: &mut Engine,
    event: Box<ExamEvent>,
    answers: &[QuestionResult],
    now: OffsetDateTime,
) -> Msg {
    let path = store::path(&env.paths.data_dir);
    if let Err(e) = engine.append_event(Kind::Exam(event)) {
        return Msg::ExamEnded(vec![format!(
            "the exam could not be added to the history ({e}); it is kept in {}",
            path.display()
        )]);
    }
    let mut problems = Vec::new();
    for a in answers {
        let input = AnswerInput {
            key: a.key.clone(),
            mode: Mode::Exam,
            chosen: a.chosen.clone(),
            correct: a.correct,
            unsure: false,
            ms: a.ms,
            at: now,
        };
        if let Err(e) = engine.record_answer(&input) {
            problems.push(e.to_string());
        }
    }
    if let Err(e) = store::remove(&env.paths.data_dir) {
        problems.push(format!("cannot delete {}: {e}", path.display()));
    }
    Msg::ExamEnded(problems)
}
