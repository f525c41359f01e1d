//! The learning loop (issue 11): a missed question comes back in the same session (plain mode
//! with `--now`, and the TUI's update), `review` offers the whole study day, the fair rotation
//! of new questions over the built-in packs, the daily review cap, and `--now` refusing to write
//! into the default data directory.

use std::io::Write;
use std::process::Stdio;

use crate::support::cli::Sandbox;
use crate::support::helpers;
use crate::support::tui as support;

use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Msg, Screen, update};
use support::*;

const PACK: &str = "tests/fixtures/tui/a-decoupling.toml";

/// Runs the binary in plain mode in `sandbox` with `input` on stdin.
fn plain(sandbox: &Sandbox, args: &[&str], input: &str, tz: &str) -> (i32, String, String) {
    let mut cmd = sandbox.command();
    cmd.args(["--plain", "--no-builtin", "--pack", PACK, "--seed", "7"])
        .args(args)
        .env("TZ", tz)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run decouple-quiz");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input.as_bytes()).expect("write stdin");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn history(sandbox: &Sandbox) -> String {
    std::fs::read_to_string(sandbox.data_dir().join("history.jsonl")).unwrap_or_default()
}

#[test]
fn plain_mode_asks_a_missed_question_again_with_a_fixed_clock() {
    let sb = Sandbox::new();
    let (code, out, err) = plain(
        &sb,
        &["--now", "2026-11-26T10:00:00Z", "practice", "--count", "1"],
        "?\n?\nq\n",
        "UTC",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Question 1 of 1 · "), "{out}");
    // Missed (relearning step 1 minute): shown again at once, as nothing else is left.
    assert!(
        out.contains("Question 2 of 2 · ") && out.contains(" · again"),
        "{out}"
    );
    assert!(
        out.contains("Question 3 of 3 · "),
        "missed twice, back a third time:\n{out}"
    );
    assert!(out.contains("Session over: 0 of 2 correct."), "{out}");
    assert!(
        out.contains("1 still in learning: come back in 1 minute to see it."),
        "{out}"
    );
    let answers = history(&sb).matches("\"kind\":\"answer\"").count();
    assert_eq!(answers, 2);
}

#[test]
fn a_learned_question_graduates_and_the_session_ends() {
    // With one learning step, a right answer graduates at once (days away): not asked again.
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.config_dir()).unwrap();
    std::fs::write(
        sb.config_dir().join("config.toml"),
        "[review]\nlearning_steps = [\"1m\"]\nrelearning_steps = [\"10m\"]\n",
    )
    .unwrap();
    // Wrong first (step 1 minute), then every pair of choices until one is right.
    let input = "?\n1,2\n1,3\n1,4\n2,3\n2,4\n3,4\n1,2\n1,3\n1,4\n2,3\n2,4\n3,4\n";
    let (code, out, _) = plain(
        &sb,
        &["--now", "2026-11-26T10:00:00Z", "practice", "--count", "1"],
        input,
        "UTC",
    );
    assert_eq!(code, 0);
    assert!(out.contains("✓ Correct"), "{out}");
    assert!(!out.contains("still in learning"), "{out}");
}

#[test]
fn the_tui_brings_a_missed_question_back_in_the_same_session() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    answer_wrong(&mut m);
    // The engine saved it: relearning, due in 1 minute.
    update(
        &mut m,
        Msg::Recorded(Ok(Some(NOW + time::Duration::minutes(1)))),
    );
    press(&mut m, "<enter>");
    assert_eq!(m.lib.key(question(&m).session.current().unwrap().q), POISON);
    answer_right(&mut m);
    saved(&mut m, 3);
    press(&mut m, "<enter>");
    // Nothing else left: the missed one is shown early (within the learn-ahead window).
    assert_eq!(m.lib.key(question(&m).session.current().unwrap().q), BUFFER);
    answer_right(&mut m);
    saved(&mut m, 2);
    press(&mut m, "<enter>");
    let Screen::Summary(s) = &m.screen else {
        panic!("the session is over: {}", screen_name(&m));
    };
    assert_eq!(s.session.score(), (2, 3));
    assert_eq!(s.session.still_learning(), (0, None));
}

