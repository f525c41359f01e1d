//! Pure `update` tests of what works on every screen: the help overlay, Ctrl-C, mouse capture,
//! dashboard updates, and pack reload (which keeps a running session and re-points its
//! questions by key).

use crate::support::tui as support;

use decouple_quiz::library::Library;
use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Effect, Model, Msg, Overlay, Screen, update};
use decouple_quiz::tui::keymap::Context;
use support::*;

fn home_selected(m: &Model) -> usize {
    match &m.screen {
        Screen::Home(h) => h.selected,
        _ => panic!("not home: {}", screen_name(m)),
    }
}

fn tips(m: &Model) -> &decouple_quiz::tui::screens::tips::TipsState {
    match &m.screen {
        Screen::Tips(t) => t,
        _ => panic!("not on tips: {}", screen_name(m)),
    }
}

// ---- overlays and keys that work everywhere -----------------------------------------------------

/// A model in each context, with the keys that got it there.
fn every_context() -> Vec<(&'static str, Model)> {
    let mut out = Vec::new();
    let mut add = |name, keys: &str, session: bool| {
        let mut m = model();
        if session {
            start(&mut m, Kind::Review, &[BUFFER, POISON]);
        }
        press(&mut m, keys);
        out.push((name, m));
    };
    add("home", "", false);
    add("picker", "j<enter>", false);
    add("answering", "", true);
    add("feedback", "a", true);
    add("tips", "t", false);
    add("tips search", "t/", false);
    add("stats", "jjjjjj<enter>", false);
    add("confirm", "q", true);
    let mut m = model();
    start(&mut m, Kind::Review, &[FANOUT]);
    answer_right(&mut m);
    press(&mut m, "<enter>");
    out.push(("summary", m));
    out
}

#[test]
fn ctrl_c_quits_from_everywhere() {
    for (name, mut m) in every_context() {
        assert_eq!(press(&mut m, "<c-c>"), vec![Effect::Quit], "{name}");
        assert!(!m.running, "{name}");
    }
    let mut m = model();
    press(&mut m, "?");
    assert_eq!(m.overlay, Overlay::Help);
    assert_eq!(press(&mut m, "<c-c>"), vec![Effect::Quit], "help overlay");
}

#[test]
fn help_opens_on_every_screen_and_esc_or_question_mark_close_it_without_acting() {
    for (name, mut m) in every_context() {
        if matches!(name, "tips search" | "confirm") {
            // Typing `?` searches for it; the quit dialog is modal.
            assert!(press(&mut m, "?").is_empty());
            assert_ne!(m.overlay, Overlay::Help, "{name}");
            continue;
        }
        let cx = m.context();
        press(&mut m, "?");
        assert_eq!(m.overlay, Overlay::Help, "{name}");
        assert_eq!(m.context(), cx, "help keeps the screen's keymap: {name}");
        // Esc and `?` close the help; they do not go back, quit or ask.
        for close in ["<esc>", "?"] {
            if m.overlay != Overlay::Help {
                press(&mut m, "?");
            }
            assert_eq!(m.overlay, Overlay::Help, "{name}");
            assert!(press(&mut m, close).is_empty(), "{name} {close}");
            assert_eq!(m.overlay, Overlay::None, "{name} {close}");
            assert!(m.running, "{name}");
            assert_eq!(m.context(), cx, "{name} {close}");
        }
    }
    // Any other key closes the help and is not lost: `q` on home then quits.
    let mut m = model();
    press(&mut m, "?");
    press(&mut m, "q");
    assert_eq!(m.overlay, Overlay::None);
    assert!(!m.running, "q with the help open on home quits");
    let mut m = model();
    press(&mut m, "<f1>");
    assert_eq!(m.overlay, Overlay::Help, "F1 opens help");
    press(&mut m, "j");
    assert_eq!(
        (m.overlay.clone(), home_selected(&m)),
        (Overlay::None, 1),
        "any other key closes the help and still acts"
    );
    press(&mut m, "?x");
    assert_eq!(
        m.overlay,
        Overlay::None,
        "a key with no meaning here closes it"
    );
    // `? Esc j Enter` on home starts Practice, the second item.
    press(&mut m, "k?<esc>j<enter>");
    assert_eq!(screen_name(&m), "picker");
}

#[test]
fn m_toggles_mouse_capture() {
    let mut m = model();
    assert!(!m.mouse);
    assert_eq!(press(&mut m, "m"), vec![Effect::SetMouse(true)]);
    assert!(m.mouse);
    assert_eq!(press(&mut m, "m"), vec![Effect::SetMouse(false)]);
    assert_eq!(
        m.status.as_deref(),
        Some("mouse capture off (select and copy work)")
    );
}

