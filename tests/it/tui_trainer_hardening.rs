//! Pure `update` and rendering tests of the trainer's hardening: Choose TWO half answered in the
//! exam (incomplete everywhere) and capped in practice, the stem on the feedback, cut text and
//! contrast, and the picker and home cursor that remember.

use crate::support::tui as support;
use crate::tui_exam_update as exam_support;

use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Model, Msg, Screen, update};
use decouple_quiz::tui::screens::picker::PickerState;
use decouple_quiz::tui::theme::Theme;
use ratatui::style::Color;
use support::*;

fn text(m: &Model, w: u16, h: u16) -> String {
    rows(render(m, &Theme::mono(), w, h).buffer()).join("\n")
}

fn picker(m: &Model) -> &PickerState {
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

// ---- 11: Choose TWO ---------------------------------------------------------------------------

/// An exam on its Choose TWO question with one choice picked.
fn exam_half_answered() -> (Model, usize) {
    let mut m = exam_support::started();
    let two = exam_support::exam(&m)
        .attempt
        .items
        .iter()
        .position(|i| i.key.ends_with("poison-message"))
        .expect("drawn");
    exam_support::keys(&mut m, &format!("g{}\n", two + 1));
    exam_support::keys(&mut m, "a");
    (m, two)
}

#[test]
fn exam_choose_two_with_one_pick_is_incomplete_in_strip_navigator_and_review() {
    let (mut m, two) = exam_half_answered();
    let a = &exam_support::exam(&m).attempt;
    assert_eq!(a.incomplete(&m.lib), vec![two]);
    assert_eq!(a.complete(&m.lib), 0);
    assert!(a.to_review(&m.lib).contains(&two));
    for (w, h) in [(80, 24), (120, 40)] {
        let t = text(&m, w, h);
        assert!(t.contains("◐"), "strip mark at {w}x{h}:\n{t}");
        assert!(t.contains("0/5 answered · 1 incomplete"), "{w}x{h}:\n{t}");
    }
    exam_support::keys(&mut m, "g");
    let t = text(&m, 80, 24);
    assert!(
        t.contains("1 incomplete") && t.contains("◐ incomplete"),
        "{t}"
    );
    exam_support::keys(&mut m, "\x1bS");
    let t = text(&m, 80, 24);
    assert!(
        t.contains(&format!(
            "Incomplete (score zero as they are): Q{}",
            two + 1
        )),
        "{t}"
    );
    assert!(t.contains("◐ 1 of 2 chosen"), "{t}");
    assert!(t.contains("0 of 5 answered · 1 incomplete"), "{t}");
}

#[test]
fn practice_choose_two_caps_the_selection_and_says_why() {
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON, FANOUT]);
    press(&mut m, "abc");
    assert_eq!(question(&m).picked, vec![0, 1], "a third pick is refused");
    assert_eq!(
        m.status.as_deref(),
        Some("Choose TWO: unselect one of your 2 choices first")
    );
    press(&mut m, "<down><down><space>");
    assert_eq!(question(&m).picked, vec![0, 1], "Space is capped too");
    press(&mut m, "b");
    assert_eq!(question(&m).picked, vec![0], "a letter still unselects");
    press(&mut m, "c<enter>");
    assert!(
        question(&m).feedback.is_some(),
        "two picks and Enter submit"
    );
}

// ---- 12: the stem on the feedback ---------------------------------------------------------------

#[test]
fn feedback_shows_the_stem_with_the_verdict() {
    let mut m = model();
    start(&mut m, Kind::Review, &[FANOUT, BUFFER]);
    answer_right(&mut m);
    for (w, h) in [(80, 24), (120, 40)] {
        let t = text(&m, w, h);
        assert!(t.contains("✓ Correct"), "{t}");
        assert!(
            t.contains("Billing and shipping must each process"),
            "{w}x{h}:\n{t}"
        );
    }
}

// ---- 14: cut text and contrast ------------------------------------------------------------------

#[test]
fn choose_two_shows_fully_in_the_header_at_both_widths() {
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON, FANOUT]);
    for (w, h) in [(80, 24), (120, 40)] {
        let header = rows(render(&m, &Theme::mono(), w, h).buffer())[0].clone();
        assert!(header.contains("Choose TWO"), "{w}x{h}: {header}");
    }
}

#[test]
fn the_why_of_each_choice_uses_the_default_foreground() {
    let mut m = model();
    start(&mut m, Kind::Review, &[FANOUT, BUFFER]);
    answer_right(&mut m);
    let b = render(&m, &Theme::color(), 120, 40);
    let buf = b.buffer();
    let why = "Fan-out: each queue receives a copy";
    let (x, y) = find_all(buf, why)[0];
    assert_eq!(buf[(x, y)].fg, Color::Reset, "the why is not grey");
}

#[test]
fn home_topic_names_use_the_room_at_80_columns() {
    let m = model();
    let t = text(&m, 80, 24);
    assert!(t.contains("Queues between tiers"), "{t}");
    assert!(t.contains("Dead-letter queues"), "{t}");
}

#[test]
fn a_multi_line_notice_is_shown_line_by_line() {
    let mut m = model();
    m.notices = vec![
        "config.toml: invalid value for `new_per_day`\n  --> line 3\n  | new_per_day = -4".into(),
    ];
    let r = rows(render(&m, &Theme::mono(), 80, 24).buffer());
    assert!(r.iter().any(|l| l.contains("--> line 3")), "{r:#?}");
    assert!(r.iter().any(|l| l.contains("| new_per_day = -4")), "{r:#?}");
    let status = &r[22];
    assert!(
        status.contains("invalid value for `new_per_day`") && !status.contains("-->"),
        "one line in the status: {status}"
    );
}