#[test]
fn a_learning_step_beyond_the_learn_ahead_window_waits_for_the_next_session() {
    let mut m = model();
    m.learn_ahead_minutes = 5;
    start(&mut m, Kind::Review, &[BUFFER]);
    answer_wrong(&mut m);
    update(
        &mut m,
        Msg::Recorded(Ok(Some(NOW + time::Duration::minutes(10)))),
    );
    press(&mut m, "<enter>");
    let Screen::Summary(s) = &m.screen else {
        panic!("the session is over: {}", screen_name(&m));
    };
    assert_eq!(s.session.still_learning().0, 1);
    let view = mono_view(&render(
        &m,
        &decouple_quiz::tui::theme::Theme::mono(),
        80,
        24,
    ));
    assert!(
        view.contains("1 still in learning: come back in 10 minutes"),
        "{view}"
    );
}

#[test]
fn review_at_seven_offers_what_is_due_at_fifteen_the_same_day() {
    for (tz, now, answered) in [
        ("UTC", "2026-11-27T07:00:00Z", "2026-11-26T15:00:00Z"),
        // New York (UTC-5): 07:00 local is 12:00 UTC; due at 15:00 local, 20:00 UTC.
        ("EST5", "2026-11-27T12:00:00Z", "2026-11-26T20:00:00Z"),
    ] {
        let sb = Sandbox::new();
        std::fs::create_dir_all(sb.data_dir()).unwrap();
        std::fs::create_dir_all(sb.config_dir()).unwrap();
        // No learning steps and no fuzz: a first Hard graduates with an interval of one day.
        std::fs::write(
            sb.config_dir().join("config.toml"),
            "[review]\nlearning_steps = []\nfuzz = false\n",
        )
        .unwrap();
        let line = format!(
            "{{\"v\":1,\"kind\":\"answer\",\"at\":\"{answered}\",\"question\":\"tui-decoupling/buffer-orders\",\"mode\":\"review\",\"chosen\":[0],\"correct\":true,\"rating\":2,\"ms\":1000,\"unsure\":true}}\n"
        );
        std::fs::write(sb.data_dir().join("history.jsonl"), line).unwrap();
        let (_, stats, _) = plain(&sb, &["--now", now, "stats", "--json"], "", tz);
        let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
        assert_eq!(stats["due"]["now"], 0, "{tz}: due at 15:00, not yet");
        assert_eq!(stats["due"]["today"], 1, "{tz}");
        // Only the seen question: no new ones today.
        std::fs::write(
            sb.config_dir().join("config.toml"),
            "[review]\nlearning_steps = []\nfuzz = false\nnew_per_day = 0\n",
        )
        .unwrap();
        let (code, out, err) = plain(&sb, &["--now", now, "review"], "q\n", tz);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("Question 1 of 1 · "), "{tz}: {out}");
        assert!(!out.contains("Nothing to ask"), "{tz}: {out}");
    }
}

