//! Pure `update` tests of the home menu (every item, keys, click) and the practice picker (toggles,
//! counts, starting practice).

use crate::support::tui as support;

use decouple_quiz::tui::app::{Effect, Model, Msg, Request, Screen, update};
use decouple_quiz::tui::keymap::Context;
use decouple_quiz::tui::screens::home::DRILL_COUNT;
use support::*;

fn picker(m: &Model) -> &decouple_quiz::tui::screens::picker::PickerState {
    match &m.screen {
        Screen::Picker(p) => p,
        _ => panic!("not on the picker: {}", screen_name(m)),
    }
}

fn home_selected(m: &Model) -> usize {
    match &m.screen {
        Screen::Home(h) => h.selected,
        _ => panic!("not home: {}", screen_name(m)),
    }
}

// ---- home -------------------------------------------------------------------------------------

#[test]
fn home_menu_moves_and_stops_at_both_ends() {
    let mut m = model();
    assert_eq!(m.context(), Context::Home);
    press(&mut m, "k");
    assert_eq!(home_selected(&m), 0);
    press(&mut m, "jj<down>");
    assert_eq!(home_selected(&m), 3);
    press(&mut m, &"j".repeat(20));
    assert_eq!(home_selected(&m), 7, "Quit is the last item");
    press(&mut m, "<up>");
    assert_eq!(home_selected(&m), 6);
}

#[test]
fn home_review_asks_the_runtime_for_a_review() {
    let mut m = model();
    assert_eq!(
        press(&mut m, "<enter>"),
        vec![Effect::Start(Request::Review)]
    );
    assert_eq!(
        screen_name(&m),
        "home",
        "the screen changes when the session is ready"
    );
}

#[test]
fn home_practice_opens_the_picker() {
    let mut m = model();
    assert!(press(&mut m, "j<enter>").is_empty());
    assert_eq!(m.context(), Context::Picker);
}

#[test]
fn home_drill_by_menu_and_by_d() {
    let drill = vec![Effect::Start(Request::Drill {
        topic: None,
        count: DRILL_COUNT,
    })];
    let mut m = model();
    assert_eq!(press(&mut m, "jj<enter>"), drill);
    let mut m = model();
    assert_eq!(press(&mut m, "d"), drill);
}

#[test]
fn home_retake_without_mistakes_says_so() {
    let mut m = model();
    assert!(press(&mut m, "jjj<enter>").is_empty());
    assert_eq!(m.status.as_deref(), Some("No mistakes to retake yet."));
}

#[test]
fn home_exam_opens_the_exam_picker() {
    let mut m = model();
    press(&mut m, "jjjj<enter>");
    assert_eq!(screen_name(&m), "exam picker");
}

#[test]
fn home_tips_stats_and_back() {
    let mut m = model();
    press(&mut m, "jjjjj<enter>");
    assert_eq!(m.context(), Context::Tips);
    press(&mut m, "<esc>");
    assert_eq!(m.context(), Context::Home);
    press(&mut m, "t");
    assert_eq!(m.context(), Context::Tips, "t opens the tips too");
    press(&mut m, "h");
    assert_eq!(screen_name(&m), "home");
    // Home keeps its cursor on Exam tips: Stats is the next item.
    press(&mut m, "j<enter>");
    assert_eq!(m.context(), Context::Stats);
    press(&mut m, "<left>");
    assert_eq!(screen_name(&m), "home");
}

#[test]
fn home_quit_item_and_q_quit_without_asking() {
    for keys in ["q", "jjjjjjj<enter>"] {
        let mut m = model();
        assert_eq!(press(&mut m, keys), vec![Effect::Quit], "{keys}");
        assert!(!m.running, "{keys}");
    }
    let mut m = model();
    assert!(
        press(&mut m, "<esc>").is_empty(),
        "Esc on home does nothing"
    );
    assert!(m.running);
}

#[test]
fn home_click_on_a_menu_row_activates_it() {
    let mut m = model();
    let row = u16::try_from(decouple_quiz::tui::screens::home::MENU_TOP + 1).expect("small");
    let fx = update(&mut m, Msg::Click { col: 5, row });
    assert!(fx.is_empty());
    assert_eq!(
        m.context(),
        Context::Picker,
        "row 2 of the menu is Practice"
    );
}

// ---- picker -----------------------------------------------------------------------------------