#[test]
fn the_exam_strip_marks_flags_without_hiding_the_answer_and_signs_a_cut() {
    let (mut m, two) = exam_half_answered();
    exam_support::keys(&mut m, "f");
    let b = render(&m, &Theme::mono(), 80, 24);
    let strip = rows(b.buffer())
        .into_iter()
        .find(|r| r.contains("answered ·"))
        .expect("the strip");
    assert!(strip.contains("◐"), "flagged and incomplete: {strip}");
    assert!(!strip.contains("⚑"), "{strip}");
    let _ = two;
}

// ---- 15: pickers and cursors remember -----------------------------------------------------------

#[test]
fn the_practice_picker_keeps_its_last_selection_and_cursor() {
    let mut m = model();
    press(&mut m, "j<enter>");
    // Deselect the caching pack and one topic of the decoupling pack, then more questions.
    press(&mut m, "jj<space>jjj<space>+");
    let before = picker(&m).clone();
    press(&mut m, "<esc>");
    assert_eq!(home_selected(&m), 1, "the home cursor stays on Practice");
    press(&mut m, "<enter>");
    let p = picker(&m);
    let on: Vec<bool> = p.rows.iter().map(|r| r.on).collect();
    assert_eq!(on, before.rows.iter().map(|r| r.on).collect::<Vec<_>>());
    assert_eq!((p.cursor, p.count), (before.cursor, before.count));
}

#[test]
fn only_this_none_and_all_keys_and_the_partial_mark() {
    let mut m = model();
    press(&mut m, "j<enter>");
    press(&mut m, "jj<space>");
    assert!(picker(&m).partial(0), "two of three topics");
    let t = text(&m, 80, 24);
    assert!(t.contains("[-] Decoupling fixture"), "{t}");
    press(&mut m, "n");
    assert!(picker(&m).rows.iter().all(|r| !r.on));
    press(&mut m, "A");
    assert!(picker(&m).rows.iter().all(|r| r.on));
    press(&mut m, "o");
    assert_eq!(picker(&m).topics(), vec!["tui-decoupling/dead-letters"]);
    press(&mut m, "kko");
    assert_eq!(
        picker(&m).topics(),
        vec![
            "tui-decoupling/queues",
            "tui-decoupling/dead-letters",
            "tui-decoupling/fanout"
        ]
    );
}

#[test]
fn the_home_cursor_stays_after_esc_from_any_screen() {
    let mut m = model();
    press(&mut m, "jjjjj<enter>");
    assert_eq!(screen_name(&m), "tips");
    press(&mut m, "<esc>");
    assert_eq!(home_selected(&m), 5);
    press(&mut m, "j<enter><esc>");
    assert_eq!(home_selected(&m), 6);
}

#[test]
fn keys_do_nothing_while_too_small_but_quit_and_help() {
    let mut m = model();
    start(&mut m, Kind::Review, &[FANOUT, BUFFER]);
    update(&mut m, Msg::Resize(70, 20));
    assert!(press(&mut m, "a").is_empty());
    assert!(
        question(&m).feedback.is_none(),
        "no answer behind the notice"
    );
    press(&mut m, "?");
    assert_eq!(m.overlay, decouple_quiz::tui::app::Overlay::Help);
    press(&mut m, "<esc>q");
    assert_eq!(m.overlay, decouple_quiz::tui::app::Overlay::ConfirmQuit);
    press(&mut m, "n");
    update(&mut m, Msg::Resize(80, 24));
    press(&mut m, "a");
    assert!(question(&m).feedback.is_some());
}

#[test]
fn the_stacked_diagram_scrolls_to_the_highlighted_region_in_feedback_and_report() {
    // Practice: the dead-letter queue is the highlighted region, below the pane's first rows.
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON, FANOUT]);
    answer_right(&mut m);
    let t = text(&m, 80, 24);
    assert!(t.contains("DLQ"), "{t}");
    // The exam report: the Choose TWO question opened shows its highlighted DLQ too.
    let (mut m, two) = exam_half_answered();
    exam_support::keys(&mut m, "SS");
    exam_support::keys(&mut m, &format!("{}\n", "j".repeat(two)));
    let t = text(&m, 80, 24);
    assert!(t.contains("A malformed message"), "{t}");
    assert!(t.contains("DLQ"), "{t}");
}

#[test]
fn a_65_question_strip_at_80_columns_signs_where_marks_are_cut() {
    let (mut m, _) = exam_half_answered();
    if let Screen::Exam(e) = &mut m.screen {
        let items = e.attempt.items.clone();
        e.attempt.items = items.iter().cycle().take(65).cloned().collect();
        e.attempt.pos = 30;
    }
    let strip = rows(render(&m, &Theme::mono(), 80, 24).buffer())
        .into_iter()
        .find(|r| r.contains("answered ·"))
        .expect("the strip");
    assert!(strip.starts_with(" ‹"), "cut on the left: {strip}");
    assert!(strip.contains("› "), "cut on the right: {strip}");
    if let Screen::Exam(e) = &mut m.screen {
        e.attempt.pos = 0;
    }
    let strip = rows(render(&m, &Theme::mono(), 80, 24).buffer())
        .into_iter()
        .find(|r| r.contains("answered ·"))
        .expect("the strip");
    assert!(!strip.contains('‹') && strip.contains('›'), "{strip}");
}