#[test]
fn now_with_the_default_data_dir_is_refused() {
    let sb = Sandbox::new();
    let xdg = sb.dir.path().join("xdg");
    for args in [
        &["--now", "2026-11-29T10:00:00Z", "review"][..],
        &["--now", "2026-11-29T10:00:00Z", "optimize"][..],
    ] {
        let out = sb
            .command()
            .env_remove("DECOUPLE_QUIZ_DATA_DIR")
            .env("XDG_DATA_HOME", &xdg)
            .args(["--plain"])
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("--data-dir"), "{err}");
        assert!(!xdg.join("decouple-quiz/history.jsonl").exists());
    }
    // Read-only commands still work with a fixed clock.
    let out = sb
        .command()
        .env_remove("DECOUPLE_QUIZ_DATA_DIR")
        .env("XDG_DATA_HOME", &xdg)
        .args(["--now", "2026-11-29T10:00:00Z", "stats"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // An explicit --data-dir records.
    let dir = sb.dir.path().join("explicit");
    let (code, _, err) = plain(
        &sb,
        &[
            "--data-dir",
            dir.to_str().unwrap(),
            "--now",
            "2026-11-29T10:00:00Z",
            "practice",
            "--count",
            "1",
        ],
        "?\nq\n",
        "UTC",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(dir.join("history.jsonl"))
            .unwrap()
            .contains("\"answer\"")
    );
}

#[test]
fn the_header_shows_a_fixed_clock() {
    let mut m = model();
    m.fixed_clock = true;
    let view = mono_view(&render(
        &m,
        &decouple_quiz::tui::theme::Theme::mono(),
        80,
        24,
    ));
    assert!(
        view.contains("clock fixed at 2026-11-26 10:00 UTC (--now)"),
        "{view}"
    );
}

#[test]
fn every_built_in_topic_is_started_within_three_days() {
    let lib = decouple_quiz::library::load(&decouple_quiz::library::Sources {
        builtin: true,
        dirs: Vec::new(),
        files: Vec::new(),
    })
    .library;
    let topics: std::collections::BTreeSet<String> = lib.all().map(|r| lib.topic_key(r)).collect();
    let tmp = tempfile::tempdir().unwrap();
    let (mut engine, _) = helpers::open(&helpers::env_at(tmp.path(), helpers::T0));
    let mut started = std::collections::BTreeSet::new();
    for day in 0..3 {
        let now = helpers::T0 + day * helpers::DAY;
        for (i, r) in engine
            .review_queue(&lib, helpers::at(now))
            .into_iter()
            .enumerate()
        {
            let key = lib.key(r);
            started.insert(lib.topic_key(r));
            let mut a = helpers::input(&key, i % 3 != 0, now + i as i64);
            a.mode = decouple_quiz::engine::Mode::Review;
            engine.record_answer(&a).unwrap();
        }
    }
    let missing: Vec<&String> = topics.difference(&started).collect();
    assert!(
        missing.is_empty(),
        "{} of {} topics not started in 3 days: {missing:?}",
        missing.len(),
        topics.len()
    );
}

#[test]
fn practice_counts_toward_the_rotation() {
    let lib = helpers::library(3);
    let tmp = tempfile::tempdir().unwrap();
    let (mut engine, _) = helpers::open(&helpers::env_at(tmp.path(), helpers::T0));
    // Topic a was practised: the rotation starts with the topics not seen yet.
    let mut a = helpers::input("p/a1", true, helpers::T0 - helpers::DAY);
    a.mode = decouple_quiz::engine::Mode::Practice;
    engine.record_answer(&a).unwrap();
    let first: Vec<String> = engine
        .new_rotation(&lib, 3)
        .into_iter()
        .map(|r| lib.key(r))
        .collect();
    assert_eq!(first, ["p/b1", "p/c1", "p/a2"]);
}

#[test]
fn the_review_cap_serves_the_lowest_recall_first() {
    let lib = helpers::library(3);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("config")).unwrap();
    std::fs::write(
        tmp.path().join("config/config.toml"),
        "[review]\nfuzz = false\nmax_reviews_per_day = 2\nnew_per_day = 0\n",
    )
    .unwrap();
    let (mut engine, _) = helpers::open(&helpers::env_at(tmp.path(), helpers::T0));
    // Graduated 30, 20 and 10 days ago: all overdue, the oldest least likely recalled.
    for (key, back) in [("p/a1", 10), ("p/b1", 30), ("p/c1", 20)] {
        let t = helpers::T0 - back * helpers::DAY;
        engine.record_answer(&helpers::input(key, true, t)).unwrap();
        engine
            .record_answer(&helpers::input(key, true, t + 600))
            .unwrap();
    }
    let now = helpers::at(helpers::T0);
    let q: Vec<String> = engine
        .review_queue(&lib, now)
        .into_iter()
        .map(|r| lib.key(r))
        .collect();
    assert_eq!(q, ["p/b1", "p/c1"]);
    assert_eq!(engine.backlog(&lib, now), (3, 2));
    // One review done today: one left.
    engine
        .record_answer(&helpers::input("p/b1", true, helpers::T0))
        .unwrap();
    assert_eq!(engine.reviews_left_today(now), 1);
}

