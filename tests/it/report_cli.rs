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
