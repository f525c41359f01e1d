//! The runtime side of mock exams (the only exam code that does I/O): finding an unfinished
//! attempt at start-up, writing the attempt on every change, and ending it: the "exam" event is
//! appended to the history first, then every answer is recorded for the scheduler, and only then
//! is the in-progress file deleted.

use crate::engine::{AnswerInput, Engine, Mode};
use crate::env::Env;
use crate::exam::lock::{self as exam_lock, ELSEWHERE, ExamLock, Taken};
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
/// and becomes a notice. The attempt is locked first (`lock`): when another window has it open,
/// it is not offered here, and no exam starts here either. An attempt the history already holds
/// (submitted, then its file left behind) is never offered again: its file is removed.
pub fn startup(
    env: &Env,
    engine: &Engine,
    model: &mut Model,
    lock: &mut Option<ExamLock>,
) -> Vec<Effect> {
    if !pending(env) {
        return Vec::new();
    }
    if !take_lock(env, model, lock) {
        model.notices.insert(0, ELSEWHERE.into());
        return Vec::new();
    }
    match store::load(&env.paths.data_dir, env.now()) {
        Found::Nothing => Vec::new(),
        Found::Attempt(a) if submitted(engine, &a.id) => {
            let p = store::path(&env.paths.data_dir);
            let what = match store::remove(&env.paths.data_dir) {
                Ok(()) => "its leftover file was removed".to_string(),
                Err(e) => format!(
                    "its leftover file {} could not be removed: {e}",
                    p.display()
                ),
            };
            model.notices.insert(
                0,
                format!("The unfinished exam found at start-up was already submitted; {what}."),
            );
            *lock = None;
            Vec::new()
        }
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

/// Whether the history already holds the exam event of attempt `id`.
pub fn submitted(engine: &Engine, id: &str) -> bool {
    engine.exams().any(|e| e.attempt == id)
}

/// Holds the exam lock (taking it if this process does not yet); false when another window
/// holds it. A file system without locks, or a lock file that cannot be opened, does not stop
/// the exam (the problem is shown).
fn take_lock(env: &Env, model: &mut Model, lock: &mut Option<ExamLock>) -> bool {
    if lock.is_some() {
        return true;
    }
    match exam_lock::try_lock(&env.paths.data_dir) {
        Ok(Taken::Held(l)) => {
            *lock = Some(l);
            model.exam_elsewhere = false;
            true
        }
        Ok(Taken::Elsewhere) => {
            model.exam_elsewhere = true;
            false
        }
        Err(e) => {
            model.save_problem = Some(format!(
                "{PROBLEM}cannot lock {}: {e}",
                exam_lock::path(&env.paths.data_dir).display()
            ));
            true
        }
    }
}

/// Writes the attempt; a failure is shown, and the exam goes on (the next change retries). When
/// another window holds the exam lock (it started an attempt since this one opened the picker),
/// nothing is written and this window goes home.
pub fn save(env: &Env, model: &mut Model, attempt: &Attempt, lock: &mut Option<ExamLock>) {
    if !take_lock(env, model, lock) {
        model.go_home();
        model.status = Some(ELSEWHERE.into());
        return;
    }
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
    event: Box<crate::engine::events::ExamEvent>,
    answers: &[QuestionResult],
    lock: &mut Option<ExamLock>,
) {
    if !take_lock(env, model, lock) {
        model.go_home();
        model.status = Some(ELSEWHERE.into());
        return;
    }
    // One attempt id is submitted once, whatever happens (a retry after a failed delete, a
    // leftover file): the history is asked first.
    if submitted(engine, &event.attempt) {
        let _ = store::remove(&env.paths.data_dir);
        *lock = None;
        return;
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
    *lock = None;
}