#[test]
fn home_says_how_long_a_backlog_takes_at_the_cap() {
    let mut m = model();
    m.dash.backlog = (450, 3);
    m.dash.review_cap = 200;
    let view = mono_view(&render(
        &m,
        &decouple_quiz::tui::theme::Theme::mono(),
        80,
        24,
    ));
    assert!(view.contains(" 450 due: 3 days at 200/day"), "{view}");
}

#[test]
fn plain_mode_unsure_is_graded_hard_and_undo_asks_again() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.config_dir()).unwrap();
    std::fs::write(
        sb.config_dir().join("config.toml"),
        "[review]\nnew_per_day = 1\n",
    )
    .unwrap();
    // Review: one new question (buffer-orders, a single-answer question). Try each choice as
    // unsure; the right one is graded Hard. Then `undo` takes the last answer back.
    let first = plain(
        &sb,
        &["--now", "2026-11-26T10:00:00Z", "review"],
        "q\n",
        "UTC",
    );
    assert!(first.1.contains("Question 1 of 1"), "{}", first.1);
    let (code, out, err) = plain(
        &sb,
        &["--now", "2026-11-26T10:00:00Z", "review"],
        "1u\nundo\n?2\nq\n",
        "UTC",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Answer taken back: that question comes again."),
        "{out}"
    );
    let h = history(&sb);
    let lines: Vec<serde_json::Value> = h
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let answers: Vec<&serde_json::Value> = lines.iter().filter(|l| l["kind"] == "answer").collect();
    assert_eq!(answers.len(), 2, "{h}");
    assert!(answers.iter().all(|a| a["unsure"] == true), "{h}");
    for a in &answers {
        let want = if a["correct"] == true { 2 } else { 1 };
        assert_eq!(a["rating"], want, "{h}");
    }
    let undo: Vec<&serde_json::Value> = lines.iter().filter(|l| l["kind"] == "undo").collect();
    assert_eq!(undo.len(), 1, "{h}");
    assert_eq!(undo[0]["question"], answers[0]["question"]);
    assert_eq!(undo[0]["answer_at"], answers[0]["at"]);
    // Replay honours the undo: only the second answer counts.
    let cards = sb
        .command()
        .args(["--no-builtin", "--pack", PACK, "cards", "--json"])
        .output()
        .unwrap();
    let cards: serde_json::Value = serde_json::from_slice(&cards.stdout).unwrap();
    let text = cards.to_string();
    assert!(text.contains("\"reps\":1"), "{text}");
}

#[test]
fn the_tui_undo_takes_the_answer_back_and_asks_again() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER, POISON]);
    answer_wrong(&mut m);
    update(
        &mut m,
        Msg::Recorded(Ok(Some(NOW + time::Duration::minutes(1)))),
    );
    let fx = press(&mut m, "u");
    assert!(
        matches!(&fx[..], [decouple_quiz::tui::app::Effect::Undo { key, .. }] if key == BUFFER),
        "{fx:?}"
    );
    let q = question(&m);
    assert!(q.feedback.is_none());
    assert!(q.session.outcomes.is_empty() && q.session.waiting.is_empty());
    assert_eq!(m.lib.key(q.session.current().unwrap().q), BUFFER);
}

