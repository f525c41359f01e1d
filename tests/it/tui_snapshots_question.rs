//! Snapshots of the Question screen and its Feedback at 80×24 (diagram stacked below) and 120×40
//! (diagram beside), snapshotted once in the monochrome theme (text plus modifiers; the colour theme must show the same text):
//! single answer, Choose TWO, unsure, zoomed and focused diagram, and feedback when correct,
//! incorrect, unsure, saving, not saved, and scrolled.
//! Regenerate with `INSTA_UPDATE=always cargo test --test it tui_snapshots_question`.

use crate::support::tui as support;

use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Model, Msg, update};
use decouple_quiz::tui::theme::Theme;
use support::*;

/// Snapshots `model` at both sizes, once: the monochrome rendering (text plus its modifier
/// map). The colour theme must show the same text, which is asserted, not snapshotted again.
fn snap(name: &str, model: &Model) {
    for (w, h) in [(80, 24), (120, 40)] {
        let color = render(model, &Theme::color(), w, h);
        let mono = render(model, &Theme::mono(), w, h);
        assert_eq!(
            rows(mono.buffer()),
            rows(color.buffer()),
            "{name}: the mono theme must show the same text"
        );
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), mono_view(&mono));
    }
}

/// A review of two questions, on the question with key `key`.
fn on(key: &str) -> Model {
    let mut m = model();
    let next = if key == FANOUT { BUFFER } else { FANOUT };
    start(&mut m, Kind::Review, &[key, next]);
    m
}

#[test]
fn question_single_with_diagram() {
    snap("question_single", &on(BUFFER));
}

#[test]
fn question_single_cursor_moved() {
    let mut m = on(BUFFER);
    press(&mut m, "jj");
    snap("question_single_cursor", &m);
}

#[test]
fn question_choose_two_one_picked() {
    let mut m = on(POISON);
    let right = correct_positions(&m)[0];
    press(&mut m, &format!("{}<enter>", letter(right)));
    snap("question_two_one_picked", &m);
}

#[test]
fn question_choose_two_both_picked() {
    let mut m = on(POISON);
    press(&mut m, "ad");
    snap("question_two_both_picked", &m);
}

#[test]
fn question_unsure_without_diagram() {
    let mut m = on(FANOUT);
    press(&mut m, "uj");
    snap("question_unsure", &m);
}

#[test]
fn question_zoomed() {
    let mut m = on(BUFFER);
    press(&mut m, "z");
    snap("question_zoomed", &m);
}

#[test]
fn question_diagram_focused_and_scrolled() {
    let mut m = on(BUFFER);
    press(&mut m, "<tab>jjj");
    snap("question_diagram_scrolled", &m);
}

#[test]
fn question_wide_diagram() {
    snap("question_wide_diagram", &on(HOT));
}

#[test]
fn question_wide_diagram_scrolled_sideways() {
    let mut m = on(HOT);
    press(&mut m, ">>>>>>");
    snap("question_wide_diagram_sideways", &m);
}

#[test]
fn feedback_correct() {
    let mut m = on(BUFFER);
    answer_right(&mut m);
    saved(&mut m, 3);
    snap("feedback_correct", &m);
}

#[test]
fn feedback_incorrect_choose_two() {
    let mut m = on(POISON);
    answer_wrong(&mut m);
    update(
        &mut m,
        Msg::Recorded(Ok(Some(NOW + time::Duration::minutes(10)))),
    );
    snap("feedback_incorrect", &m);
}

#[test]
fn feedback_unsure() {
    let mut m = on(FANOUT);
    press(&mut m, "u");
    answer_right(&mut m);
    saved(&mut m, 1);
    snap("feedback_unsure", &m);
}

#[test]
fn feedback_saving() {
    let mut m = on(FANOUT);
    answer_wrong(&mut m);
    snap("feedback_saving", &m);
}

#[test]
fn feedback_save_error() {
    let mut m = on(FANOUT);
    answer_right(&mut m);
    update(
        &mut m,
        Msg::Recorded(Err(
            "history.jsonl: No space left on device (os error 28)".into()
        )),
    );
    snap("feedback_save_error", &m);
}

