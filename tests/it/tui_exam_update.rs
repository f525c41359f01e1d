//! Update tests of the mock exam: keys go through the real keymap (`runtime::to_msg`), the clock
//! is an input (`Msg::Tick`), and every change must come back as `Effect::ExamSave` before the
//! next frame.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use decouple_quiz::exam::Attempt;
use decouple_quiz::library::{self, Library, Sources};
use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Effect, Model, Msg, Overlay, Request, Screen, update};
use decouple_quiz::tui::runtime::to_msg;
use decouple_quiz::tui::screens::exam::report::{Filter, ReportState};
use decouple_quiz::tui::screens::exam::take::{ExamState, Phase};

/// The test library: the valid messaging fixture pack (6 questions, exam `fixture-mock`).
pub fn fixture_library() -> Library {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/packs/valid/messaging.toml");
    library::load(&Sources {
        builtin: false,
        dirs: Vec::new(),
        files: vec![path],
    })
    .library
}

pub const T0: OffsetDateTime = datetime!(2026-11-26 10:00 UTC);

pub fn model() -> Model {
    Model::new(fixture_library(), Vec::new(), 42, T0)
}

/// A model on the exam screen of `fixture-mock` (5 questions, 10 minutes, pass 700).
pub fn started() -> Model {
    let mut m = model();
    let fx = update(&mut m, Msg::OpenExam(Some("fixture-mock".into())));
    assert!(matches!(fx.as_slice(), [Effect::ExamSave(_)]), "{fx:?}");
    m
}

/// Types keys: characters as themselves, `\n` Enter, `\x1b` Esc, `\x08` Backspace.
pub fn keys(m: &mut Model, typed: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in typed.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        };
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(msg) = to_msg(m.context(), &ev) {
            fx.extend(update(m, msg));
        }
    }
    fx
}

pub fn exam(m: &Model) -> &ExamState {
    match &m.screen {
        Screen::Exam(e) => e,
        _ => panic!("not on the exam screen"),
    }
}

fn report(m: &Model) -> &ReportState {
    match &m.screen {
        Screen::Report(r) => r,
        _ => panic!("not on the report"),
    }
}

fn saved(fx: &[Effect]) -> &Attempt {
    match fx.first() {
        Some(Effect::ExamSave(a)) => a,
        other => panic!("expected a save first, got {other:?}"),
    }
}

/// The position of the first question of the attempt whose key ends with `id`.
fn position(m: &Model, id: &str) -> usize {
    exam(m)
        .attempt
        .items
        .iter()
        .position(|i| i.key.ends_with(id))
        .expect("drawn")
}

#[test]
fn picker_lists_the_exams_and_starts_one() {
    let mut m = model();
    // Home's "Mock exam…" item opens the picker.
    let exam_item = decouple_quiz::tui::screens::home::ITEMS
        .iter()
        .position(|i| *i == decouple_quiz::tui::screens::home::Item::Exam)
        .unwrap();
    keys(&mut m, &"j".repeat(exam_item));
    assert!(keys(&mut m, "\n").is_empty());
    let Screen::ExamPicker(p) = &m.screen else {
        panic!("no picker")
    };
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].id, "fixture-mock");
    assert_eq!(p.rows[0].problem, None);
    let fx = keys(&mut m, "\n");
    let a = saved(&fx);
    assert_eq!(a.items.len(), 5);
    assert_eq!(exam(&m).attempt, *a, "the file holds what the screen shows");
    assert_eq!(exam(&m).attempt.remaining_ms(), 600_000);
}

#[test]
fn answers_flags_and_moves_are_saved_before_the_next_frame() {
    let mut m = started();
    let single = (0..5)
        .find(|&i| !exam(&m).attempt.items[i].key.ends_with("poison-message"))
        .unwrap();
    keys(&mut m, "g");
    keys(&mut m, &format!("{}\n", single + 1));
    let fx = keys(&mut m, "b");
    let a = saved(&fx);
    assert_eq!(a.items[single].chosen, vec![a.items[single].order[1]]);
    let fx = keys(&mut m, "f");
    assert!(saved(&fx).items[single].flagged);
    assert!(
        keys(&mut m, "jk").is_empty(),
        "moving the highlight changes nothing"
    );
    let fx = keys(&mut m, "c");
    assert_eq!(
        saved(&fx).items[single].chosen,
        vec![a.items[single].order[2]]
    );
    assert!(
        keys(&mut m, "c").is_empty(),
        "choosing the same again changes nothing"
    );
    let before = exam(&m).attempt.pos;
    let fx = keys(&mut m, "p");
    if before == 0 {
        assert!(fx.is_empty());
        assert_eq!(m.status.as_deref(), Some("This is the first question."));
    } else {
        assert_eq!(saved(&fx).pos, before - 1);
    }
}

