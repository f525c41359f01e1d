//! The question browser: pure `update` tests (filters, search, opening a question, practising
//! the filtered set, `b` on home) and snapshots of the list and of an opened question at 80×24
//! and 120×40. Regenerate with `INSTA_UPDATE=always cargo test --test it tui_browser`.

use crate::support::tui as support;

use decouple_quiz::study::Kind;
use decouple_quiz::study::browse::{Last, Row, State};
use decouple_quiz::tui::app::{Effect, Model, Msg, Request, Screen, update};
use decouple_quiz::tui::keymap::Context;
use decouple_quiz::tui::screens::browser::BrowserState;
use decouple_quiz::tui::theme::Theme;
use support::*;
use time::Duration;

/// Every question of the fixtures, with a flagged and noted one, a leech and a reviewed one.
fn rows(m: &Model) -> Vec<Row> {
    m.lib
        .all()
        .map(|q| {
            let key = m.lib.key(q);
            let mut row = Row {
                q,
                key: key.clone(),
                state: State::New,
                flagged: false,
                note: None,
                last: Last::None,
                answers: 0,
                due: None,
                history: Vec::new(),
            };
            if key == POISON {
                row.state = State::Leech;
                row.last = Last::Wrong;
                row.history = vec![
                    (NOW - Duration::days(3), true),
                    (NOW - Duration::days(1), false),
                ];
                row.answers = 2;
                row.due = Some(NOW + Duration::minutes(10));
                row.flagged = true;
                row.note = Some("DLQ after maxReceiveCount, not a retry loop".into());
            }
            if key == BUFFER {
                row.state = State::Review;
                row.last = Last::Right;
                row.history = vec![(NOW - Duration::days(2), true)];
                row.answers = 1;
                row.due = Some(NOW + Duration::days(4));
            }
            row
        })
        .collect()
}

fn browser(m: &Model) -> &BrowserState {
    match &m.screen {
        Screen::Browser(b) => b,
        _ => panic!("not in the browser: {}", screen_name(m)),
    }
}

fn listed(m: &Model) -> Vec<String> {
    let b = browser(m);
    b.visible(&m.lib)
        .iter()
        .map(|&i| b.rows[i].key.clone())
        .collect()
}

fn opened() -> Model {
    let mut m = model();
    assert_eq!(press(&mut m, "b"), vec![Effect::Start(Request::Browse)]);
    let r = rows(&m);
    update(&mut m, Msg::Browser(r));
    assert_eq!(m.context(), Context::Browser);
    m
}

fn snap(name: &str, model: &Model) {
    for (w, h) in [(80, 24), (120, 40)] {
        let color = render(model, &Theme::color(), w, h);
        let mono = render(model, &Theme::mono(), w, h);
        assert_eq!(
            rows_of(&mono),
            rows_of(&color),
            "{name}: same text in both themes"
        );
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), mono_view(&mono));
    }
}

fn rows_of(b: &ratatui::backend::TestBackend) -> Vec<String> {
    support::rows(b.buffer())
}

#[test]
fn filters_narrow_the_list_and_clear_again() {
    let mut m = opened();
    let all = listed(&m).len();
    assert_eq!(all, m.lib.question_count());
    press(&mut m, "f");
    assert_eq!(listed(&m), vec![POISON]);
    press(&mut m, "f");
    press(&mut m, "s"); // new
    assert_eq!(listed(&m).len(), all - 2);
    press(&mut m, "sss"); // learning, review, leech
    assert_eq!(listed(&m), vec![POISON]);
    press(&mut m, "x");
    press(&mut m, "ww"); // right, then wrong
    assert_eq!(listed(&m), vec![POISON]);
    press(&mut m, "x");
    press(&mut m, "P"); // the first pack
    let first = m.lib.packs[0].id.clone();
    assert!(
        listed(&m)
            .iter()
            .all(|k| k.starts_with(&format!("{first}/")))
    );
    press(&mut m, "t");
    assert!(!listed(&m).is_empty() && listed(&m).len() < all);
    // Esc clears the filters first, then goes home.
    press(&mut m, "<esc>");
    assert_eq!(listed(&m).len(), all);
    press(&mut m, "<esc>");
    assert_eq!(screen_name(&m), "home");
}

#[test]
fn search_covers_choices_explanations_and_tips_and_p_practises_the_list() {
    let mut m = opened();
    press(&mut m, "/");
    assert_eq!(m.context(), Context::BrowserSearch);
    // A word that only appears in a choice's why of the poison-message question.
    for c in "maxreceivecount".chars() {
        update(&mut m, Msg::Char(c));
    }
    press(&mut m, "<enter>");
    let found = listed(&m);
    assert!(found.contains(&POISON.to_string()), "{found:?}");
    let fx = press(&mut m, "p");
    let Effect::Start(Request::Questions { kind, questions }) = &fx[0] else {
        panic!("{fx:?}")
    };
    assert_eq!(*kind, Kind::Practice);
    assert_eq!(questions.len(), found.len());
    // Nothing matches: p says so.
    let mut m = opened();
    press(&mut m, "/");
    for c in "zzzz-nothing".chars() {
        update(&mut m, Msg::Char(c));
    }
    press(&mut m, "<enter>");
    assert!(press(&mut m, "p").is_empty());
    assert!(m.status.as_deref().unwrap_or("").contains("No question"));
}

#[test]
fn enter_opens_a_question_read_only() {
    let mut m = opened();
    press(&mut m, "f<enter>");
    assert_eq!(m.context(), Context::BrowserQuestion);
    snap("browser_question", &m);
    // `f` and `n` work on the opened question too.
    assert_eq!(
        press(&mut m, "f"),
        vec![Effect::Flag {
            key: POISON.into(),
            on: false
        }]
    );
    assert!(!m.dash.marks.is_flagged(POISON));
    let fx = press(&mut m, "n");
    assert!(
        matches!(&fx[..], [Effect::Note { key, text }] if key == POISON && text.starts_with("DLQ"))
    );
    update(
        &mut m,
        Msg::NoteSaved {
            key: POISON.into(),
            text: String::new(),
        },
    );
    let b = browser(&m);
    let row = b.rows.iter().find(|r| r.key == POISON).unwrap();
    assert_eq!((row.flagged, row.note.clone()), (false, None));
    press(&mut m, "<esc>");
    assert_eq!(m.context(), Context::Browser);
}

#[test]
fn browser_list_snapshots() {
    let mut m = opened();
    snap("browser_list", &m);
    press(&mut m, "/");
    for c in "queue".chars() {
        update(&mut m, Msg::Char(c));
    }
    snap("browser_search", &m);
}
