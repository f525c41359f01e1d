//! The `stats`, `cards` and `optimize` commands through the real binary, with `--now`, temp data
//! dirs and a pack file: text output, the JSON shapes of docs/json.md, and optimize's event.

use crate::support::helpers;

use std::path::Path;
use std::process::Command;

use decouple_quiz::engine::{AnswerEvent, Mode, Rating};
use helpers::*;
use serde_json::Value;

const PACK: &str = r#"
[pack]
id = "p"
title = "Pack P"
version = "1.0.0"
description = "Test pack."

[[topic]]
id = "a"
title = "Topic A"
domain = "resilient"

[[topic]]
id = "b"
title = "Topic B"
domain = "cost"

[[question]]
id = "a1"
topic = "a"
stem = "Which service buffers messages between tiers?"
explanation = "SQS stores messages until they are processed."
[[question.choice]]
text = "Amazon SQS"
correct = true
why = "A queue keeps messages."
[[question.choice]]
text = "Amazon EC2"
why = "Compute, not a buffer."

[[question]]
id = "b1"
topic = "b"
stem = "Which storage class is cheapest for archives?"
explanation = "Glacier Deep Archive has the lowest storage price."
[[question.choice]]
text = "S3 Glacier Deep Archive"
correct = true
why = "Lowest price."
[[question.choice]]
text = "S3 Standard"
why = "Higher price."
"#;

fn run(root: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_decouple-quiz"))
        .arg("--data-dir")
        .arg(root.join("data"))
        .arg("--config-dir")
        .arg(root.join("config"))
        .arg("--no-builtin")
        .arg("--pack")
        .arg(root.join("p.toml"))
        .args(["--now", "2026-11-26T10:00:00Z"])
        .args(args)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    (stdout, stderr)
}

fn answer(key: &str, secs: i64, correct: bool) -> String {
    AnswerEvent {
        at: secs * 1000,
        question: key.into(),
        mode: Mode::Review,
        chosen: vec![usize::from(!correct)],
        correct,
        rating: if correct { Rating::Good } else { Rating::Again },
        ms: 4_000,
        unsure: false,
    }
    .to_line()
}

fn setup(lines: &[String]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("p.toml"), PACK).unwrap();
    std::fs::create_dir_all(tmp.path().join("data")).unwrap();
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(history(tmp.path()), text).unwrap();
    tmp
}

fn sample() -> tempfile::TempDir {
    setup(&[
        answer("p/a1", T0 - 6 * DAY, true),
        answer("p/a1", T0 - 6 * DAY + 600, true),
        answer("p/b1", T0 - DAY, false),
        answer("old/q", T0 - HOUR, true),
    ])
}

