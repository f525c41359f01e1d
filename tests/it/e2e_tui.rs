//! End-to-end tests of the real binary in a pseudo-terminal: start and quit, a review answered
//! and quit with confirmation, panic, SIGTERM, Ctrl-C and resize all leave a usable terminal
//! (alternate screen left, cursor shown, raw mode off). Only wiring is tested here; behaviour is
//! covered by the `tui_*` tests without a terminal.
#![cfg(unix)]

use crate::support::pty as support;

use support::{Dirs, FIXTURE_ARGS, Tui, history, read};

/// The fixture arguments followed by `extra`.
fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    support::args(FIXTURE_ARGS, extra)
}

/// The terminal is as the app found it.
fn assert_restored(tui: &Tui) {
    assert!(
        !tui.alternate_screen(),
        "still on the alternate screen:\n{}",
        tui.screen()
    );
    assert!(!tui.cursor_hidden(), "the cursor is still hidden");
    assert!(
        tui.cooked(),
        "raw mode left on: local flags {}",
        tui.local_flags()
    );
}

#[test]
fn starts_on_home_and_q_quits_restoring_the_terminal() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("decouple-quiz");
    tui.wait_for("Review due");
    tui.wait_for("Decoupling fixture");
    assert!(tui.alternate_screen());
    assert!(!tui.cooked(), "the app runs in raw mode");
    tui.send("q");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}\n{}", tui.screen());
    assert_restored(&tui);
    assert!(!tui.screen().contains("Review due"), "{}", tui.screen());
}

#[test]
fn a_review_answered_shows_the_verdict_and_tip_then_quits_after_confirmation() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&["review"]), &dirs);
    tui.wait_for("Review  1/4");
    tui.wait_for("Press a letter to answer");
    tui.send("a");
    tui.wait_until("a verdict", |s| {
        let t = s.contents();
        t.contains("✓ Correct") || t.contains("✗ Incorrect")
    });
    tui.wait_for("Next review");
    // The tip is further down the feedback at 80×24.
    tui.send("G");
    tui.wait_for("Exam tip");
    tui.send("q");
    tui.wait_for("Quit decouple-quiz?");
    tui.send("y");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}\n{}", tui.screen());
    assert_restored(&tui);
}

#[test]
fn a_panic_leaves_a_usable_terminal_and_shows_the_message() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn_with(
        &args(&[]),
        &[("DECOUPLE_QUIZ_TEST_PANIC", "1")],
        (24, 80),
        &dirs,
    );
    tui.wait_for("Review due");
    tui.send("!");
    let status = tui.wait_exit();
    assert!(!status.success(), "a panic must fail: {status:?}");
    assert_restored(&tui);
    tui.wait_for("test panic requested with DECOUPLE_QUIZ_TEST_PANIC");
}

/// Sends `signal` to the app in a review session; it must exit and leave a usable terminal.
fn signal_restores_the_terminal(signal: &str, code: u32) {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&["review"]), &dirs);
    tui.wait_for("Review  1/4");
    let killed = std::process::Command::new("kill")
        .args([signal, &tui.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    let status = tui.wait_exit();
    // The shell's convention: 128 plus the signal's number.
    assert_eq!(status.exit_code(), code, "stopped by {signal}: {status:?}");
    assert_restored(&tui);
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    signal_restores_the_terminal("-TERM", 143);
}

#[test]
fn sigint_from_outside_restores_the_terminal_and_exits_130() {
    // Ctrl-C typed in the trainer is a key (exit 0); `kill -INT` from elsewhere is a signal.
    signal_restores_the_terminal("-INT", 130);
}

#[test]
fn sighup_ends_the_app_instead_of_spinning() {
    // A closed terminal window sends SIGHUP; crossterm can then spin in its poll, so the app
    // must still exit (the handler stops the loop, a watchdog exits if the loop is stuck).
    signal_restores_the_terminal("-HUP", 129);
}

#[test]
fn ctrl_c_quits_at_once_from_a_session() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&["review"]), &dirs);
    tui.wait_for("Review  1/4");
    tui.send("\x03");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert_restored(&tui);
}

#[test]
fn resizing_below_80x24_says_so_and_back_restores_the_screen() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("Review due");
    tui.resize(20, 60);
    tui.wait_for("Terminal too small");
    tui.wait_for("need 80×24, have 60×20");
    tui.wait_gone("Review due");
    tui.resize(24, 80);
    tui.wait_for("Review due");
    tui.wait_gone("Terminal too small");
    tui.send("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    assert_restored(&tui);
}

#[test]
fn quitting_mid_session_while_too_small_asks_in_the_message() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&["review"]), &dirs);
    tui.wait_for("Review  1/4");
    tui.resize(20, 60);
    tui.wait_for("Terminal too small");
    tui.send("q");
    tui.wait_for("Quit decouple-quiz? y quit, n keep going");
    tui.send("y");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    assert_restored(&tui);
}

#[test]

fn an_answer_is_in_history_and_counted_after_relaunch() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&["review"]), &dirs);
    tui.wait_for("Review  1/4");
    tui.send("a");
    tui.wait_for("Next review");
    tui.send("q");
    tui.wait_for("Quit decouple-quiz?");
    tui.send("y");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    let log = read(&history(&dirs));
    assert!(
        log.contains("tui-decoupling/buffer-orders"),
        "history.jsonl: {log:?}"
    );

    // Relaunched, the answer counts: Stats (the seventh menu item) shows it.
    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("Review due");
    tui.send("jjjjjj\r");
    tui.wait_for("Last 12 weeks");
    tui.wait_for("1 answers");
    tui.send("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
}

/// SGR parameters that set a foreground or background colour (not the resets 39/49).
fn colour_codes(raw: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in raw.split("\x1b[").skip(1) {
        let Some(end) = part.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if !part[end..].starts_with('m') {
            continue;
        }
        let sets_colour = part[..end].split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        });
        if sets_colour {
            found.push(part[..end].to_string());
        }
    }
    found
}

#[test]
fn no_color_draws_with_modifiers_only() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn_with(&args(&["review"]), &[("NO_COLOR", "1")], (24, 80), &dirs);
    tui.wait_for("Review  1/4");
    tui.send("a");
    tui.wait_for("Next review");
    assert_eq!(colour_codes(&tui.raw()), Vec::<String>::new());
    tui.send("\x03");
    tui.wait_exit();
}

#[test]
fn colour_is_used_by_default_and_never_turns_it_off() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&["review"]), &dirs);
    tui.wait_for("Review  1/4");
    assert!(
        !colour_codes(&tui.raw()).is_empty(),
        "the colour theme sets colours"
    );
    tui.send("\x03");
    tui.wait_exit();
    let mut tui = Tui::spawn(&args(&["--color", "never", "review"]), &dirs);
    tui.wait_for("Review  1/4");
    assert_eq!(colour_codes(&tui.raw()), Vec::<String>::new());
    tui.send("\x03");
    tui.wait_exit();
}