#[test]
fn choose_two_toggles_up_to_two() {
    let mut m = started();
    let two = position(&m, "poison-message");
    keys(&mut m, &format!("g{}\n", two + 1));
    assert_eq!(exam(&m).attempt.pos, two);
    keys(&mut m, "ab");
    assert_eq!(exam(&m).attempt.shown_chosen(two), vec![0, 1]);
    assert!(keys(&mut m, "c").is_empty());
    assert_eq!(
        m.status.as_deref(),
        Some("Choose TWO: unselect one of your 2 choices first")
    );
    keys(&mut m, "ac");
    assert_eq!(exam(&m).attempt.shown_chosen(two), vec![1, 2]);
    // Space toggles the highlighted choice (the cursor follows the letters).
    keys(&mut m, " ");
    assert_eq!(exam(&m).attempt.shown_chosen(two), vec![1]);
}

#[test]
fn navigator_jumps_by_number_or_grid_and_flags() {
    let mut m = started();
    keys(&mut m, "g");
    assert!(matches!(exam(&m).phase, Phase::Navigator { .. }));
    keys(&mut m, "4");
    let Phase::Navigator { cursor, typed } = &exam(&m).phase else {
        panic!()
    };
    assert_eq!((*cursor, typed.as_str()), (3, "4"));
    let fx = keys(&mut m, "\n");
    assert_eq!(saved(&fx).pos, 3);
    assert_eq!(exam(&m).phase, Phase::Answering);
    // Grid moves and a flag on the highlighted cell.
    keys(&mut m, "ghf");
    assert!(exam(&m).attempt.items[2].flagged);
    keys(&mut m, "\x1b");
    assert_eq!(exam(&m).attempt.pos, 3, "Esc closes without moving");
    keys(&mut m, "g99\n");
    assert_eq!(
        m.status.as_deref(),
        Some("There is no question 99: 1 to 5.")
    );
    keys(&mut m, "2\x08\x085\n");
    assert_eq!(exam(&m).attempt.pos, 4);
}

#[test]
fn the_countdown_runs_on_the_clock_and_gaps_do_not_count() {
    let mut m = started();
    let fx = update(&mut m, Msg::Tick(T0 + Duration::milliseconds(250)));
    assert!(fx.is_empty(), "no write within the same second");
    let fx = update(&mut m, Msg::Tick(T0 + Duration::milliseconds(1_250)));
    assert_eq!(
        saved(&fx).elapsed_ms,
        1_250,
        "the time is written every second"
    );
    // The laptop was closed for three hours: that gap is not exam time.
    update(&mut m, Msg::Tick(T0 + Duration::hours(3)));
    update(
        &mut m,
        Msg::Tick(T0 + Duration::hours(3) + Duration::seconds(2)),
    );
    let a = &exam(&m).attempt;
    assert_eq!(a.elapsed_ms, 3_250);
    assert_eq!(
        a.items[a.pos].ms, 3_250,
        "charged to the question on screen"
    );
}

#[test]
fn time_running_out_submits_automatically() {
    let mut m = started();
    keys(&mut m, "a");
    let mut t = T0;
    let mut fx = Vec::new();
    while matches!(m.screen, Screen::Exam(_)) {
        t += Duration::seconds(5);
        assert!(t < T0 + Duration::minutes(11), "never expired");
        fx = update(&mut m, Msg::Tick(t));
    }
    assert_eq!(t, T0 + Duration::minutes(10));
    let [Effect::ExamEnd { event, answers }] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(event.status, "expired");
    assert_eq!(event.elapsed_ms, 600_000);
    assert_eq!(answers.len(), 5, "unanswered questions are recorded too");
    assert_eq!(answers.iter().filter(|a| a.chosen.is_empty()).count(), 4);
    assert_eq!(
        m.status.as_deref(),
        Some("Time is up: the exam was submitted automatically.")
    );
    assert_eq!(report(&m).report.elapsed_ms, 600_000);
}

