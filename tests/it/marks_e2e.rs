//! Flags and notes outside exams, end to end in a pseudo-terminal: `f` flags the question on
//! screen (question or feedback screen), `n` runs `$EDITOR` on a note for it; both are history
//! events and show on the question and feedback screens.
#![cfg(unix)]

use crate::support::pty as support;

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;
use support::{Dirs, Tui};

/// A fake editor that records its arguments and writes `text` into the file.
fn editor(dirs: &Dirs, text: &str) -> String {
    let path = dirs.root.path().join("note-editor.sh");
    let log = dirs.root.path().join("editor-args");
    let script = format!(
        "#!/bin/sh\necho \"$@\" > '{}'\nprintf '{text}' > \"$2\"\n",
        log.display()
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

fn events(dirs: &Dirs, kind: &str) -> Vec<Value> {
    support::read(&support::history(dirs))
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["kind"] == kind)
        .collect()
}

#[test]
fn flags_and_notes_are_history_events_shown_on_the_feedback_screen() {
    let dirs = Dirs::new();
    let ed = editor(&dirs, "Remember: the queue absorbs the burst\\n");
    let args = [
        "--seed",
        "1",
        "--no-builtin",
        "--pack-dir",
        "tests/fixtures/tui",
        "--now",
        "2026-11-26T10:00:00Z",
        "practice",
        "--topic",
        "tui-decoupling/queues",
    ];
    let mut tui = Tui::spawn_with(&args, &[("EDITOR", &ed), ("VISUAL", &ed)], (24, 80), &dirs);
    tui.wait_for("Orders arrive in bursts");
    tui.send("f");
    tui.wait_for("⚑ flagged");
    tui.send("n");
    tui.wait_for("note saved");
    tui.wait_for("✎ note");
    let editor_args = std::fs::read_to_string(dirs.root.path().join("editor-args")).unwrap();
    let file = editor_args.split_whitespace().nth(1).unwrap_or("");
    assert!(
        editor_args.starts_with("+1 /") && file.contains("note-tui-decoupling-"),
        "the note file is given by its absolute path: {editor_args}"
    );
    // The answer is given after `f` and `n`: neither picked a choice.
    assert!(events(&dirs, "answer").is_empty());
    tui.send("a");
    tui.wait_for("Next review");
    tui.wait_for("Your note (n to edit)");
    tui.wait_for("Remember: the queue absorbs the burst");
    // `f` on the feedback screen takes the flag off again.
    tui.send("f");
    tui.wait_for("flag taken off");
    tui.wait_gone("⚑ flagged");
    // `!` writes an errata report with the comment from the editor.
    tui.send("!");
    tui.wait_for("report written: ");
    let dir = dirs.data().join("reports");
    let report = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(report).unwrap();
    assert!(
        text.contains("## Comment\n\nRemember: the queue absorbs the burst"),
        "{text}"
    );
    assert!(text.contains("- Your choice: "), "{text}");
    tui.send("\x03");
    tui.wait_exit();

    let flags = events(&dirs, "flag");
    assert_eq!(flags.len(), 2, "{flags:?}");
    let key = flags[0]["question"].as_str().unwrap().to_string();
    assert!(key.starts_with("tui-decoupling/"), "{key}");
    assert_eq!(flags[0]["flagged"], true);
    assert_eq!(flags[1]["flagged"], false);
    let notes = events(&dirs, "note");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["question"], key.as_str());
    assert_eq!(notes[0]["text"], "Remember: the queue absorbs the burst");
    assert_eq!(events(&dirs, "answer").len(), 1);
}

#[test]
fn the_browser_opens_from_home_and_from_the_command_line() {
    let dirs = Dirs::new();
    std::fs::create_dir_all(dirs.data()).unwrap();
    std::fs::write(
        support::history(&dirs),
        "{\"v\":1,\"kind\":\"flag\",\"at\":\"2026-11-25T10:00:00Z\",\"question\":\"tui-decoupling/fanout-copies\",\"flagged\":true}\n",
    )
    .unwrap();
    let base = [
        "--seed",
        "1",
        "--no-builtin",
        "--pack-dir",
        "tests/fixtures/tui",
        "--now",
        "2026-11-26T10:00:00Z",
    ];
    let mut tui = Tui::spawn_with(&base, &[], (24, 80), &dirs);
    tui.wait_for("Review due");
    tui.send("b");
    tui.wait_for("4 of 4");
    tui.send("f");
    tui.wait_for("1 of 4");
    tui.wait_for("tui-decoupling/fanout-copi");
    tui.send("\x03");
    tui.wait_exit();

    let mut args = base.to_vec();
    args.push("browse");
    let mut tui = Tui::spawn_with(&args, &[], (24, 80), &dirs);
    tui.wait_for("4 of 4");
    tui.send("\r");
    tui.wait_for("Question (read-only)");
    tui.send("\x03");
    tui.wait_exit();
}
