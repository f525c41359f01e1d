//! Plain mode chosen automatically in a real terminal: `TERM=dumb`, and stdout redirected to a
//! file while stdin is the terminal. No alternate screen, no raw mode, no escape byte.
#![cfg(unix)]

use crate::support::pty as support;

use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use support::{Dirs, Tui, read, timeout};

const ARGS: &[&str] = &[
    "--no-builtin",
    "--pack",
    "tests/fixtures/tui/a-decoupling.toml",
    "--seed",
    "7",
    "--now",
    "2026-11-26T10:00:00Z",
    "practice",
    "--topic",
    "fanout",
];

#[test]
fn term_dumb_selects_plain_mode_in_a_terminal() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn_with(ARGS, &[("TERM", "dumb")], (60, 80), &dirs);
    tui.wait_for("Question 1 of 1 · Fan-out with topics");
    tui.wait_for("? don't know, q quit:");
    assert!(!tui.alternate_screen());
    assert!(tui.cooked(), "plain mode keeps line editing");
    tui.send("?\r");
    // The missed question comes back in the same session; `q` stops there.
    tui.wait_for("Question 2 of 2 · Fan-out with topics · again");
    tui.send("q\r");
    tui.wait_for("Session over: 0 of 1 correct.");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    // The terminal echoed the answer, so the verdict starts its own line.
    let screen = tui.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("✗ Incorrect — answer: ")),
        "{screen}"
    );
    assert!(screen.contains("? don't know, q quit: ?\n"), "{screen}");
    assert!(!tui.raw().contains('\x1b'), "escape byte in plain output");
}

#[test]
fn stdout_to_a_file_selects_plain_mode_and_keeps_a_clean_transcript() {
    let dirs = Dirs::new();
    let out = dirs.root.path().join("transcript.txt");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "exec \"$BIN\" \"$@\" > \"$OUT\"", "sh"]);
    cmd.args(ARGS);
    let bin = env!("CARGO_BIN_EXE_decouple-quiz");
    let out_s = out.to_str().expect("utf-8 temp path");
    let mut tui = Tui::spawn_command(cmd, &[("BIN", bin), ("OUT", out_s)], (24, 80), &dirs);
    let deadline = Instant::now() + timeout();
    while !read(&out).contains("q quit: ") {
        assert!(Instant::now() < deadline, "no prompt in {}", read(&out));
        std::thread::sleep(Duration::from_millis(20));
    }
    // The new question comes back for its next learning step; `q` stops there.
    tui.send("b\r");
    tui.send("q\r");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    let text = read(&out);
    assert!(!tui.alternate_screen());
    assert!(!text.contains('\x1b'), "escape byte in {text:?}");
    assert!(
        text.contains("Question 1 of 1 · Fan-out with topics"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    let prompt = lines
        .iter()
        .position(|l| l.ends_with("? don't know, q quit: b"))
        .unwrap_or_else(|| panic!("the answer is echoed into the file:\n{text}"));
    let verdict = lines[prompt + 1];
    assert!(
        verdict.starts_with("✓ Correct") || verdict.starts_with("✗ Incorrect"),
        "{text}"
    );
    assert!(text.contains("Session over: "), "{text}");
}