#[test]
fn expiry_also_ends_an_exam_behind_the_quit_prompt() {
    let mut m = started();
    keys(&mut m, "q");
    assert_eq!(m.overlay, Overlay::ConfirmQuit);
    let mut t = T0;
    for _ in 0..200 {
        t += Duration::seconds(4);
        update(&mut m, Msg::Tick(t));
    }
    assert!(matches!(m.screen, Screen::Report(_)));
    assert_eq!(m.overlay, Overlay::None);
}

#[test]
fn submitting_needs_the_review_then_a_second_confirmation() {
    let mut m = started();
    let lib = fixture_library();
    // Answer the first question right.
    let key = exam(&m).attempt.items[0].key.clone();
    let q = lib.question(lib.find(&key).unwrap());
    let order = exam(&m).attempt.items[0].order.clone();
    let shown: String = (0..order.len())
        .filter(|&p| q.choices[order[p]].correct)
        .map(|p| char::from(b'a' + p as u8))
        .collect();
    keys(&mut m, &shown);
    keys(&mut m, "nf");
    assert!(keys(&mut m, "S").is_empty());
    let Phase::Review { .. } = exam(&m).phase else {
        panic!("no review")
    };
    assert_eq!(exam(&m).attempt.to_review(&m.lib), vec![1, 2, 3, 4]);
    keys(&mut m, "j\n");
    assert_eq!(exam(&m).phase, Phase::Answering);
    assert_eq!(exam(&m).attempt.pos, 2, "Enter opens the listed question");
    keys(&mut m, "S\x1b");
    assert_eq!(
        exam(&m).phase,
        Phase::Answering,
        "Esc goes back to the exam"
    );
    keys(&mut m, "S");
    let fx = keys(&mut m, "S");
    let [Effect::ExamEnd { event, answers }] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(event.status, "submitted");
    assert_eq!(event.correct, Some(1));
    assert_eq!(event.flagged, 1);
    assert_eq!(answers.len(), 5);
    assert!(answers[0].correct);
    let r = report(&m);
    assert_eq!((r.report.correct, r.report.total()), (1, 5));
    assert_eq!(m.last_missed.len(), 4);
}

#[test]
fn next_after_the_last_question_opens_the_review() {
    let mut m = started();
    keys(&mut m, "g5\n");
    keys(&mut m, "n");
    assert!(matches!(exam(&m).phase, Phase::Review { .. }));
}

#[test]
fn quitting_writes_the_time_and_keeps_the_attempt() {
    let mut m = started();
    m.now = T0 + Duration::milliseconds(700);
    let fx = keys(&mut m, "qy");
    let [Effect::ExamSave(a), Effect::Quit] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(a.elapsed_ms, 700);
    let mut m = started();
    m.now = T0 + Duration::milliseconds(300);
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let msg = to_msg(m.context(), &ctrl_c).unwrap();
    let fx = update(&mut m, msg);
    assert!(matches!(fx.as_slice(), [Effect::ExamSave(a), Effect::Quit] if a.elapsed_ms == 300));
}

fn paused(elapsed_ms: u64) -> Attempt {
    let mut m = started();
    keys(&mut m, "bnf");
    let mut a = exam(&m).attempt.clone();
    a.elapsed_ms = elapsed_ms;
    a
}

#[test]
fn resume_continues_where_it_was_with_the_time_left() {
    let a = paused(120_000);
    let mut m = model();
    m.now = T0 + Duration::days(2);
    update(&mut m, Msg::ExamResumable(Box::new(a.clone())));
    assert!(matches!(m.screen, Screen::Resume(_)));
    assert!(keys(&mut m, "r").is_empty());
    let e = exam(&m);
    assert_eq!(e.attempt, a, "answers, flags and position intact");
    assert_eq!(
        e.attempt.remaining_ms(),
        480_000,
        "two days away did not count"
    );
    update(
        &mut m,
        Msg::Tick(T0 + Duration::days(2) + Duration::milliseconds(250)),
    );
    assert_eq!(exam(&m).attempt.elapsed_ms, 120_250);
}

#[test]
fn abandoning_takes_two_presses_and_is_recorded() {
    let mut m = model();
    update(&mut m, Msg::ExamResumable(Box::new(paused(5_000))));
    assert!(keys(&mut m, "a").is_empty());
    let Screen::Resume(r) = &m.screen else {
        panic!()
    };
    assert!(r.confirm_abandon);
    let fx = keys(&mut m, "a");
    let [Effect::ExamEnd { event, answers }] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(event.status, "abandoned");
    assert_eq!(event.answered, 1);
    assert!(
        answers.is_empty(),
        "an abandoned attempt feeds no scheduler"
    );
    assert!(matches!(m.screen, Screen::Home(_)));
}

