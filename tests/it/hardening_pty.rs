//! Hardening in a real pseudo-terminal: one window per mock exam attempt and one submission per
//! attempt id; the editor gets a canonical path and `+LINE` as separate arguments; SIGTERM while
//! the editor is open reaches the editor and leaves a restored terminal; an editor that cannot
//! start says so. Waits are for screen or file conditions only.
#![cfg(unix)]

use crate::support::pty::{self, Dirs, Tui};

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use decouple_quiz::exam::store::FILE;
use portable_pty::CommandBuilder;

fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    pty::args(pty::EXAM_ARGS, extra)
}

/// Waits (up to the pty timeout) until `cond` holds.
fn wait_file(what: &str, cond: impl Fn() -> bool) {
    let deadline = Instant::now() + pty::timeout();
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn exam_events(dirs: &Dirs) -> usize {
    pty::read(&pty::history(dirs))
        .lines()
        .filter(|l| l.contains("\"kind\":\"exam\""))
        .count()
}

#[test]
fn a_second_window_leaves_an_open_exam_alone() {
    let dirs = Dirs::new();
    let mut a = Tui::spawn(&args(&["exam", "fixture-mock"]), &dirs);
    a.wait_for("Question 1 of 5");
    a.send("b");
    a.wait_for("1/5 answered");

    // A second window: no resume offer, a note instead, and the rest of the app.
    let mut b = Tui::spawn_with(&args(&[]), &[], (30, 180), &dirs);
    b.wait_for("open in another decouple-quiz window");
    assert!(
        !b.screen().contains("Unfinished mock exam"),
        "{}",
        b.screen()
    );
    b.send("q");
    b.wait_exit();

    // Asking for an exam there is refused too.
    let mut c = Tui::spawn_with(&args(&["exam", "fixture-mock"]), &[], (30, 180), &dirs);
    c.wait_for("open in another decouple-quiz window");
    assert!(!c.screen().contains("Question 1 of 5"), "{}", c.screen());
    c.send("q");
    c.wait_exit();

    // The first window's attempt is untouched, and it can still submit it.
    let saved: decouple_quiz::exam::Attempt =
        serde_json::from_slice(&fs::read(dirs.data().join(FILE)).unwrap()).unwrap();
    assert_eq!(saved.answered(), 1);
    a.send("S");
    a.wait_for("Unanswered or incomplete (count as wrong) and flagged");
    a.send("S");
    a.wait_for("Mock exam report");
    a.send("q");
    a.wait_exit();
    assert_eq!(exam_events(&dirs), 1);
}

#[test]
fn a_submitted_attempt_is_never_offered_or_submitted_again() {
    let dirs = Dirs::new();
    let mut a = Tui::spawn(&args(&["exam", "fixture-mock"]), &dirs);
    a.wait_for("Question 1 of 5");
    a.send("b");
    a.wait_for("1/5 answered");
    let leftover = fs::read(dirs.data().join(FILE)).unwrap();
    a.send("S");
    a.wait_for("Unanswered or incomplete (count as wrong) and flagged");
    a.send("S");
    a.wait_for("Mock exam report");
    a.send("q");
    a.wait_exit();
    assert_eq!(exam_events(&dirs), 1);

    // The in-progress file comes back (a failed delete, a restored backup): not offered again.
    fs::write(dirs.data().join(FILE), &leftover).unwrap();
    let mut b = Tui::spawn_with(&args(&[]), &[], (30, 180), &dirs);
    b.wait_for("already submitted");
    assert!(
        !b.screen().contains("Unfinished mock exam"),
        "{}",
        b.screen()
    );
    b.send("q");
    b.wait_exit();
    assert!(!dirs.data().join(FILE).exists());
    assert_eq!(exam_events(&dirs), 1, "one attempt id, one exam event");
}

/// Writes an executable shell script into the sandbox.
fn script(dirs: &Dirs, name: &str, body: &str) -> String {
    let path = dirs.root.path().join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

/// The app started from `dir` (so relative pack paths are relative to it).
fn spawn_in(dir: &Path, args: &[&str], env: &[(&str, &str)], dirs: &Dirs) -> Tui {
    let mut cmd = CommandBuilder::new("sh");
    let mut line = format!(
        "cd '{}' && exec '{}'",
        dir.display(),
        env!("CARGO_BIN_EXE_decouple-quiz")
    );
    for a in args {
        line.push_str(&format!(" '{a}'"));
    }
    cmd.args(["-c", &line]);
    Tui::spawn_command(cmd, env, (24, 80), dirs)
}

/// A pack folder holding the trainer fixture as `+name.toml`.
fn plus_pack(dirs: &Dirs) -> std::path::PathBuf {
    let dir = dirs.root.path().join("work");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        Path::new("tests/fixtures/tui/a-decoupling.toml"),
        dir.join("+evil.toml"),
    )
    .unwrap();
    dir
}

const START: &[&str] = &[
    "--seed",
    "1",
    "--no-builtin",
    "--pack",
    "+evil.toml",
    "--now",
    "2026-11-26T10:00:00Z",
    "practice",
    "--topic",
    "tui-decoupling/queues",
];

#[test]
fn the_editor_gets_a_canonical_path_and_line_as_separate_arguments() {
    let dirs = Dirs::new();
    let dir = plus_pack(&dirs);
    let log = dirs.root.path().join("editor-args");
    let ed = script(
        &dirs,
        "editor.sh",
        &format!("printf '%s\\n' \"$@\" > '{}'\n", log.display()),
    );
    let mut tui = spawn_in(&dir, START, &[("EDITOR", &ed), ("VISUAL", &ed)], &dirs);
    tui.wait_for("Orders arrive in bursts");
    tui.send("E");
    tui.wait_for("reloaded");
    let args = fs::read_to_string(&log).unwrap();
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(args.len(), 2, "{args:?}");
    assert!(
        args[0].starts_with('+') && args[0][1..].parse::<usize>().is_ok(),
        "{args:?}"
    );
    let canonical = fs::canonicalize(dir.join("+evil.toml")).unwrap();
    assert_eq!(args[1], canonical.display().to_string());
    tui.send("\x03");
    tui.wait_exit();
}

#[test]
fn sigterm_while_the_editor_is_open_reaches_the_editor_and_restores_the_terminal() {
    let dirs = Dirs::new();
    let dir = plus_pack(&dirs);
    let pid = dirs.root.path().join("editor-pid");
    let got = dirs.root.path().join("editor-got");
    let ed = script(
        &dirs,
        "editor.sh",
        &format!(
            "trap 'echo term > \"{got}\"; exit 0' TERM\necho $$ > '{pid}.tmp' && mv '{pid}.tmp' '{pid}'\nwhile :; do sleep 0.05; done\n",
            got = got.display(),
            pid = pid.display()
        ),
    );
    let mut tui = spawn_in(&dir, START, &[("EDITOR", &ed), ("VISUAL", &ed)], &dirs);
    tui.wait_for("Orders arrive in bursts");
    tui.send("E");
    wait_file("the editor to start", || pid.exists());
    let editor_pid = fs::read_to_string(&pid).unwrap().trim().to_string();
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &tui.pid().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    assert_eq!(tui.wait_exit().exit_code(), 143, "128 + SIGTERM");
    assert_eq!(fs::read_to_string(&got).unwrap_or_default().trim(), "term");
    let alive = std::process::Command::new("kill")
        .args(["-0", &editor_pid])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap()
        .success();
    assert!(!alive, "the editor was left running");
    assert!(!tui.alternate_screen(), "alternate screen left");
    assert!(!tui.cursor_hidden(), "cursor shown");
    assert!(
        tui.cooked(),
        "terminal back in cooked mode: {}",
        tui.local_flags()
    );
}

#[test]
fn an_editor_that_cannot_start_says_why() {
    let dirs = Dirs::new();
    let dir = plus_pack(&dirs);
    let missing = dirs.root.path().join("no-such-editor");
    let m = missing.display().to_string();
    let mut tui = spawn_in(&dir, START, &[("EDITOR", &m), ("VISUAL", &m)], &dirs);
    tui.wait_for("Orders arrive in bursts");
    tui.send("E");
    tui.wait_for("could not start the editor");
    assert!(!tui.screen().contains("reloaded"), "{}", tui.screen());
    tui.send("\x03");
    tui.wait_exit();
    assert!(!tui.cursor_hidden());
}
