//! Snapshots (insta + TestBackend) of the mock exam screens at 80x24 and 120x40: the question with
//! its countdown and strip, the navigator, the review, the report and one question of it, the
//! resume prompt and the picker. Plus style checks that the snapshots' text cannot show.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use time::Duration;

use crate::tui_exam_update::{T0, exam, keys, model, started};
use decouple_quiz::tui::app::{Model, Msg, Screen, update};
use decouple_quiz::tui::theme::Theme;
use decouple_quiz::tui::view::view;

fn draw(m: &Model, w: u16, h: u16) -> TestBackend {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| view(f, m, &Theme::color())).expect("draw");
    t.backend().clone()
}

fn text(b: &TestBackend) -> String {
    b.to_string()
}

/// Displayed letters of question `pos`: the right ones, or one wrong one.
fn letters(m: &Model, pos: usize, right: bool) -> String {
    let lib = &m.lib;
    let item = &exam(m).attempt.items[pos];
    let q = lib.question(lib.find(&item.key).unwrap());
    let mut shown = (0..item.order.len())
        .filter(|&p| q.choices[item.order[p]].correct == right)
        .map(|p| char::from(b'a' + u8::try_from(p).unwrap()));
    if right {
        shown.collect()
    } else {
        shown.next().into_iter().collect()
    }
}

/// Midway through the exam: question 1 right and flagged, question 2 wrong, question 3 on screen
/// with a choice made, 95 seconds used.
fn midway() -> Model {
    let mut m = started();
    let right = letters(&m, 0, true);
    keys(&mut m, &format!("{right}fn"));
    let wrong = letters(&m, 1, false);
    keys(&mut m, &format!("{wrong}nc"));
    // Ticks as the runtime sends them, so the time counts.
    let mut now = T0;
    while now < T0 + Duration::seconds(95) {
        now += Duration::seconds(5);
        update(&mut m, Msg::Tick(now));
    }
    m
}

#[test]
fn exam_question_80x24() {
    let m = midway();
    assert_snapshot!("exam_question_80x24", draw(&m, 80, 24));
}

#[test]
fn exam_question_120x40() {
    let m = midway();
    assert_snapshot!("exam_question_120x40", draw(&m, 120, 40));
}

#[test]
fn exam_help_80x24_lists_every_key() {
    let mut m = midway();
    keys(&mut m, "?");
    let b = draw(&m, 80, 24);
    let shown = text(&b);
    for binding in decouple_quiz::tui::keymap::EXAM
        .iter()
        .filter(|b| !b.keys.is_empty())
    {
        assert!(
            shown.contains(binding.label),
            "{} missing from help",
            binding.label
        );
    }
    assert_snapshot!("exam_help_80x24", b);
}

#[test]
fn exam_navigator_80x24() {
    let mut m = midway();
    keys(&mut m, "g3");
    assert_snapshot!("exam_navigator_80x24", draw(&m, 80, 24));
}

#[test]
fn exam_navigator_120x40() {
    let mut m = midway();
    keys(&mut m, "g");
    assert_snapshot!("exam_navigator_120x40", draw(&m, 120, 40));
}

#[test]
fn exam_review_80x24() {
    let mut m = midway();
    keys(&mut m, "S");
    assert_snapshot!("exam_review_80x24", draw(&m, 80, 24));
}

#[test]
fn exam_report_80x24() {
    let mut m = midway();
    keys(&mut m, "SS");
    assert_snapshot!("exam_report_80x24", draw(&m, 80, 24));
}

#[test]
fn exam_report_120x40() {
    let mut m = midway();
    keys(&mut m, "SS");
    assert_snapshot!("exam_report_120x40", draw(&m, 120, 40));
}

#[test]
fn exam_report_question_80x24() {
    let mut m = midway();
    keys(&mut m, "SS\n");
    assert_snapshot!("exam_report_question_80x24", draw(&m, 80, 24));
}

#[test]
fn exam_report_question_120x40() {
    let mut m = midway();
    keys(&mut m, "SSw\n");
    assert_snapshot!("exam_report_question_120x40", draw(&m, 120, 40));
}

/// The report's view of a question with a `reveal_diagram` draws the fixed architecture.
fn report_on_buffer_orders() -> Model {
    let mut m = midway();
    keys(&mut m, "SS");
    let Screen::Report(r) = &m.screen else {
        panic!("not on the report")
    };
    let row = r
        .rows()
        .iter()
        .position(|&i| r.report.results[i].key == "fixture-messaging/buffer-orders")
        .expect("buffer-orders is in the exam");
    keys(&mut m, &"j".repeat(row));
    keys(&mut m, "\n");
    m
}

#[test]
fn exam_report_question_with_reveal_80x24() {
    let m = report_on_buffer_orders();
    let b = draw(&m, 80, 24);
    assert!(
        text(&b).contains("Fix: Web tier, queue and workers"),
        "{}",
        text(&b)
    );
    assert_snapshot!("exam_report_reveal_80x24", b);
}

#[test]
fn exam_report_question_with_reveal_120x40() {
    let m = report_on_buffer_orders();
    let b = draw(&m, 120, 40);
    assert!(
        text(&b).contains("Fix: Web tier, queue and workers"),
        "{}",
        text(&b)
    );
    assert_snapshot!("exam_report_reveal_120x40", b);
}

#[test]
fn exam_resume_80x24() {
    let m0 = midway();
    let mut m = model();
    update(
        &mut m,
        Msg::ExamResumable(Box::new(exam(&m0).attempt.clone())),
    );
    assert_snapshot!("exam_resume_80x24", draw(&m, 80, 24));
}

#[test]
fn exam_picker_80x24() {
    let mut m = model();
    update(&mut m, Msg::OpenExam(None));
    assert_snapshot!("exam_picker_80x24", draw(&m, 80, 24));
}

#[test]
fn nothing_tells_right_from_wrong_before_submitting() {
    let m = midway();
    for (w, h) in [(80, 24), (120, 40)] {
        let s = text(&draw(&m, w, h));
        for giveaway in [
            "Correct",
            "Incorrect",
            "✓",
            "✗",
            "Explanation",
            "Exam tip",
            "answer:",
        ] {
            assert!(!s.contains(giveaway), "{giveaway:?} shown at {w}x{h}:\n{s}");
        }
    }
}

/// The cells of the header's countdown, and whether they are drawn reversed.
fn countdown_cells(m: &Model) -> (String, bool) {
    let b = draw(m, 80, 24);
    let buf = b.buffer();
    let row: String = (0..80).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    let at = row.find("left").expect("countdown shown");
    let x = u16::try_from(row[..at].chars().count()).unwrap();
    (row, buf[(x, 0)].modifier.contains(Modifier::REVERSED))
}

#[test]
fn the_countdown_changes_style_in_the_last_ten_minutes() {
    let mut m = started();
    let (row, reversed) = countdown_cells(&m);
    assert!(row.contains("Time left 10:00"), "{row}");
    assert!(!reversed);
    update(&mut m, Msg::Tick(T0 + Duration::seconds(1)));
    let (row, reversed) = countdown_cells(&m);
    assert!(row.contains("⚠ 09:59 left"), "{row}");
    assert!(
        reversed,
        "the last ten minutes stand out without colour too"
    );
}