#[test]
fn an_attempt_whose_questions_are_all_gone_is_abandoned() {
    let mut a = paused(5_000);
    for i in &mut a.items {
        i.key = format!("gone/{}", i.key);
    }
    let mut m = model();
    let fx = update(&mut m, Msg::ExamResumable(Box::new(a)));
    assert!(
        matches!(fx.as_slice(), [Effect::ExamEnd { event, .. }] if event.status == "abandoned")
    );
    assert!(matches!(m.screen, Screen::Home(_)));
}

#[test]
fn the_report_filters_browses_and_retakes_the_wrong_ones() {
    let mut m = started();
    keys(&mut m, "fSS");
    assert_eq!(report(&m).rows().len(), 5);
    keys(&mut m, "w");
    assert_eq!(report(&m).filter, Filter::Wrong);
    assert_eq!(report(&m).rows().len(), 5, "nothing answered: all wrong");
    keys(&mut m, "w");
    assert_eq!(report(&m).rows(), vec![0], "flagged");
    keys(&mut m, "ww\n");
    assert!(report(&m).open);
    keys(&mut m, "n");
    assert_eq!(report(&m).selected(), Some(1));
    keys(&mut m, "\x1b");
    assert!(!report(&m).open);
    let fx = keys(&mut m, "r");
    let [Effect::Start(Request::Questions { kind, questions })] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!((*kind, questions.len()), (Kind::Retake, 5));
    keys(&mut m, "\x1b");
    assert!(matches!(m.screen, Screen::Home(_)));
}

#[test]
fn ticks_do_nothing_elsewhere() {
    let mut m = model();
    assert!(update(&mut m, Msg::Tick(T0 + Duration::seconds(1))).is_empty());
    assert_eq!(m.now, T0 + Duration::seconds(1));
}

/// The exam file's problems are the exam's own messages: a failed write is shown, the next good
/// write clears it, and neither touches a problem of the history.
#[test]
fn exam_save_problems_come_back_as_messages() {
    let mut m = started();
    update(&mut m, Msg::ExamSaved(Err("disk full".into())));
    assert_eq!(m.exam_problem.as_deref(), Some("disk full"));
    m.save_problem = Some("history is read-only".into());
    update(&mut m, Msg::ExamSaved(Ok(())));
    assert_eq!(m.exam_problem, None);
    assert_eq!(m.save_problem.as_deref(), Some("history is read-only"));
    update(
        &mut m,
        Msg::ExamEnded(vec!["cannot delete the file".into()]),
    );
    assert_eq!(m.exam_problem.as_deref(), Some("cannot delete the file"));
    update(&mut m, Msg::ExamEnded(Vec::new()));
    assert_eq!(m.exam_problem, None);
}

/// Ending an attempt records for the scheduler only the questions that were answered: one left
/// blank (perhaps never opened) is wrong in the exam's score, not a failed recall.
#[test]
fn unanswered_exam_questions_are_not_recorded_as_answers() {
    use decouple_quiz::engine::Engine;
    use decouple_quiz::exam::QuestionResult;
    use decouple_quiz::tui::effects::exam as exam_io;

    let tmp = tempfile::tempdir().unwrap();
    let env = crate::support::helpers::env_at(tmp.path(), T0.unix_timestamp());
    let (mut engine, _) = Engine::open_uncached(&env).unwrap();
    let mut m = started();
    let lib = fixture_library();
    let attempt = exam(&m).attempt.clone();
    let answers: Vec<QuestionResult> = attempt
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| QuestionResult {
            key: item.key.clone(),
            chosen: if i == 0 { vec![0] } else { Vec::new() },
            correct: false,
            flagged: false,
            ms: 1_000,
        })
        .collect();
    let event = Box::new(decouple_quiz::exam::history::abandoned(&attempt, T0));
    let mut lock = None;
    let msg = exam_io::end(&env, &mut engine, &lib, event, &answers, T0, &mut lock);
    update(&mut m, msg);
    assert_eq!(engine.exams().count(), 1, "the exam event is written");
    assert_eq!(
        engine.answer_count(),
        1,
        "only the answered question is recorded"
    );
    assert!(engine.card(&attempt.items[1].key).is_none());
}