#[test]
fn feedback_scrolled() {
    let mut m = on(BUFFER);
    answer_wrong(&mut m);
    saved(&mut m, 1);
    press(&mut m, "jjjjjjjjjj");
    snap("feedback_scrolled", &m);
}

#[test]
fn feedback_zoomed_diagram_shows_the_highlight() {
    let mut m = on(BUFFER);
    answer_right(&mut m);
    saved(&mut m, 3);
    press(&mut m, "z");
    snap("feedback_zoomed", &m);
}

/// After the verdict, a question with a `reveal_diagram` draws the fixed architecture (titled
/// "Fix: …", its highlighted regions lit) where the problem diagram was.
#[test]
fn feedback_draws_the_reveal_diagram() {
    let mut m = on(FANOUT);
    let before = render(&m, &Theme::mono(), 120, 40);
    assert!(
        !rows(before.buffer()).join("\n").contains("SNS topic ]"),
        "the reveal diagram must not show before the verdict"
    );
    answer_right(&mut m);
    saved(&mut m, 2);
    let after = render(&m, &Theme::mono(), 120, 40);
    let text = rows(after.buffer()).join("\n");
    assert!(
        text.contains("Fix: Orders fanned out to both consumers"),
        "{text}"
    );
    snap("feedback_reveal", &m);
}

#[test]
fn feedback_with_a_flag_and_a_note() {
    let mut m = on(FANOUT);
    m.dash.marks.set_flag(FANOUT, true);
    m.dash
        .marks
        .set_note(FANOUT, "SNS fans out; each consumer gets its own queue.");
    snap("question_flagged_with_note", &m);
    answer_wrong(&mut m);
    update(
        &mut m,
        Msg::Recorded(Ok(Some(NOW + time::Duration::minutes(10)))),
    );
    snap("feedback_flagged_with_note", &m);
}

/// A pack whose question draws a narrow problem diagram and, after the verdict, a wide fix.
const TWO_WIDTHS: &str = r#"
[pack]
id = "widths"
title = "Two widths"
version = "1.0.0"

[[topic]]
id = "queues"
title = "Queues"
domain = "resilient"

[[diagram]]
id = "narrow"
title = "Now"
alt = "The web tier calls the workers."
art = """
[ web ] --> [ workers ]
"""

[[diagram]]
id = "wide"
title = "Fixed"
alt = "The web tier sends orders to a queue that the workers poll."
art = """
[ web tier ] --> [ order queue ] <-- polls -- [ worker fleet ]
"""

[[question]]
id = "buffer"
topic = "queues"
diagram = "narrow"
reveal_diagram = "wide"
stem = "Order bursts overwhelm the workers. What absorbs them?"
explanation = "A queue holds the orders until a worker is free."
[[question.choice]]
text = "A queue between the tiers"
correct = true
why = "Workers take orders at their own pace."
[[question.choice]]
text = "Bigger worker instances"
why = "The bursts still arrive faster than they are handled."
"#;

/// The question and diagram panes keep their widths when the verdict swaps in a reveal diagram
/// of another width: the text being read does not jump sideways.
#[test]
fn the_reveal_diagram_keeps_the_panes_where_they_were() {
    use decouple_quiz::library::{self, Sources};
    use decouple_quiz::tui::screens::question::view::place;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("widths.toml"), TWO_WIDTHS).unwrap();
    let report = library::load(&Sources {
        builtin: false,
        dirs: vec![dir.path().to_path_buf()],
        files: Vec::new(),
    });
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    let mut m = Model::new(report.library, Vec::new(), SEED, NOW);
    start(&mut m, Kind::Practice, &["widths/buffer"]);
    let body = ratatui::layout::Rect::new(0, 1, 120, 39);
    let panes = |m: &Model| {
        let decouple_quiz::tui::app::Screen::Question(q) = &m.screen else {
            panic!("not on a question")
        };
        let p = place(m, q, body, &Theme::mono());
        (p.text_area, p.diagram_area)
    };
    let before = panes(&m);
    assert!(
        before.1.is_some(),
        "the problem diagram is drawn beside the text"
    );
    answer_right(&mut m);
    saved(&mut m, 2);
    assert_eq!(panes(&m), before);
}
