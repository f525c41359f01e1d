//! Pure `update` tests of a session's course: moving on after the feedback, ending with Esc,
//! quitting mid-session with confirmation, and the summary with its retake of missed questions.

use crate::support::tui as support;

use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Effect, Msg, Overlay, Request, Screen, update};
use decouple_quiz::tui::keymap::Context;
use decouple_quiz::tui::screens::question::Pane;
use support::*;

#[test]
fn next_moves_on_and_resets_the_question_state() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    press(&mut m, "u<tab>z");
    answer_right(&mut m);
    assert!(press(&mut m, "<enter>").is_empty());
    let q = question(&m);
    assert_eq!(q.session.pos, 1);
    assert_eq!(m.context(), Context::Answering);
    assert_eq!((q.cursor, q.unsure, q.zoom), (0, false, false));
    assert!(q.picked.is_empty() && q.feedback.is_none());
    assert_eq!(q.focus, Pane::Text);
    // Space, l and → also move on (`n` is the note).
    answer_right(&mut m);
    let fx = press(&mut m, "l");
    assert_eq!(screen_name(&m), "summary", "last question answered");
    assert_eq!(
        fx,
        vec![Effect::SessionEnded {
            kind: Kind::Review,
            answered: 2,
            correct: 2,
            missed: Vec::new(),
        }]
    );
}

#[test]
fn esc_ends_the_session_to_the_summary_keeping_answers() {
    let mut m = model();
    start(&mut m, Kind::Practice, &[BUFFER, POISON, FANOUT]);
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    let fx = press(&mut m, "<esc>");
    assert_eq!(screen_name(&m), "summary");
    assert_eq!(
        fx,
        vec![Effect::SessionEnded {
            kind: Kind::Practice,
            answered: 1,
            correct: 0,
            missed: vec![BUFFER.to_string()],
        }]
    );
    assert_eq!(m.last_missed, vec![qref(&m, BUFFER)]);
}

#[test]
fn esc_in_feedback_ends_the_session_too() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    answer_right(&mut m);
    let fx = press(&mut m, "<esc>");
    assert_eq!(screen_name(&m), "summary");
    let Screen::Summary(s) = &m.screen else {
        unreachable!()
    };
    assert_eq!(s.session.score(), (1, 1));
    assert!(matches!(
        fx.as_slice(),
        [Effect::SessionEnded { answered: 1, .. }]
    ));
}

#[test]
fn esc_before_any_answer_goes_home_without_a_session_event() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    assert!(press(&mut m, "<esc>").is_empty());
    assert_eq!(screen_name(&m), "home");
}

#[test]
fn quitting_mid_session_asks_first() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    assert!(press(&mut m, "q").is_empty());
    assert_eq!(m.overlay, Overlay::ConfirmQuit);
    assert_eq!(m.context(), Context::Confirm);
    assert!(m.running);
    // Keys the dialog does not know are ignored: `a` does not answer behind it.
    assert!(press(&mut m, "a").is_empty());
    assert_eq!(m.context(), Context::Confirm);
    assert!(question(&m).feedback.is_none());
    // n (or Esc) keeps going, with nothing else happening.
    assert!(press(&mut m, "n").is_empty());
    assert_eq!(m.overlay, Overlay::None);
    assert_eq!(m.context(), Context::Answering);
    press(&mut m, "q<esc>");
    assert_eq!(
        (m.overlay.clone(), m.context()),
        (Overlay::None, Context::Answering)
    );
}

#[test]
fn confirming_the_quit_logs_the_session_and_quits() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    answer_right(&mut m);
    press(&mut m, "q");
    assert_eq!(m.overlay, Overlay::ConfirmQuit, "q asks in feedback too");
    let fx = press(&mut m, "y");
    assert!(!m.running);
    assert_eq!(
        fx,
        vec![
            Effect::SessionEnded {
                kind: Kind::Review,
                answered: 1,
                correct: 1,
                missed: Vec::new(),
            },
            Effect::Quit
        ]
    );
}

#[test]
fn confirming_with_enter_before_any_answer_just_quits() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    assert_eq!(press(&mut m, "q<enter>"), vec![Effect::Quit]);
    assert!(!m.running);
}

#[test]
fn the_summary_retakes_just_the_missed_questions() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON, FANOUT]);
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    answer_right(&mut m);
    press(&mut m, "<enter>");
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    assert_eq!(m.context(), Context::Summary);
    let fx = press(&mut m, "r");
    assert_eq!(
        fx,
        vec![Effect::Start(Request::Questions {
            kind: Kind::Retake,
            questions: vec![qref(&m, BUFFER), qref(&m, FANOUT)],
        })]
    );
    // The runtime answers with the session; it is a retake.
    let Effect::Start(Request::Questions { questions, .. }) = fx[0].clone() else {
        unreachable!()
    };
    update(
        &mut m,
        Msg::SessionReady {
            kind: Kind::Retake,
            questions,
        },
    );
    assert_eq!(question(&m).session.kind, Kind::Retake);
    assert_eq!(question(&m).session.items.len(), 2);
}

#[test]
fn a_perfect_summary_has_nothing_to_retake() {
    let mut m = model();
    start(&mut m, Kind::Review, &[FANOUT]);
    answer_right(&mut m);
    press(&mut m, "<enter>");
    assert!(press(&mut m, "r").is_empty());
    assert_eq!(
        m.status.as_deref(),
        Some("Nothing missed: nothing to retake.")
    );
}

#[test]
fn the_summary_goes_home_and_remembers_the_mistakes_for_retake() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    press(&mut m, "jk");
    press(&mut m, "<enter>");
    assert_eq!(screen_name(&m), "home");
    // Home → "Retake last mistakes (1)" is the fourth item.
    let fx = press(&mut m, "jjj<enter>");
    assert_eq!(
        fx,
        vec![Effect::Start(Request::Questions {
            kind: Kind::Retake,
            questions: vec![qref(&m, BUFFER)],
        })]
    );
}

#[test]
fn q_on_the_summary_quits_without_asking() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    answer_right(&mut m);
    press(&mut m, "<enter>");
    assert_eq!(press(&mut m, "q"), vec![Effect::Quit]);
    assert!(!m.running);
}

#[test]
fn f_flags_and_n_asks_for_a_note_without_answering() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    let key = {
        let q = question(&m);
        m.lib.key(q.session.current().unwrap().q)
    };
    let fx = press(&mut m, "f");
    assert_eq!(
        fx,
        vec![Effect::Flag {
            key: key.clone(),
            on: true
        }]
    );
    assert!(m.dash.marks.is_flagged(&key));
    assert!(question(&m).feedback.is_none() && question(&m).picked.is_empty());
    assert_eq!(
        press(&mut m, "n"),
        vec![Effect::Note {
            key: key.clone(),
            text: String::new()
        }]
    );
    // On the feedback screen too; a second `f` takes the flag off.
    answer_right(&mut m);
    assert_eq!(
        press(&mut m, "f"),
        vec![Effect::Flag {
            key: key.clone(),
            on: false
        }]
    );
    assert!(!m.dash.marks.is_flagged(&key));
    m.dash.marks.set_note(&key, "  mine \u{1b}[2J ");
    assert_eq!(
        press(&mut m, "n"),
        vec![Effect::Note {
            key,
            text: "mine  [2J".into()
        }]
    );
}
