//! Pure `update` tests of answering a question: starting a session (and the empty ones), picking
//! by letter, cursor, Space and mouse, submitting single and Choose TWO questions (file-order
//! `chosen`), unsure, the engine's reply, the answer time, and editing the pack.

use crate::support::tui as support;

use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Effect, Msg, update};
use decouple_quiz::tui::keymap::{Action, Context};
use support::*;

/// The `Effect::Record` of a list of effects.
fn record(effects: &[Effect]) -> (&str, Kind, &[usize], bool, bool) {
    match effects {
        [
            Effect::Record {
                key,
                kind,
                chosen,
                correct,
                unsure,
                ..
            },
        ] => (key, *kind, chosen, *correct, *unsure),
        other => panic!("expected one Record effect, got {other:?}"),
    }
}

#[test]
fn session_ready_opens_the_first_question() {
    let mut m = model();
    let fx = start(&mut m, Kind::Review, &[BUFFER, POISON]);
    assert!(fx.is_empty());
    assert_eq!(m.context(), Context::Answering);
    let q = question(&m);
    assert_eq!(q.session.kind, Kind::Review);
    assert_eq!(q.session.items.len(), 2);
    assert_eq!(q.session.pos, 0);
    assert_eq!((q.cursor, q.picked.as_slice()), (0, &[][..]));
    assert_eq!(m.lib.key(q.session.items[0].q), BUFFER);
}

#[test]
fn an_empty_review_stays_home_and_says_nothing_is_due() {
    let mut m = model();
    let fx = update(
        &mut m,
        Msg::SessionReady {
            kind: Kind::Review,
            questions: Vec::new(),
        },
    );
    assert!(fx.is_empty());
    assert_eq!(screen_name(&m), "home");
    assert_eq!(
        m.status.as_deref(),
        Some("Nothing is due for review now. Practise, or come back later.")
    );
    // The status lasts until the next key.
    press(&mut m, "j");
    assert_eq!(m.status, None);
}

#[test]
fn an_empty_drill_or_practice_explains_why() {
    let mut m = model();
    start(&mut m, Kind::Drill, &[]);
    assert_eq!(
        m.status.as_deref(),
        Some("No weak topics yet: answer some questions first.")
    );
    start(&mut m, Kind::Practice, &[]);
    assert_eq!(m.status.as_deref(), Some("No questions match that choice."));
}

#[test]
fn a_letter_answers_a_single_choice_question_with_the_file_order_choice() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    let right = correct_positions(&m);
    let fx = press(&mut m, &letter(right[0]).to_string());
    // The correct choice is the first in the file, wherever it is shown.
    assert_eq!(record(&fx), (BUFFER, Kind::Review, &[0][..], true, false));
    assert_eq!(m.context(), Context::Feedback);
    let fb = question(&m).feedback.as_ref().expect("feedback");
    assert!(fb.outcome.correct);
    assert!(fb.saved.is_none(), "saving until the engine answers");
    assert_eq!(question(&m).cursor, right[0]);
}

#[test]
fn a_wrong_answer_records_the_chosen_file_index() {
    let mut m = model();
    start(&mut m, Kind::Practice, &[BUFFER]);
    let wrong = wrong_positions(&m)[0];
    let file_idx = question(&m).session.items[0].order[wrong];
    let fx = press(&mut m, &letter(wrong).to_string());
    assert_eq!(
        record(&fx),
        (BUFFER, Kind::Practice, &[file_idx][..], false, false)
    );
}

#[test]
fn moving_and_enter_submit_the_highlighted_choice() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    press(&mut m, "jjjjjj");
    assert_eq!(
        question(&m).cursor,
        3,
        "the cursor stops at the last choice"
    );
    press(&mut m, "kkkkk");
    assert_eq!(question(&m).cursor, 0, "and at the first");
    let right = correct_positions(&m)[0];
    press(&mut m, &"<down>".repeat(right));
    let fx = press(&mut m, "<enter>");
    assert!(
        record(&fx).3,
        "Enter submitted the highlighted (right) choice"
    );
}

#[test]
fn space_selects_and_enter_submits_the_selection_not_the_cursor() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    let right = correct_positions(&m)[0];
    press(&mut m, &"j".repeat(right));
    press(&mut m, " ");
    assert_eq!(question(&m).picked, vec![right]);
    assert_eq!(
        m.context(),
        Context::Answering,
        "Space alone does not submit"
    );
    press(&mut m, if right == 0 { "j" } else { "k" });
    assert_ne!(question(&m).cursor, right);
    let fx = press(&mut m, "<enter>");
    assert_eq!(record(&fx), (BUFFER, Kind::Review, &[0][..], true, false));
}

