//! `decouple-quiz report PACK/QUESTION` through the real binary: the errata report's content
//! (question id, pack version, your last choice, the key, the comment), the comment from
//! `--comment` or `$EDITOR`, and clear errors that write nothing.

#![cfg(unix)]
use crate::support::cli as support;

use std::os::unix::fs::PermissionsExt;

use support::Sandbox;

const PACK: &str = "tests/fixtures/tui/a-decoupling.toml";
const NOW: &str = "2026-11-26T10:00:00Z";

fn reports(sb: &Sandbox) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(sb.data_dir().join("reports"))
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn a_report_names_the_question_the_pack_version_your_choice_and_the_key() {
    let sb = Sandbox::new();
    let key = "tui-decoupling/buffer-orders";
    // Answer it once (choice B in file order) so the report has your choice.
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    std::fs::write(
        sb.data_dir().join("history.jsonl"),
        format!("{{\"v\":1,\"kind\":\"answer\",\"at\":\"2026-11-25T10:00:00Z\",\"question\":\"{key}\",\"mode\":\"practice\",\"chosen\":[1],\"correct\":false,\"rating\":1,\"ms\":900}}\n"),
    )
    .unwrap();
    let out = sb.run(&[
        "--pack",
        PACK,
        "--now",
        NOW,
        "report",
        key,
        "--comment",
        "Choice A is also right since 2024.",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = out.stdout.trim();
    assert!(
        path.starts_with('/') && path.contains("/reports/tui-decoupling-buffer-orders-"),
        "{path}"
    );
    let text = std::fs::read_to_string(path).unwrap();
    for want in [
        "# Errata report: `tui-decoupling/buffer-orders`",
        "version 1.0.0",
        "- Your choice: B (wrong)",
        "## Comment\n\nChoice A is also right since 2024.",
        "- Reported: 2026-11-26T10:00:00Z",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
    assert!(text.contains("- Key: "), "{text}");
}

#[test]
fn the_comment_comes_from_the_editor_and_an_empty_one_writes_nothing() {
    let sb = Sandbox::new();
    let script = sb.write(
        "ed.sh",
        b"#!/bin/sh\nprintf 'The stem says LEAST overhead twice.\\n' >> \"$2\"\n",
    );
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut c = sb.command();
    let o = c
        .args(["--no-builtin", "--data-dir"])
        .arg(sb.data_dir())
        .args([
            "--pack",
            PACK,
            "--now",
            NOW,
            "report",
            "tui-decoupling/fanout-copies",
        ])
        .env("EDITOR", &script)
        .env_remove("VISUAL")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(String::from_utf8(o.stdout).unwrap().trim()).unwrap();
    assert!(
        text.contains("## Comment\n\nThe stem says LEAST overhead twice."),
        "{text}"
    );
    assert!(text.contains("- Your choice: not answered yet"), "{text}");
    assert!(
        !text.contains("# What is wrong"),
        "template lines are dropped"
    );

    let empty = sb.run(&[
        "--pack",
        PACK,
        "report",
        "tui-decoupling/fanout-copies",
        "--comment",
        " ",
    ]);
    assert_eq!(empty.code, 1);
    assert!(
        empty.stderr.contains("the comment is empty"),
        "{}",
        empty.stderr
    );
    let unknown = sb.run(&["--pack", PACK, "report", "nope/x", "--comment", "x"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("no question `nope/x`"),
        "{}",
        unknown.stderr
    );
    assert_eq!(reports(&sb).len(), 1);
}

#[test]
fn questions_lists_and_filters_every_question_as_json() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    let lines = [
        r#"{"v":1,"kind":"answer","at":"2026-11-25T10:00:00Z","question":"tui-decoupling/buffer-orders","mode":"practice","chosen":[1],"correct":false,"rating":1,"ms":900}"#,
        r#"{"v":1,"kind":"flag","at":"2026-11-25T10:01:00Z","question":"tui-decoupling/fanout-copies","flagged":true}"#,
        r#"{"v":1,"kind":"note","at":"2026-11-25T10:02:00Z","question":"tui-decoupling/fanout-copies","text":"one queue per consumer"}"#,
    ];
    std::fs::write(sb.data_dir().join("history.jsonl"), lines.join("\n") + "\n").unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["--pack", PACK, "--now", NOW, "questions", "--json"];
        all.extend_from_slice(args);
        let out = sb.run(&all);
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let all = json(&[]);
    assert_eq!(all["count"], 3);
    assert_eq!(all["now"], NOW);
    let q = &all["questions"][0];
    assert_eq!(q["key"], "tui-decoupling/buffer-orders");
    assert_eq!(q["state"], "learning");
    assert_eq!(q["last"], "wrong");
    assert_eq!(q["answers"], 1);
    assert_eq!(q["domain"], "resilient");
    assert!(q["due"].is_string());
    let flagged = json(&["--flagged"]);
    assert_eq!(flagged["count"], 1);
    assert_eq!(flagged["questions"][0]["note"], "one queue per consumer");
    assert_eq!(json(&["--state", "new"])["count"], 2);
    assert_eq!(json(&["--last", "wrong"])["count"], 1);
    assert_eq!(json(&["--search", "MAXRECEIVECOUNT redrive"])["count"], 1);
    let bad = sb.run(&["--pack", PACK, "questions", "--state", "old"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("unknown state `old`"), "{}", bad.stderr);
    let text = sb.run(&["--pack", PACK, "--now", NOW, "questions", "--flagged"]);
    assert!(
        text.stdout.contains("tui-decoupling/fanout-copies"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.ends_with("1 question\n"), "{}", text.stdout);
}

#[test]
fn browse_refuses_plain_mode_with_a_pointer_to_questions() {
    let sb = Sandbox::new();
    let out = sb.run(&["--pack", PACK, "--plain", "browse"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("decouple-quiz questions"),
        "{}",
        out.stderr
    );
}
