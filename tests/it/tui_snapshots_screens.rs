//! Snapshots of every screen around a session at 80×24 and 120×40, snapshotted once in the
//! monochrome theme (text plus a map of modifiers; the colour theme must show the same text): home with and without history,
//! notices, no packs, nothing due, picker, summary, tips, search, stats, help, quit dialog and
//! "terminal too small". Regenerate with `INSTA_UPDATE=always cargo test --test it tui_snapshots_screens`.

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

#[test]
fn home_first_run() {
    snap("home_first_run", &model());
}

#[test]
fn home_with_history() {
    let mut m = model();
    m.dash = dashboard(&m.lib);
    start(&mut m, Kind::Review, &[POISON]);
    answer_wrong(&mut m);
    press(&mut m, "<enter><enter>jj");
    assert_eq!(screen_name(&m), "home");
    snap("home_with_history", &m);
}

#[test]
fn home_with_notices() {
    let mut m = model();
    m.notices = vec![
        "skipped /packs/broken.toml: 2 errors (run `decouple-quiz check` for details)".into(),
        "pack `tui-caching` from /packs/b.toml replaces the built-in one".into(),
    ];
    snap("home_with_notices", &m);
}

#[test]
fn home_no_packs() {
    snap("home_no_packs", &empty_model());
}

#[test]
fn home_nothing_due() {
    let mut m = model();
    start(&mut m, Kind::Review, &[]);
    snap("home_nothing_due", &m);
}

#[test]
fn home_save_problem() {
    let mut m = model();
    m.save_problem = Some("history.jsonl: Permission denied (os error 13)".into());
    snap("home_save_problem", &m);
}

#[test]
fn picker() {
    let mut m = model();
    press(&mut m, "j<enter>jj jj+");
    snap("picker", &m);
}

#[test]
fn picker_nothing_selected() {
    let mut m = model();
    press(&mut m, "j<enter> jjjj <enter>");
    snap("picker_nothing_selected", &m);
}

#[test]
fn summary_with_mistakes() {
    let mut m = model();
    start(&mut m, Kind::Practice, &[BUFFER, POISON, FANOUT, HOT]);
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    answer_right(&mut m);
    press(&mut m, "<enter>");
    answer_wrong(&mut m);
    press(&mut m, "<enter>");
    m.now = NOW + time::Duration::seconds(95);
    press(&mut m, "<esc>");
    assert_eq!(screen_name(&m), "summary");
    snap("summary_with_mistakes", &m);
}

#[test]
fn summary_perfect() {
    let mut m = model();
    start(&mut m, Kind::Review, &[FANOUT, HOT]);
    answer_right(&mut m);
    press(&mut m, "<enter>");
    answer_right(&mut m);
    m.now = NOW + time::Duration::seconds(3725);
    press(&mut m, "<enter>");
    snap("summary_perfect", &m);
}

#[test]
fn tips() {
    let mut m = model();
    press(&mut m, "tjj");
    snap("tips", &m);
}

#[test]
fn tips_searching() {
    let mut m = model();
    press(&mut m, "t/queue");
    snap("tips_searching", &m);
}

#[test]
fn tips_filtered() {
    let mut m = model();
    press(&mut m, "t/sns<enter>");
    snap("tips_filtered", &m);
}

#[test]
fn tips_no_match() {
    let mut m = model();
    press(&mut m, "t/kinesis");
    snap("tips_no_match", &m);
}

#[test]
fn stats_empty() {
    let mut m = model();
    press(&mut m, "jjjjjj<enter>");
    snap("stats_empty", &m);
}

#[test]
fn stats_with_history() {
    let mut m = model();
    m.dash = dashboard(&m.lib);
    press(&mut m, "jjjjjj<enter>j");
    snap("stats_with_history", &m);
}

#[test]
fn stats_no_packs() {
    let mut m = empty_model();
    press(&mut m, "jjjjjj<enter>");
    snap("stats_no_packs", &m);
}

#[test]
fn help_on_home() {
    let mut m = model();
    press(&mut m, "?");
    snap("help_home", &m);
}

#[test]
fn help_while_answering() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    press(&mut m, "?");
    snap("help_answering", &m);
}

#[test]
fn quit_confirmation() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    answer_right(&mut m);
    press(&mut m, "<enter>q");
    snap("quit_confirmation", &m);
}

#[test]
fn terminal_too_small() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    for (w, h) in [(60, 20), (79, 24), (80, 23)] {
        let color = render(&m, &Theme::color(), w, h);
        let mono = render(&m, &Theme::mono(), w, h);
        assert_eq!(rows(mono.buffer()), rows(color.buffer()));
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), mono_view(&mono));
    }
    // Back at 80×24 the question is drawn again; resizing changes no state.
    update(&mut m, Msg::Resize(80, 24));
    let text = rows(render(&m, &Theme::color(), 80, 24).buffer()).join("\n");
    assert!(text.contains("Orders arrive in bursts"), "{text}");
}