#[test]
fn a_dashboard_message_replaces_the_figures() {
    let mut m = model();
    let d = dashboard(&m.lib);
    update(&mut m, Msg::Dashboard(Box::new(d.clone())));
    assert_eq!(m.dash.due.now, 3);
    assert_eq!(m.dash.weakest.len(), 3);
    assert!(update(&mut m, Msg::Resize(60, 20)).is_empty());
    assert_eq!(screen_name(&m), "home");
}

// ---- reload -----------------------------------------------------------------------------------

#[test]
fn r_asks_for_a_reload_except_while_typing_a_search() {
    let mut m = model();
    assert_eq!(press(&mut m, "r"), vec![Effect::Reload]);
    start(&mut m, Kind::Review, &[BUFFER]);
    assert_eq!(press(&mut m, "r"), vec![Effect::Reload]);
    let mut m = model();
    press(&mut m, "t/");
    assert!(press(&mut m, "r").is_empty());
    assert_eq!(tips(&m).query, "r");
}

/// The fixture library with its packs in the other order and `drop` questions removed.
fn reshuffled(drop: &[&str]) -> Library {
    let mut packs = library().packs;
    packs.reverse();
    for p in &mut packs {
        let id = p.id.clone();
        p.questions
            .retain(|q| !drop.contains(&format!("{id}/{}", q.id).as_str()));
    }
    Library::new(packs)
}

#[test]
fn reload_keeps_the_session_and_remaps_questions_by_key() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, HOT, POISON, FANOUT]);
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    answer_right(&mut m);
    press(&mut m, "<enter>j");
    assert_eq!(question(&m).cursor, 1);
    let fx = update(
        &mut m,
        Msg::Reloaded {
            lib: reshuffled(&[FANOUT]),
            notices: vec!["a notice".into()],
        },
    );
    assert!(fx.is_empty());
    let q = question(&m);
    let keys: Vec<String> = q.session.items.iter().map(|i| m.lib.key(i.q)).collect();
    assert_eq!(
        keys,
        vec![BUFFER, HOT, POISON],
        "the vanished question is dropped"
    );
    assert_eq!(q.session.pos, 2, "still on the same question");
    assert_eq!(m.lib.key(q.session.current().expect("current").q), POISON);
    assert_eq!(q.cursor, 1, "cursor kept");
    let answered: Vec<String> = q.session.outcomes.iter().map(|o| m.lib.key(o.q)).collect();
    assert_eq!(answered, vec![BUFFER, HOT]);
    assert_eq!(m.notices, vec!["a notice".to_string()]);
    assert_eq!(m.status.as_deref(), Some("reloaded 2 packs, 3 questions"));
    // The session goes on normally with the new library.
    let fx = answer_right(&mut m);
    assert!(matches!(&fx[..], [Effect::Record { key, correct: true, .. }] if key == POISON));
}

#[test]
fn reload_during_feedback_keeps_the_feedback() {
    let mut m = model();
    start(&mut m, Kind::Review, &[HOT, BUFFER]);
    answer_right(&mut m);
    update(
        &mut m,
        Msg::Reloaded {
            lib: reshuffled(&[]),
            notices: Vec::new(),
        },
    );
    let q = question(&m);
    let fb = q.feedback.as_ref().expect("feedback kept");
    assert_eq!(m.lib.key(fb.outcome.q), HOT);
    assert_eq!(m.context(), Context::Feedback);
}

#[test]
fn reload_that_removes_the_remaining_questions_ends_the_session() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    let fx = update(
        &mut m,
        Msg::Reloaded {
            lib: reshuffled(&[POISON]),
            notices: Vec::new(),
        },
    );
    assert_eq!(screen_name(&m), "summary");
    assert_eq!(
        fx,
        vec![Effect::SessionEnded {
            kind: Kind::Review,
            answered: 1,
            correct: 0,
            missed: vec![BUFFER.to_string()],
        }]
    );
}

#[test]
fn reload_remaps_the_retake_list() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    answer_wrong(&mut m);
    press(&mut m, "<enter><enter>");
    assert_eq!(m.last_missed.len(), 2);
    update(
        &mut m,
        Msg::Reloaded {
            lib: reshuffled(&[BUFFER]),
            notices: Vec::new(),
        },
    );
    assert_eq!(m.last_missed, vec![qref(&m, POISON)]);
}

#[test]
fn a_failed_reload_shows_the_error() {
    let mut m = model();
    update(&mut m, Msg::ReloadFailed("x.toml:3:1: bad".into()));
    assert_eq!(m.status.as_deref(), Some("x.toml:3:1: bad"));
}