#[test]
fn picker_starts_with_everything_selected() {
    let mut m = model();
    press(&mut m, "j<enter>");
    let p = picker(&m);
    let titles: Vec<(&str, bool)> = p.rows.iter().map(|r| (r.title.as_str(), r.on)).collect();
    assert_eq!(
        titles,
        vec![
            ("Decoupling fixture", true),
            ("Queues between tiers", true),
            ("Dead-letter queues", true),
            ("Fan-out with topics", true),
            ("Caching fixture", true),
            ("Read caches", true),
        ]
    );
    assert_eq!((p.available(), p.count, p.cursor), (4, 20, 0));
}

#[test]
fn picker_toggles_a_pack_with_all_its_topics() {
    let mut m = model();
    press(&mut m, "j<enter> ");
    let p = picker(&m);
    assert!(p.rows[..4].iter().all(|r| !r.on));
    assert!(p.rows[4..].iter().all(|r| r.on));
    assert_eq!(p.available(), 1);
    assert_eq!(p.topics(), vec!["tui-caching/read-cache".to_string()]);
    press(&mut m, "x");
    assert_eq!(picker(&m).available(), 4, "x toggles too");
}

#[test]
fn picker_topic_toggles_update_the_pack_row() {
    let mut m = model();
    press(&mut m, "j<enter>j ");
    let p = picker(&m);
    assert!(!p.rows[1].on);
    assert!(p.rows[0].on, "the pack stays on while a topic is on");
    assert_eq!(p.available(), 3);
    press(&mut m, "j j ");
    assert!(!picker(&m).rows[0].on, "no topic left: the pack is off");
    assert_eq!(picker(&m).available(), 1);
    press(&mut m, " ");
    assert!(picker(&m).rows[0].on, "one topic back on: the pack is on");
}

#[test]
fn picker_counts_step_through_the_presets_and_stop() {
    let mut m = model();
    press(&mut m, "j<enter>");
    press(&mut m, "+");
    assert_eq!(picker(&m).count, 30);
    press(&mut m, "=l<right>");
    assert_eq!(picker(&m).count, 100);
    press(&mut m, "+");
    assert_eq!(picker(&m).count, 100, "stops at the largest");
    press(&mut m, &"-".repeat(10));
    assert_eq!(picker(&m).count, 5, "stops at the smallest");
    press(&mut m, "<left>");
    assert_eq!(picker(&m).count, 5);
}

#[test]
fn picker_enter_starts_practice_on_the_selected_topics() {
    let mut m = model();
    press(&mut m, "j<enter>jj -");
    let fx = press(&mut m, "<enter>");
    assert_eq!(
        fx,
        vec![Effect::Start(Request::Practice {
            packs: Vec::new(),
            topics: vec![
                "tui-decoupling/queues".to_string(),
                "tui-decoupling/fanout".to_string(),
                "tui-caching/read-cache".to_string(),
            ],
            count: Some(10),
        })]
    );
}

#[test]
fn picker_with_nothing_selected_asks_for_a_topic() {
    let mut m = model();
    press(&mut m, "j<enter> jjjj ");
    assert!(picker(&m).topics().is_empty());
    assert!(press(&mut m, "<enter>").is_empty());
    assert_eq!(
        m.status.as_deref(),
        Some("Select at least one topic (Space).")
    );
}

#[test]
fn picker_cursor_stops_at_the_ends_and_esc_goes_home() {
    let mut m = model();
    press(&mut m, "j<enter>");
    press(&mut m, &"j".repeat(10));
    assert_eq!(picker(&m).cursor, 5);
    press(&mut m, &"k".repeat(10));
    assert_eq!(picker(&m).cursor, 0);
    press(&mut m, "<esc>");
    assert_eq!(screen_name(&m), "home");
    press(&mut m, "j<enter>");
    assert_eq!(press(&mut m, "q"), vec![Effect::Quit]);
}

#[test]
fn home_left_open_asks_for_fresh_figures_once_they_are_half_a_minute_old() {
    // Left open across a learning step or the day boundary, the home screen must not keep
    // showing the due counts of when it was drawn first.
    let mut m = model();
    m.dash.at = Some(NOW);
    let later = |s: i64| Msg::Tick(NOW + time::Duration::seconds(s));
    assert!(update(&mut m, later(29)).is_empty(), "fresh enough");
    assert_eq!(update(&mut m, later(30)), vec![Effect::RefreshDashboard]);
    // Answering a question does not wait on figures nobody sees.
    start(&mut m, decouple_quiz::study::Kind::Practice, &[BUFFER]);
    assert!(update(&mut m, later(90)).is_empty());
}
