//! Files that are not what they seem, through the real binary: caches that are FIFOs, a history
//! or lock that is a symbolic link (followed, but never truncated when it is not a history, and
//! never created through a dangling link), and the modes of the copies made aside.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::cli::{Out, Sandbox};

/// Runs `cmd`, failing the test (and killing the child) if it has not exited after 60 s: a hang
/// is the bug, and the test must end either way.
fn run_or_hang(mut cmd: Command) -> Out {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("decouple-quiz hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("output");
    Out {
        code: o.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn mkfifo(p: &Path) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    let ok = Command::new("mkfifo").arg(p).status().expect("mkfifo");
    assert!(ok.success());
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn fifo_caches_are_a_miss_not_a_hang() {
    let sb = Sandbox::new();
    let cache = sb.data_dir().join("cache");
    mkfifo(&cache.join("library.bin"));
    mkfifo(&cache.join("progress.bin"));
    let mut cmd = sb.command();
    cmd.args(["--data-dir", sb.data_dir().to_str().unwrap(), "stats"]);
    let out = run_or_hang(cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut cmd = sb.command();
    cmd.args(["--data-dir", sb.data_dir().to_str().unwrap(), "list"]);
    let out = run_or_hang(cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("decoupling"), "{}", out.stdout);
}

const ANSWER: &str = r#"{"v":1,"kind":"answer","at":"2026-11-26T10:00:00Z","question":"a-decoupling/fanout-copies","mode":"review","chosen":[0],"correct":true,"rating":3,"ms":5000}"#;

/// Answers the first question of the trainer fixture pack in plain mode (`?`, then quit).
fn answer_one(sb: &Sandbox) -> Out {
    let mut cmd = sb.command();
    cmd.args([
        "--plain",
        "--no-builtin",
        "--pack",
        "tests/fixtures/tui/a-decoupling.toml",
        "--data-dir",
        sb.data_dir().to_str().unwrap(),
        "--seed",
        "7",
        "--now",
        "2026-11-26T10:00:00Z",
        "practice",
        "--count",
        "1",
    ]);
    run_with_input(cmd, "?\nq\n")
}

fn run_with_input(mut cmd: Command, input: &str) -> Out {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().expect("output");
    Out {
        code: o.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn stats(sb: &Sandbox) -> Out {
    sb.run(&["stats"])
}

/// A data dir whose `history.jsonl` links to `elsewhere/<name>` holding `bytes` with `mode`.
fn linked(sb: &Sandbox, name: &str, bytes: &[u8], mode: u32) -> std::path::PathBuf {
    let target = sb.dir.path().join("elsewhere").join(name);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, bytes).unwrap();
    std::fs::set_permissions(&target, PermissionsExt::from_mode(mode)).unwrap();
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    std::os::unix::fs::symlink(&target, sb.data_dir().join("history.jsonl")).unwrap();
    target
}

/// Files in the data dir whose name starts with `prefix`.
fn beside(sb: &Sandbox, prefix: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(sb.data_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

#[test]
fn a_linked_history_is_followed_and_copies_keep_its_mode() {
    let sb = Sandbox::new();
    let text = format!("{ANSWER}\nnot json\n{ANSWER}\n");
    let target = linked(&sb, "h.jsonl", text.as_bytes(), 0o600);
    let out = stats(&sb);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("1 unreadable line"), "{}", out.stderr);
    let copies = beside(&sb, "history.jsonl.corrupt-");
    assert_eq!(copies.len(), 1, "{}", out.stderr);
    assert_eq!(
        mode(&copies[0]),
        0o600,
        "the copy is as private as the history"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), text);
    // An answer goes to the link's target.
    let out = answer_one(&sb);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        std::fs::symlink_metadata(sb.data_dir().join("history.jsonl"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&target).unwrap().len() > text.len());
}

#[test]
fn a_torn_line_through_a_link_is_cut_and_its_copy_keeps_the_mode() {
    let sb = Sandbox::new();
    let text = format!("{ANSWER}\n{{\"v\":1,\"kind\":\"answer\",\"at\":\"2026");
    let target = linked(&sb, "h.jsonl", text.as_bytes(), 0o640);
    let out = stats(&sb);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("was cut off"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        format!("{ANSWER}\n")
    );
    let torn = beside(&sb, "history.jsonl.torn-");
    assert_eq!(torn.len(), 1);
    assert_eq!(mode(&torn[0]), 0o640);
}

#[test]
fn a_link_to_a_file_that_is_not_a_history_is_never_changed() {
    let sb = Sandbox::new();
    let text = "my private notes\nthat are not a history\nand end without a newline";
    let target = linked(&sb, "notes.txt", text.as_bytes(), 0o600);
    let out = stats(&sb);
    assert!(
        out.stderr.contains("is not a decouple-quiz history"),
        "{}",
        out.stderr
    );
    let out = answer_one(&sb);
    assert!(
        out.stderr.contains("is not a decouple-quiz history"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), text, "untouched");
    assert!(
        beside(&sb, "history.jsonl.").is_empty(),
        "no copies of it either"
    );
}

#[test]
fn a_dangling_history_link_is_an_error_not_a_new_file() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    let target = sb.dir.path().join("gone").join("h.jsonl");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&target, sb.data_dir().join("history.jsonl")).unwrap();
    let out = answer_one(&sb);
    assert!(
        out.stderr.contains("which does not exist"),
        "{}",
        out.stderr
    );
    assert!(!target.exists(), "the link's target was created");
}

#[test]
fn a_dangling_lock_link_is_an_error_not_a_new_file() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    let target = sb.dir.path().join("gone").join("h.lock");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&target, sb.data_dir().join("history.lock")).unwrap();
    let out = answer_one(&sb);
    assert!(
        out.stderr.contains("which does not exist"),
        "{}",
        out.stderr
    );
    assert!(!target.exists(), "the lock link's target was created");
    assert!(!sb.data_dir().join("history.jsonl").exists());
}
