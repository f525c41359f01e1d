//! Hardening through the real binary's pipes: hostile file names, history keys and arguments
//! never reach the terminal raw; `check`'s limits on field length, bidi and invisible
//! characters, and every unknown field; config and history values out of range; `new-pack` on
//! an id in use; unknown ids on the command line; completions with the built-in ids.

use crate::support::cli::{Out, Sandbox, fixture_abs};

const MESSAGING: &str = "valid/messaging.toml";

/// No byte of an escape sequence and no bidi or invisible character in `s`.
fn clean(s: &str) -> bool {
    !s.chars().any(decouple_quiz::text::is_unsafe)
}

fn assert_clean(out: &Out) {
    assert!(clean(&out.stdout), "stdout: {:?}", out.stdout);
    assert!(clean(&out.stderr), "stderr: {:?}", out.stderr);
}

/// The messaging fixture with `from` replaced by `to`, written into the sandbox as `name`.
fn variant(sb: &Sandbox, name: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(fixture_abs(MESSAGING)).unwrap();
    assert!(text.contains(from), "fixture lacks {from}");
    sb.write(name, text.replacen(from, to, 1).as_bytes())
        .display()
        .to_string()
}

const STEM: &str = "A malformed message makes every worker that receives it crash.";

#[test]
fn hostile_pack_file_names_are_shown_safe() {
    let sb = Sandbox::new();
    let dir = sb.dir.path().join("packs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("evil\u{1b}[2J\u{202e}lmot.toml"), "not = [toml").unwrap();
    let d = dir.display().to_string();
    for args in [vec!["list"], vec!["stats"], vec!["cards"]] {
        let mut all = vec!["--pack-dir", d.as_str()];
        all.extend(args);
        let out = sb.run(&all);
        assert!(out.stderr.contains("evil?[2J?lmot.toml"), "{}", out.stderr);
        assert_clean(&out);
    }
    let out = sb.run(&["--plain", "--pack-dir", &d, "practice"]);
    assert_clean(&out);
}

#[test]
fn hostile_history_keys_and_arguments_are_shown_safe() {
    let sb = Sandbox::new();
    let line = r#"{"v":1,"kind":"answer","at":"2026-11-26T10:00:00Z","question":"p/\u001b]0;pwned\u0007\u202eq","mode":"review","chosen":[0],"correct":false,"rating":1,"ms":5000}"#;
    sb.write("data/history.jsonl", format!("{line}\n").as_bytes());
    let out = sb.run(&["--now", "2026-11-27T10:00:00Z", "cards"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("p/?]0;pwned??q"), "{}", out.stdout);
    assert_clean(&out);
    let out = sb.run(&["--now", "2026-11-27T10:00:00Z", "stats"]);
    assert_clean(&out);
    // JSON keeps the key (escaped), and stays clean.
    let out = sb.run(&["--now", "2026-11-27T10:00:00Z", "cards", "--json"]);
    assert_clean(&out);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v.to_string().contains("pwned"), "{}", out.stdout);
    assert!(out.stdout.contains("\\u202e"), "{}", out.stdout);
    // Typed paths and ids.
    let out = sb.run(&["check", "/nonexistent/\u{1b}[31mred\u{2066}.toml"]);
    assert!(out.stdout.contains("?[31mred?.toml") || out.stderr.contains("?[31mred?.toml"));
    assert_clean(&out);
    let out = sb.run_raw(&["--plain", "practice", "--topic", "x\u{1b}[2J\u{200b}"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_clean(&out);
    let out = sb.run_raw(&["--seed", "\u{1b}[31m\u{202e}", "list"]);
    assert_eq!(out.code, 2);
    assert_clean(&out);
}

#[test]
fn check_rejects_bidi_and_invisible_characters_in_fields() {
    let sb = Sandbox::new();
    let p = variant(
        &sb,
        "bidi.toml",
        "A malformed message",
        "A mal\u{202e}formed message",
    );
    let out = sb.run(&["check", &p]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("question stem contains the bidirectional control character U+202E"),
        "{}",
        out.stdout
    );
    assert_clean(&out);
    let p = variant(
        &sb,
        "zw.toml",
        "A malformed message",
        "A mal\u{200b}formed message",
    );
    let out = sb.run(&["check", &p]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("question stem contains the invisible character U+200B"),
        "{}",
        out.stdout
    );
}

#[test]
fn check_rejects_fields_longer_than_their_limit_with_their_location() {
    let sb = Sandbox::new();
    let long = format!("{STEM} {}", "x".repeat(5_000));
    let p = variant(&sb, "long.toml", STEM, &long);
    let out = sb.run(&["check", &p]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let heads = out.headlines();
    assert_eq!(heads.len(), 1, "{}", out.stdout);
    assert!(
        heads[0].starts_with(&format!("{p}:142:"))
            && heads[0].contains("question stem is 5115 characters long; the limit is 4000"),
        "{}",
        out.stdout
    );
}

#[test]
fn check_reports_every_unknown_field_and_what_they_hide() {
    let sb = Sandbox::new();
    let text = std::fs::read_to_string(fixture_abs(MESSAGING)).unwrap();
    let n = text.matches("\ncorrect = true").count();
    assert!(n >= 4, "the fixture has {n} correct choices");
    let bad = text.replace("\ncorrect = true", "\ncorect = true");
    let p = sb.write("typos.toml", bad.as_bytes()).display().to_string();
    let out = sb.run(&["check", &p]);
    assert_eq!(out.code, 1);
    let unknown: Vec<&str> = out
        .headlines()
        .into_iter()
        .filter(|h| h.contains("unknown field `corect`"))
        .collect();
    assert_eq!(unknown.len(), n, "{}", out.stdout);
    assert!(out.helps().contains(&"did you mean `correct`?"));
    // Each at its own line, and the questions left without a correct choice are named too.
    let lines: std::collections::BTreeSet<&str> = unknown
        .iter()
        .map(|h| h.split(':').nth(1).unwrap())
        .collect();
    assert_eq!(lines.len(), n);
    assert!(out.stdout.contains("correct"), "{}", out.stdout);
    assert!(
        out.headlines().len() > n,
        "the rest of the file was checked too:\n{}",
        out.stdout
    );
}

#[test]
fn one_out_of_range_config_value_costs_only_its_key() {
    let sb = Sandbox::new();
    sb.write(
        "config/config.toml",
        b"[review]\nnew_per_day = 99999999999999999999\nfuzz = false\nmax_interval_days = 0\n",
    );
    sb.write(
        "data/history.jsonl",
        br#"{"v":1,"kind":"answer","at":"2026-11-26T10:00:00Z","question":"p/a","mode":"review","chosen":[0],"correct":true,"rating":3,"ms":5000}
"#,
    );
    let out = sb.run(&["--now", "2026-11-27T10:00:00Z", "stats", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("config.toml:2:15") && out.stderr.contains("`review.new_per_day`"),
        "{}",
        out.stderr
    );
    // The rest of [review] was read: its other bad key is reported too, and the file as a whole
    // was not given up on.
    assert!(
        out.stderr.contains("config.toml:4:") && out.stderr.contains("`review.max_interval_days`"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("using default review settings"),
        "{}",
        out.stderr
    );
}

#[test]
fn history_years_outside_1970_to_9998_are_unreadable_lines() {
    let sb = Sandbox::new();
    let line = |at: &str| {
        format!(
            r#"{{"v":1,"kind":"answer","at":"{at}","question":"p/a","mode":"review","chosen":[0],"correct":true,"rating":3,"ms":5000}}"#
        )
    };
    let text = [
        line("2026-11-26T10:00:00Z"),
        line("9999-06-01T00:00:00Z"),
        line("9998-12-31T23:00:00-02:00"),
        line("1969-12-31T23:59:59Z"),
    ]
    .join("\n")
        + "\n";
    sb.write("data/history.jsonl", text.as_bytes());
    let out = sb.run(&["--now", "2026-11-27T10:00:00Z", "cards", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("3 unreadable lines (line 2, line 3, line 4)"),
        "{}",
        out.stderr
    );
    for year in regex_years(&out.stdout) {
        assert_eq!(year.len(), 4, "{}", out.stdout);
    }
}

/// The year of every RFC 3339 time in `s`.
fn regex_years(s: &str) -> Vec<String> {
    s.split('"')
        .filter(|f| f.contains('T') && f.ends_with('Z'))
        .map(|f| f.split('-').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn new_pack_refuses_an_id_in_use_unless_forced() {
    let sb = Sandbox::new();
    let data = sb.data_dir();
    let d = data.to_str().unwrap();
    let out = sb.run_raw(&["--data-dir", d, "new-pack", "decoupling"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("would replace the built-in pack `decoupling` (")
            && out.stderr.contains("questions")
            && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert!(!data.join("packs/decoupling.toml").exists());
    let out = sb.run_raw(&["--data-dir", d, "new-pack", "decoupling", "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(data.join("packs/decoupling.toml").exists());
    let out = sb.run_raw(&["--data-dir", d, "new-pack", "my-pack"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn unknown_ids_on_the_command_line_exit_2_with_a_did_you_mean() {
    let sb = Sandbox::new();
    let data = sb.data_dir();
    let d = data.to_str().unwrap();
    for (args, want) in [
        (
            vec!["practice", "--topic", "sqs-queus"],
            "did you mean `sqs-queues`?",
        ),
        (
            vec!["practice", "--topic", "nosuch"],
            "unknown topic `nosuch`",
        ),
        (
            vec!["practice", "--pack", "decoupln"],
            "did you mean `decoupling`?",
        ),
        (vec!["exam", "saa-ful"], "did you mean `saa-full`?"),
        (vec!["exam", "nosuch"], "unknown exam `nosuch`"),
    ] {
        let mut all = vec!["--plain", "--data-dir", d];
        all.extend(args.iter().copied());
        let out = sb.run_raw(&all);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(want), "{args:?}: {}", out.stderr);
        assert!(!out.stdout.contains("Nothing to ask"), "{}", out.stdout);
    }
    // Known ids still work; `pack/topic` too.
    let out = sb.run_raw(&[
        "--plain",
        "--data-dir",
        d,
        "practice",
        "--topic",
        "messaging/sqs-queues",
        "--count",
        "1",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn completions_offer_exam_pack_and_topic_ids() {
    let sb = Sandbox::new();
    let d = sb.data_dir();
    let out = sb.run_raw(&["--data-dir", d.to_str().unwrap(), "completions", "bash"]);
    assert_eq!(out.code, 0);
    for id in [
        "saa-full",
        "decoupling-mock",
        "decoupling",
        "sqs-queues",
        "messaging/sqs-queues",
    ] {
        assert!(out.stdout.contains(id), "{id} missing");
    }
}