#[test]
fn o_on_the_stats_screen_opens_the_leeches() {
    use decouple_quiz::tui::app::{Effect, Request};
    let mut m = model();
    m.dash = dashboard(&m.lib);
    m.screen = Screen::Stats(Default::default());
    let view = mono_view(&render(
        &m,
        &decouple_quiz::tui::theme::Theme::mono(),
        120,
        40,
    ));
    assert!(view.contains(" 9× A malformed message"), "{view}");
    let fx = press(&mut m, "o");
    let Some(Effect::Start(Request::Questions { kind, questions })) = fx.first() else {
        panic!("{fx:?}");
    };
    assert_eq!(*kind, Kind::Practice);
    assert_eq!(questions.len(), 1);
    assert_eq!(m.lib.key(questions[0]), POISON);
    // `l` selects in the leech list; Enter opens the selected question.
    press(&mut m, "l");
    let fx = press(&mut m, "<enter>");
    let Some(Effect::Start(Request::Questions { questions, .. })) = fx.first() else {
        panic!("{fx:?}");
    };
    assert_eq!(m.lib.key(questions[0]), POISON);
}

#[test]
fn choose_two_is_printed_once() {
    let sb = Sandbox::new();
    let (_, out, _) = plain(
        &sb,
        &["--now", "2026-11-26T10:00:00Z", "practice", "--count", "1"],
        "q\n",
        "UTC",
    );
    assert!(out.contains("Which TWO"), "{out}");
    assert_eq!(out.matches("(Choose TWO)").count(), 1, "{out}");
}

#[test]
fn the_new_limit_and_the_streak_use_the_four_o_clock_boundary() {
    let lib = helpers::library(3);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("config")).unwrap();
    std::fs::write(
        tmp.path().join("config/config.toml"),
        "[review]\nnew_per_day = 2\n",
    )
    .unwrap();
    let (mut engine, _) = helpers::open(&helpers::env_at(tmp.path(), helpers::T0));
    // T0 is 10:00 UTC; 01:00 the next night still belongs to T0's study day.
    let night = helpers::T0 + 15 * helpers::HOUR;
    engine
        .record_answer(&helpers::input("p/a1", true, helpers::T0))
        .unwrap();
    engine
        .record_answer(&helpers::input("p/b1", true, night))
        .unwrap();
    assert_eq!(engine.new_left_today(helpers::at(night)), 0);
    assert_eq!(engine.new_available(&lib, helpers::at(night)), 0);
    assert_eq!(engine.answers_per_day(helpers::at(night), 2), [0, 2]);
    assert_eq!(engine.streak(helpers::at(night)), 1);
    // At 04:00 a new study day starts.
    let morning = helpers::T0 + 18 * helpers::HOUR;
    assert_eq!(engine.new_left_today(helpers::at(morning)), 2);
    assert_eq!(engine.answers_per_day(helpers::at(morning), 2), [2, 0]);
    assert_eq!(engine.streak(helpers::at(morning)), 1);
}

#[test]
fn review_with_only_learning_later_says_when_to_come_back() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.config_dir()).unwrap();
    std::fs::write(
        sb.config_dir().join("config.toml"),
        "[review]\nnew_per_day = 1\nlearning_steps = [\"1h\"]\n",
    )
    .unwrap();
    let args = ["--now", "2026-11-26T10:00:00Z", "review"];
    let (_, out, _) = plain(&sb, &args, "?\n", "UTC");
    assert!(
        out.contains("1 still in learning: come back in 1 hour"),
        "{out}"
    );
    let (_, out, _) = plain(&sb, &args, "", "UTC");
    assert!(
        out.contains("Nothing to ask now: 1 question(s) in learning come back in 1 hour."),
        "{out}"
    );
}

#[test]
fn the_tui_says_when_learning_questions_come_back() {
    let mut m = model();
    m.dash.learning = (2, Some(NOW + time::Duration::minutes(45)));
    update(
        &mut m,
        Msg::SessionReady {
            kind: Kind::Review,
            questions: Vec::new(),
        },
    );
    assert_eq!(
        m.status.as_deref(),
        Some("Nothing is due now: 2 question(s) in learning come back in 45 minutes.")
    );
}
