//! The runtime side of mock exams (the only exam code that does I/O): finding an unfinished
//! attempt at start-up, writing the attempt on every change, and ending it: the "exam" event is
//! appended to the history first, then every answer is recorded for the scheduler, and only then
//! is the in-progress file deleted. An attempt is locked for its whole life (`exam::lock`), so a
//! second window can neither resume nor overwrite it, and one attempt id is submitted once. Each
//! function answers with a message for `update`.

use time::OffsetDateTime;

use crate::engine::events::{ExamEvent, Kind};
use crate::engine::{AnswerInput, Engine, Mode};
use crate::env::Env;
use crate::exam::lock::{self as exam_lock, ExamLock, Taken};
use crate::exam::store::{self, Found};
use crate::exam::{Attempt, QuestionResult};
use crate::library::Library;
use crate::tui::app::Msg;

/// Whether an exam attempt file is there for [`startup`] to look at (one stat).
pub fn pending(env: &Env) -> bool {
    store::path(&env.paths.data_dir).exists()
}

/// At start-up: an unfinished attempt opens the resume prompt (`update` ends it as abandoned when
/// none of its questions is loaded any more); a corrupt file is moved aside and becomes a notice.
/// The attempt is locked first: when another window has it open, it is not offered here. An
/// attempt the history already holds (submitted, then its file left behind) is never offered
/// again: its file is removed.
pub fn startup(env: &Env, engine: &Engine, lock: &mut Option<ExamLock>) -> Option<Msg> {
    if !pending(env) {
        return None;
    }
    match take_lock(env, lock) {
        Ok(true) => {}
        Ok(false) => return Some(Msg::ExamElsewhere),
        Err(e) => return Some(Msg::ExamSaved(Err(e))),
    }
    match store::load(&env.paths.data_dir, env.now()) {
        Found::Nothing => None,
        Found::Attempt(a) if submitted(engine, &a.id) => {
            let p = store::path(&env.paths.data_dir);
            let what = match store::remove(&env.paths.data_dir) {
                Ok(()) => "its leftover file was removed".to_string(),
                Err(e) => format!(
                    "its leftover file {} could not be removed: {e}",
                    p.display()
                ),
            };
            *lock = None;
            Some(Msg::Notice(format!(
                "The unfinished exam found at start-up was already submitted; {what}."
            )))
        }
        Found::Attempt(a) => Some(Msg::ExamResumable(a)),
        Found::Problem { message } => Some(Msg::Notice(message)),
    }
}

/// Whether the history already holds the exam event of attempt `id`.
pub fn submitted(engine: &Engine, id: &str) -> bool {
    engine.exams().any(|e| e.attempt == id)
}

/// Holds the exam lock (taking it if this process does not yet): `Ok(false)` when another window
/// holds it. A lock that cannot be taken for another reason (a file system without locks, a lock
/// file that cannot be opened) does not stop the exam: the error is shown.
fn take_lock(env: &Env, lock: &mut Option<ExamLock>) -> Result<bool, String> {
    if lock.is_some() {
        return Ok(true);
    }
    match exam_lock::try_lock(&env.paths.data_dir) {
        Ok(Taken::Held(l)) => {
            *lock = Some(l);
            Ok(true)
        }
        Ok(Taken::Elsewhere) => Ok(false),
        Err(e) => Err(format!(
            "cannot lock {}: {e}",
            exam_lock::path(&env.paths.data_dir).display()
        )),
    }
}

/// Writes the attempt; a failure is shown, and the exam goes on (the next change retries). When
/// another window holds the exam lock (it started an attempt since this one opened the picker),
/// nothing is written and this window is told so.
pub fn save(env: &Env, attempt: &Attempt, lock: &mut Option<ExamLock>) -> Msg {
    if let Ok(false) = take_lock(env, lock) {
        return Msg::ExamElsewhere;
    }
    let path = store::path(&env.paths.data_dir);
    Msg::ExamSaved(
        store::save(&env.paths.data_dir, attempt)
            .map_err(|e| format!("the exam cannot be saved in {}: {e}", path.display())),
    )
}

/// Ends the attempt durably, once. When the history cannot be written, the in-progress file is
/// kept so nothing is lost (the next start offers the attempt again).
pub fn end(
    env: &Env,
    engine: &mut Engine,
    lib: &Library,
    mut event: Box<ExamEvent>,
    answers: &[QuestionResult],
    now: OffsetDateTime,
    lock: &mut Option<ExamLock>,
) -> Msg {
    if let Ok(false) = take_lock(env, lock) {
        return Msg::ExamElsewhere;
    }
    // The forecast made before the attempt: the engine does not have its answers yet.
    if event.is_scored() && event.forecast.is_none() {
        event.forecast =
            crate::exam::readiness::before_attempt(engine, lib, &event.exam, &event.started);
    }
    let path = store::path(&env.paths.data_dir);
    // One attempt id is submitted once, whatever happens (a retry after a failed delete, a
    // leftover file): the history is asked first.
    if submitted(engine, &event.attempt) {
        let _ = store::remove(&env.paths.data_dir);
        *lock = None;
        return Msg::ExamEnded(Vec::new());
    }
    if let Err(e) = engine.append_event(Kind::Exam(event)) {
        return Msg::ExamEnded(vec![format!(
            "the exam could not be added to the history ({e}); it is kept in {}",
            path.display()
        )]);
    }
    let mut problems = Vec::new();
    // Only questions the learner answered go to the scheduler: one left blank (perhaps never
    // opened) is wrong in the score, but it is not a recall that failed.
    for a in answers.iter().filter(|a| !a.chosen.is_empty()) {
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
    *lock = None;
    Msg::ExamEnded(problems)
}