#[test]
fn choose_two_does_not_submit_with_one_pick() {
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON]);
    let right = correct_positions(&m);
    assert_eq!(right.len(), 2);
    let fx = press(&mut m, &format!("{}<enter>", letter(right[0])));
    assert!(fx.is_empty(), "no Record with one of two picked: {fx:?}");
    assert_eq!(m.context(), Context::Answering);
    assert_eq!(question(&m).picked, vec![right[0]]);
    assert_eq!(
        m.status.as_deref(),
        Some("Choose TWO: 1 of 2 selected; toggle with Space or the letter")
    );
    // A letter toggles: picking it again removes it.
    press(&mut m, &letter(right[0]).to_string());
    assert!(question(&m).picked.is_empty());
}

#[test]
fn choose_two_submits_both_picks_in_file_order() {
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON]);
    let mut right = correct_positions(&m);
    right.reverse();
    let keys: String = right.iter().map(|&p| letter(p)).collect();
    let fx = press(&mut m, &format!("{keys}<enter>"));
    assert_eq!(
        record(&fx),
        (POISON, Kind::Review, &[0, 1][..], true, false)
    );
}

#[test]
fn choose_two_with_one_wrong_pick_is_wrong() {
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON]);
    let fx = answer_wrong(&mut m);
    let (_, _, chosen, correct, _) = record(&fx);
    assert!(!correct);
    assert_eq!(chosen.len(), 2);
    assert!(chosen.windows(2).all(|w| w[0] < w[1]), "sorted: {chosen:?}");
}

#[test]
fn choose_two_space_toggles_the_highlighted_choice() {
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON]);
    press(&mut m, " j ");
    assert_eq!(question(&m).picked, vec![0, 1]);
    press(&mut m, " ");
    assert_eq!(question(&m).picked, vec![0]);
}

#[test]
fn a_choice_letter_beyond_the_choices_is_ignored() {
    let mut m = model();
    start(&mut m, Kind::Review, &[FANOUT]);
    assert_eq!(question(&m).choice_count(&m.lib), 3);
    assert!(press(&mut m, "e6").is_empty());
    assert_eq!(m.context(), Context::Answering);
}

#[test]
fn u_marks_unsure_and_the_answer_is_recorded_unsure() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    press(&mut m, "u");
    assert!(question(&m).unsure);
    press(&mut m, "u");
    assert!(!question(&m).unsure, "u toggles");
    press(&mut m, "u");
    let fx = answer_right(&mut m);
    assert_eq!(record(&fx), (BUFFER, Kind::Review, &[0][..], true, true));
    assert!(question(&m).feedback.as_ref().expect("fb").outcome.unsure);
}

#[test]
fn recorded_sets_the_due_date_and_a_failure_sets_the_save_problem() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, FANOUT]);
    answer_right(&mut m);
    saved(&mut m, 3);
    let q = question(&m);
    let fb = q.feedback.as_ref().expect("fb");
    assert_eq!(fb.saved, Some(Ok(Some(NOW + time::Duration::days(3)))));
    assert_eq!(fb.outcome.next_due, Some(NOW + time::Duration::days(3)));
    assert_eq!(
        q.session.outcomes[0].next_due,
        Some(NOW + time::Duration::days(3))
    );
    assert_eq!(m.save_problem, None);

    press(&mut m, "<enter>");
    answer_wrong(&mut m);
    update(&mut m, Msg::Recorded(Err("disk full".into())));
    let fb = question(&m).feedback.as_ref().expect("fb");
    assert_eq!(fb.saved, Some(Err("disk full".into())));
    assert_eq!(m.save_problem.as_deref(), Some("disk full"));
}

#[test]
fn the_answer_time_comes_from_the_model_clock() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    m.now = NOW + time::Duration::seconds(42);
    let right = correct_positions(&m)[0];
    let fx = act(&mut m, &[Action::Pick(right)]);
    assert!(matches!(fx.as_slice(), [Effect::Record { ms: 42_000, .. }]));
}

#[test]
fn clicking_a_choice_answers_it() {
    let mut m = model();
    start(&mut m, Kind::Review, &[FANOUT]);
    // At 80×24: header row 0, pane border row 1, a two-line stem, a blank line, then choices.
    let pos = 1;
    let file_idx = question(&m).session.items[0].order[pos];
    assert!(
        update(&mut m, Msg::Click { col: 10, row: 2 }).is_empty(),
        "the stem"
    );
    let fx = update(&mut m, Msg::Click { col: 10, row: 6 });
    let (key, _, chosen, _, _) = record(&fx);
    assert_eq!((key, chosen), (FANOUT, &[file_idx][..]));
    assert!(
        update(&mut m, Msg::Click { col: 10, row: 6 }).is_empty(),
        "no second answer from the feedback"
    );
}

#[test]
fn edit_opens_the_pack_file_at_the_question() {
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON]);
    let fx = press(&mut m, "E");
    let line = m.lib.question(qref(&m, POISON)).line;
    assert_eq!(
        fx,
        vec![Effect::Edit {
            path: fixture_dir().join("a-decoupling.toml"),
            line,
        }]
    );
    assert!(line > 1);
}
