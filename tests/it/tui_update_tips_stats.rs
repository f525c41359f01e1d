//! Pure `update` tests of the tips screen (moving, search as you type, filter kept or cleared,
//! practising a tip's questions) and the stats screen's drill of a weak topic.

use crate::support::tui as support;

use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Effect, Model, Request, Screen};
use decouple_quiz::tui::keymap::Context;
use decouple_quiz::tui::screens::home::DRILL_COUNT;
use support::*;

fn tips(m: &Model) -> &decouple_quiz::tui::screens::tips::TipsState {
    match &m.screen {
        Screen::Tips(t) => t,
        _ => panic!("not on tips: {}", screen_name(m)),
    }
}

fn tip_count(m: &Model) -> usize {
    decouple_quiz::tui::screens::tips::entries(&m.lib, &tips(m).query).len()
}

// ---- tips -------------------------------------------------------------------------------------

#[test]
fn tips_list_every_tip_and_move() {
    let mut m = model();
    press(&mut m, "t");
    assert_eq!(tip_count(&m), 5);
    press(&mut m, "jj");
    assert_eq!(tips(&m).selected, 2);
    press(&mut m, "G");
    assert_eq!(tips(&m).selected, 4);
    press(&mut m, "j");
    assert_eq!(tips(&m).selected, 4, "stops at the last tip");
    press(&mut m, "g");
    assert_eq!(tips(&m).selected, 0);
    press(&mut m, "<pgdn>");
    assert_eq!(tips(&m).selected, 4);
    press(&mut m, "<pgup>");
    assert_eq!(tips(&m).selected, 0);
}

#[test]
fn tips_search_filters_as_you_type() {
    let mut m = model();
    press(&mut m, "tj/");
    assert_eq!(m.context(), Context::TipsSearch);
    press(&mut m, "queue");
    assert_eq!(tips(&m).query, "queue");
    assert_eq!(tips(&m).selected, 0, "typing resets the selection");
    assert_eq!(tip_count(&m), 4, "tip texts and topic titles match");
    press(&mut m, "<bs><bs><bs><bs><bs>KMS");
    assert_eq!(tip_count(&m), 0);
    press(&mut m, "<bs><bs><bs>redrive");
    assert_eq!(tip_count(&m), 1);
    // Keys bound elsewhere are text while searching.
    press(&mut m, "<bs><bs><bs><bs><bs><bs><bs>qrj?");
    assert_eq!(tips(&m).query, "qrj?");
    assert!(m.running);
}

#[test]
fn tips_search_enter_keeps_the_filter_and_esc_clears_it() {
    let mut m = model();
    press(&mut m, "t/ELASTICACHE<enter>");
    assert_eq!(m.context(), Context::Tips);
    assert_eq!(tip_count(&m), 1, "case-insensitive");
    // Esc first clears the filter, then leaves.
    press(&mut m, "<esc>");
    assert_eq!((tips(&m).query.as_str(), tip_count(&m)), ("", 5));
    press(&mut m, "/sns<esc>");
    assert_eq!((m.context(), tips(&m).query.as_str()), (Context::Tips, ""));
    press(&mut m, "<esc>");
    assert_eq!(screen_name(&m), "home");
}

#[test]
fn tips_enter_practises_the_questions_of_the_tip() {
    let mut m = model();
    press(&mut m, "t/redrive<enter>");
    let fx = press(&mut m, "<enter>");
    assert_eq!(
        fx,
        vec![Effect::Start(Request::Questions {
            kind: Kind::Practice,
            questions: vec![qref(&m, POISON)],
        })]
    );
}

#[test]
fn a_tip_without_questions_says_so() {
    let mut m = model();
    press(&mut m, "t/visibility timeout<enter>");
    assert_eq!(tip_count(&m), 1);
    assert!(press(&mut m, "<enter>").is_empty());
    assert_eq!(m.status.as_deref(), Some("No question uses this tip yet."));
}

// ---- stats ------------------------------------------------------------------------------------

#[test]
fn stats_without_history_has_nothing_to_drill() {
    let mut m = model();
    press(&mut m, "jjjjjj<enter>");
    assert!(press(&mut m, "d").is_empty());
    assert_eq!(
        m.status.as_deref(),
        Some("No weak topics yet: answer some questions first.")
    );
}

#[test]
fn stats_drills_the_selected_weak_topic() {
    let mut m = model();
    m.dash = dashboard(&m.lib);
    press(&mut m, "jjjjjj<enter>jjjjk");
    let fx = press(&mut m, "d");
    assert_eq!(
        fx,
        vec![Effect::Start(Request::Drill {
            topic: Some("tui-decoupling/queues".to_string()),
            count: DRILL_COUNT,
        })]
    );
    assert_eq!(press(&mut m, "<enter>"), fx, "Enter drills too");
    press(&mut m, "<esc>");
    assert_eq!(screen_name(&m), "home");
}

#[test]
fn fresh_figures_keep_the_selected_weak_topic_when_the_ranking_changes() {
    // The stats screen gets new figures every 30 s while open; recall decays meanwhile and the
    // weakest topics can swap places. `d` must still drill the topic the learner selected.
    let mut m = model();
    m.dash = dashboard(&m.lib);
    press(&mut m, "jjjjjj<enter>jjjjk");
    let mut fresh = dashboard(&m.lib);
    fresh.weakest.rotate_left(1);
    decouple_quiz::tui::app::update(
        &mut m,
        decouple_quiz::tui::app::Msg::Dashboard(Box::new(fresh)),
    );
    assert_eq!(
        press(&mut m, "d"),
        vec![Effect::Start(Request::Drill {
            topic: Some("tui-decoupling/queues".to_string()),
            count: DRILL_COUNT,
        })]
    );
}
