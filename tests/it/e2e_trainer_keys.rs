//! Key handling of the real binary at real terminal sizes: keys pressed behind "Terminal too
//! small" do not act on the hidden screen, and the help overlay closes on Esc and `?` while any
//! other key closes it and still acts.
#![cfg(unix)]

use crate::support::pty as support;

use support::{Dirs, FIXTURE_ARGS, Tui, history};

fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    support::args(FIXTURE_ARGS, extra)
}

#[test]
fn a_key_pressed_while_too_small_does_not_answer_the_hidden_question() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn_with(&args(&["review"]), &[], (20, 70), &dirs);
    tui.wait_for("Terminal too small");
    // `a` would answer; `?` works while too small and shows that `a` was read first.
    tui.send("a?");
    tui.wait_for(" Keys ");
    tui.send("\x1b");
    tui.wait_gone(" Keys ");
    tui.resize(24, 80);
    tui.wait_for("Review  1/4");
    tui.wait_for("Press a letter to answer");
    assert!(!tui.screen().contains("Next review"), "{}", tui.screen());
    let log = std::fs::read_to_string(history(&dirs)).unwrap_or_default();
    assert!(
        !log.contains("tui-decoupling/"),
        "an answer was saved: {log}"
    );
    tui.send("\x03");
    tui.wait_exit();
}

#[test]
fn quitting_still_works_while_too_small() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn_with(&args(&[]), &[], (20, 70), &dirs);
    tui.wait_for("Terminal too small");
    tui.send("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
}

#[test]
fn esc_closes_help_on_home_and_the_next_keys_act() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("Review due");
    tui.send("?");
    tui.wait_for(" Keys ");
    tui.send("\x1b");
    tui.wait_gone(" Keys ");
    tui.send("j\r");
    tui.wait_for("Practice: choose packs and topics");
    tui.send("\x03");
    tui.wait_exit();
}

#[test]
fn help_then_a_fast_esc_j_enter_starts_practice() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("Review due");
    tui.send("?");
    tui.wait_for(" Keys ");
    // Typed fast, Esc j arrives as Alt+j.
    tui.send("\x1bj\r");
    tui.wait_for("Practice: choose packs and topics");
    tui.send("\x03");
    tui.wait_exit();
}

#[test]
fn question_mark_closes_help_and_other_keys_close_it_and_act() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("Review due");
    tui.send("?");
    tui.wait_for(" Keys ");
    tui.send("?");
    tui.wait_gone(" Keys ");
    tui.send("?");
    tui.wait_for(" Keys ");
    // `x` means nothing on home: it only closes the help.
    tui.send("x");
    tui.wait_gone(" Keys ");
    tui.send("?");
    tui.wait_for(" Keys ");
    // `j` closes the help and moves down: Enter starts Practice.
    tui.send("j");
    tui.wait_gone(" Keys ");
    tui.send("\r");
    tui.wait_for("Practice: choose packs and topics");
    tui.send("\x03");
    tui.wait_exit();
}