#[test]
fn stats_text() {
    let tmp = sample();
    let (out, err) = run(tmp.path(), &["stats"]);
    assert!(err.is_empty(), "{err}");
    assert!(
        out.starts_with("Study statistics at 2026-11-26T10:00:00Z\n"),
        "{out}"
    );
    for want in [
        "Answers    4 (3 right, 75%) on 3 days",
        "Streak     2 days",
        "Questions  2 of 2 seen",
        "1 more with history are in no loaded pack",
        "Due        2 now, 2 by end of today, 2 within 7 days; 0 new today",
        // p/b has one answer: not enough evidence to rank.
        "Weakest topics: p/a",
        "Leeches: none",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

#[test]
fn stats_json_shape() {
    let tmp = sample();
    let (out, _) = run(tmp.path(), &["stats", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["now"], "2026-11-26T10:00:00Z");
    assert_eq!(v["save_problem"], Value::Null);
    let t = &v["totals"];
    assert_eq!(
        (
            t["answers"].as_u64(),
            t["correct"].as_u64(),
            t["orphaned"].as_u64()
        ),
        (Some(4), Some(3), Some(1))
    );
    assert_eq!(t["accuracy"], 0.75);
    assert_eq!(v["streak"], 2);
    let days = v["answers_per_day"].as_array().unwrap();
    assert_eq!(days.len(), 30);
    assert_eq!(
        days[29],
        serde_json::json!({"date": "2026-11-26", "answers": 1})
    );
    assert_eq!(
        v["due"],
        serde_json::json!({"now": 2, "today": 2, "week": 2, "new": 0})
    );
    assert_eq!(v["forecast"].as_array().unwrap().len(), 14);
    let topics = v["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 2);
    let b = &topics[1];
    assert_eq!(
        (b["key"].as_str(), b["title"].as_str(), b["domain"].as_str()),
        (Some("p/b"), Some("Topic B"), Some("cost"))
    );
    for k in [
        "questions",
        "seen",
        "attempts",
        "correct",
        "accuracy",
        "coverage",
        "retrievability",
        "weakness",
        "not_started",
    ] {
        assert!(b.get(k).is_some(), "topic field {k}");
    }
    // p/b has a single answer: below the minimum of evidence, it does not rank.
    assert_eq!(v["weakest"], serde_json::json!(["p/a"]));
    assert_eq!(v["leeches"], serde_json::json!([]));
}

#[test]
fn cards_text_and_json() {
    let tmp = sample();
    let (out, _) = run(tmp.path(), &["cards"]);
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows[0].starts_with("question"), "{out}");
    assert!(rows[1].starts_with("old/q (not loaded)  learning"), "{out}");
    assert!(
        rows[2].starts_with("p/a1") && rows[2].contains("review"),
        "{out}"
    );
    assert_eq!(
        rows.last().unwrap(),
        &"3 questions with history at 2026-11-26T10:00:00Z"
    );

    let (out, _) = run(tmp.path(), &["cards", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let cards = v["cards"].as_array().unwrap();
    let keys: Vec<&str> = cards
        .iter()
        .map(|c| c["question"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["old/q", "p/a1", "p/b1"]);
    let a1 = &cards[1];
    assert_eq!(a1["exists"], true);
    assert_eq!(a1["state"], "review");
    assert_eq!(a1["step"], Value::Null);
    assert_eq!(a1["stability"], 2.3065);
    assert_eq!(a1["due"], "2026-11-22T10:10:00Z");
    assert_eq!(a1["last_review"], "2026-11-20T10:10:00Z");
    assert_eq!(
        (a1["reps"].as_u64(), a1["lapses"].as_u64()),
        (Some(2), Some(0))
    );
    let r = a1["retrievability"].as_f64().unwrap();
    assert!(r > 0.8 && r < 0.9, "{r}");
    assert_eq!(cards[2]["state"], "learning");
    assert_eq!(cards[2]["step"], 0);
}

#[test]
fn empty_history_and_bad_config() {
    let tmp = setup(&[]);
    std::fs::create_dir_all(tmp.path().join("config")).unwrap();
    std::fs::write(
        tmp.path().join("config/config.toml"),
        "[review]\ndesired_retention = \"high\"\n",
    )
    .unwrap();
    let (out, err) = run(tmp.path(), &["cards"]);
    assert_eq!(
        out,
        "No answers yet: questions appear here once answered.\n"
    );
    assert!(
        err.contains("config.toml:2:21: error: `review.desired_retention` must be a number"),
        "{err}"
    );
    let (out, _) = run(tmp.path(), &["stats"]);
    assert!(out.contains("Weakest topics: none yet"), "{out}");
    assert!(out.contains("p/a    not started (1 questions)"), "{out}");
}

/// A learner who forgets faster than the default model predicts, reviewing many questions on a
/// fixed plan, so the fitted parameters clearly predict better.
fn simulated_history() -> Vec<String> {
    let mut lines = Vec::new();
    let mut rng: u64 = 0x2026_1126;
    let mut next = || {
        rng = rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (rng >> 33) as f64 / (1u64 << 31) as f64
    };
    for q in 0..120 {
        let key = format!("sim/q{q}");
        let mut t = T0 - 200 * DAY + q * 600;
        let mut stability: f64 = 0.5;
        for gap in [0, 1, 3, 7, 14, 30, 60] {
            t += gap * DAY;
            let recall = (1.0 + gap as f64 / (9.0 * stability)).powf(-1.0);
            let ok = gap == 0 || next() < recall;
            stability = if ok {
                stability * 2.5
            } else {
                (stability * 0.5).max(0.3)
            };
            lines.push(answer(&key, t, ok));
        }
    }
    lines
}

#[test]
fn optimize_needs_enough_history() {
    let tmp = sample();
    let (out, _) = run(tmp.path(), &["optimize"]);
    assert!(
        out.starts_with("Not enough history to fit personal parameters yet: 0 of 64"),
        "{out}"
    );
}

#[test]
fn optimize_records_better_parameters_and_replay_uses_them() {
    let tmp = setup(&simulated_history());
    let before = std::fs::read_to_string(history(tmp.path())).unwrap();
    // Without --yes and without a terminal to ask on: a preview, nothing written.
    let (out, _) = run(tmp.path(), &["optimize"]);
    assert!(out.contains("Due dates that move: "), "{out}");
    assert!(
        out.contains("Reviews due, next 7 days (today first, with overdue):")
            && out.contains("\n  current ")
            && out.contains("\n  fitted  "),
        "{out}"
    );
    assert!(out.contains("Not applied: nothing was written."), "{out}");
    assert_eq!(
        std::fs::read_to_string(history(tmp.path())).unwrap(),
        before
    );
    let (out, _) = run(tmp.path(), &["optimize", "--yes"]);
    assert!(
        out.contains("Fitted FSRS-6 parameters to 720 reviews of 120 questions."),
        "{out}"
    );
    assert!(
        out.contains("Saved: from now on your schedule uses these parameters."),
        "{out}"
    );
    assert!(
        out.contains("Changed parameters:") && out.contains("w0 "),
        "{out}"
    );
    let after = std::fs::read_to_string(history(tmp.path())).unwrap();
    assert!(after.starts_with(&before));
    let event: Value = serde_json::from_str(after.lines().last().unwrap()).unwrap();
    assert_eq!(
        (
            event["v"].as_u64(),
            event["kind"].as_str(),
            event["model"].as_str()
        ),
        (Some(1), Some("params"), Some("fsrs-6"))
    );
    assert_eq!(event["at"], "2026-11-26T10:00:00Z");
    let params: Vec<f32> = event["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap() as f32)
        .collect();
    assert_eq!(params.len(), 21);
    assert!(event["log_loss"]["after"].as_f64() < event["log_loss"]["before"].as_f64());

    let env = env_at(tmp.path(), T0);
    let (engine, notices) = open(&env);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(engine.scheduler().params(), &params[..]);
    assert_ne!(engine.scheduler().params(), &fsrs::DEFAULT_PARAMETERS[..]);
}

/// The ```json examples of docs/json.md: stats first, cards second.
fn documented() -> Vec<Value> {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    doc.split("```json\n")
        .skip(1)
        .map(|block| serde_json::from_str(block.split("\n```").next().unwrap()).unwrap())
        .collect()
}

/// Same keys at every level (array elements are checked against the documented first element).
fn same_shape(doc: &Value, real: &Value, path: &str) {
    match (doc, real) {
        (Value::Object(d), Value::Object(r)) => {
            let (dk, rk): (Vec<&String>, Vec<&String>) = (d.keys().collect(), r.keys().collect());
            assert_eq!(dk, rk, "keys of {path}");
            for (k, v) in d {
                same_shape(v, &r[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(d), Value::Array(r)) => {
            if let Some(first) = d.first() {
                for (i, v) in r.iter().enumerate() {
                    same_shape(first, v, &format!("{path}[{i}]"));
                }
            }
        }
        _ => {}
    }
}

#[test]
fn docs_json_md_matches_the_output() {
    let docs = documented();
    assert_eq!(docs.len(), 3);
    let tmp = sample();
    let mut lines = vec![
        answer("p/a1", T0 - 30 * DAY, true),
        answer("p/a1", T0 - 30 * DAY + 600, true),
    ];
    for d in 1..=8 {
        lines.push(answer("p/a1", T0 - 30 * DAY + d * 3 * DAY, false));
        lines.push(answer("p/a1", T0 - 30 * DAY + d * 3 * DAY + 600, true));
    }
    std::fs::write(
        history(tmp.path()),
        lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
    )
    .unwrap();
    let (stats, _) = run(tmp.path(), &["stats", "--json"]);
    let stats: Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(
        stats["leeches"].as_array().unwrap().len(),
        1,
        "the example shows a leech"
    );
    same_shape(&docs[0], &stats, "stats");
    let (cards, _) = run(tmp.path(), &["cards", "--json"]);
    same_shape(&docs[1], &serde_json::from_str(&cards).unwrap(), "cards");
    let (questions, _) = run(tmp.path(), &["questions", "--json"]);
    same_shape(
        &docs[2],
        &serde_json::from_str(&questions).unwrap(),
        "questions",
    );
}
