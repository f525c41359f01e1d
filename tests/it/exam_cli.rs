//! `exam` outside the interactive terminal: refused with exit code 2 and a message.

use crate::support::cli as support;

use support::{Sandbox, fixture};

#[test]
fn plain_mode_refuses_exams() {
    let sb = Sandbox::new();
    let pack = fixture("valid/messaging.toml");
    let out = sb.run(&["--pack", &pack, "--plain", "exam", "fixture-mock"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .contains("exam mode needs the interactive terminal"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    assert!(!sb.data_dir().join("exam-in-progress.json").exists());
}
