//! Plain mode through the real binary's stdin and stdout: verdict lines, re-prompts on invalid
//! input, `?` as "don't know", `q`, end of input, automatic selection when piped, and no escape
//! byte anywhere. Runs on the trainer fixtures with a fixed seed and clock.

use crate::support::cli as support;

use std::io::Write;
use std::process::Stdio;

use support::{Out, Sandbox};

const PACK: &str = "tests/fixtures/tui/a-decoupling.toml";
const PROMPT_ONE: &str = ", ? don't know, q quit: ";

/// Runs `decouple-quiz [--plain] --no-builtin --pack PACK --seed 7 --now … ARGS…` with `input`
/// on stdin. Asserts that no escape byte reached stdout or stderr.
fn plain(flag: bool, args: &[&str], input: &str) -> Out {
    plain_in(&Sandbox::new(), flag, args, input)
}

fn plain_in(sandbox: &Sandbox, flag: bool, args: &[&str], input: &str) -> Out {
    let mut cmd = sandbox.command();
    if flag {
        cmd.arg("--plain");
    }
    cmd.args([
        "--no-builtin",
        "--pack",
        PACK,
        "--seed",
        "7",
        "--now",
        "2026-11-26T10:00:00Z",
    ])
    .args(args)
    // Plain mode must come from --plain or the pipes, not from TERM=dumb.
    .env("TERM", "xterm-256color")
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run decouple-quiz");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input.as_bytes()).expect("write stdin");
    drop(stdin);
    let o = child.wait_with_output().expect("wait");
    assert!(!o.stdout.contains(&0x1b), "escape byte on stdout");
    assert!(!o.stderr.contains(&0x1b), "escape byte on stderr");
    Out {
        code: o.status.code().expect("exit code"),
        stdout: String::from_utf8(o.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(o.stderr).expect("UTF-8 stderr"),
    }
}

/// One question: the Choose TWO `poison-message`.
fn two(input: &str) -> Out {
    plain(true, &["practice", "--topic", "dead-letters"], input)
}

/// One question: the single-answer `fanout-copies`.
fn one(input: &str) -> Out {
    plain(true, &["practice", "--topic", "fanout"], input)
}

/// The answer numbers a wrong answer reveals: "✗ Incorrect — answer: 2,3" → "2,3".
fn revealed(out: &Out) -> String {
    out.stdout
        .lines()
        .find_map(|l| l.strip_prefix("✗ Incorrect — answer: "))
        .unwrap_or_else(|| panic!("no verdict:\n{}", out.stdout))
        .to_string()
}

/// Lines with a verdict; each must start with its mark.
fn verdicts(out: &Out) -> Vec<&str> {
    let v: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("Correct") || l.contains("Incorrect"))
        .collect();
    for l in &v {
        assert!(
            l.starts_with("✓ Correct") || l.starts_with("✗ Incorrect"),
            "a verdict line must start with ✓ or ✗: {l:?}"
        );
    }
    v
}

#[test]
fn verdict_lines_start_with_a_mark() {
    let unknown = two("?\n");
    let answer = revealed(&unknown);
    let right = two(&format!("{answer}\n"));
    assert_eq!(verdicts(&right), vec!["✓ Correct"], "{}", right.stdout);
    assert!(right.stdout.contains("Session over: 1 of 1 correct."));
    // The same answer the other way round and with spaces is the same answer.
    let (a, b) = answer.split_once(',').expect("two numbers");
    let spaced = two(&format!("{b} {a}\n"));
    assert_eq!(verdicts(&spaced), vec!["✓ Correct"]);
    let wrong = one("?\n");
    let right_one = revealed(&wrong);
    let other = if right_one == "1" { "2" } else { "1" };
    let wrong = one(&format!("{other}\n"));
    assert_eq!(
        verdicts(&wrong),
        vec![format!("✗ Incorrect — answer: {right_one}").as_str()]
    );
    assert!(
        wrong
            .stdout
            .contains(&format!("{other}) wrong, your answer: "))
    );
}

#[test]
fn feedback_has_every_why_the_explanation_and_the_tip() {
    let out = one("?\n");
    for text in [
        "Fan-out: each queue receives a copy of every message.",
        "Each message goes to only one consumer of a queue.",
        "Explanation: An SNS topic with one SQS subscription per consumer",
        "Exam tip: SNS pushes one message to every subscribed queue",
    ] {
        assert!(out.stdout.contains(text), "{text}\n{}", out.stdout);
    }
}

#[test]
fn invalid_input_explains_and_asks_again() {
    let out = one("7\nx\n\nb\n");
    let lines: Vec<&str> = out.stdout.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.ends_with(&format!("{PROMPT_ONE}7")))
        .unwrap_or_else(|| panic!("no prompt:\n{}", out.stdout));
    // Piped answers are echoed after the prompt, so each message starts its own line.
    assert_eq!(
        lines[first..first + 7],
        [
            format!("Answer 1-3{PROMPT_ONE}7").as_str(),
            "\"7\" is not a choice: use 1 to 3.",
            &format!("Answer 1-3{PROMPT_ONE}x"),
            "\"x\" is not a choice: use 1 to 3.",
            &format!("Answer 1-3{PROMPT_ONE}"),
            "Type a number from 1 to 3 (1u if unsure), ? if you don't know, undo to take back the last answer, or q to quit.",
            &format!("Answer 1-3{PROMPT_ONE}b"),
        ],
        "{}",
        out.stdout
    );
    assert!(
        lines[first + 7].starts_with("✓ Correct") || lines[first + 7].starts_with("✗ Incorrect"),
        "{}",
        out.stdout
    );
    // Four prompts for the answer, then one more: the question (now in learning) comes back in
    // the same session, and the input ends there.
    assert_eq!(out.stdout.matches(PROMPT_ONE).count(), 5);
    assert_eq!(out.code, 0);
}

#[test]
fn escape_sequences_typed_as_answers_are_not_written_back() {
    // `plain` asserts that no escape byte reaches stdout or stderr.
    let out = one("\x1b[2J\x1b]0;title\x07\n?\n");
    assert!(
        out.stdout.contains("is not a choice: use 1 to 3."),
        "{}",
        out.stdout
    );
    assert_eq!(verdicts(&out).len(), 1);
}

#[test]
fn one_choice_on_a_choose_two_is_refused() {
    let out = two("1\n1,1\n?\n");
    assert_eq!(
        out.stdout
            .matches("This question needs 2 choices, e.g. 1,3.")
            .count(),
        2,
        "a repeated choice counts once:\n{}",
        out.stdout
    );
    assert!(out.stdout.contains("(Choose TWO)"));
    assert!(
        out.stdout
            .contains("Answer 2 of 1-4, e.g. 1,3, ? don't know, q quit: ")
    );
    assert_eq!(verdicts(&out).len(), 1);
}

#[test]
fn question_mark_counts_as_dont_know() {
    let out = two("?\n");
    assert!(verdicts(&out)[0].starts_with("✗ Incorrect — answer: "));
    assert!(
        out.stdout.ends_with(
            "Session over: 0 of 1 correct.\nMissed:\n- tui-decoupling/poison-message\n1 still in learning: come back in 1 minute to see it.\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn q_quits_with_the_summary_so_far() {
    let out = plain(true, &["practice"], "?\nq\n");
    assert_eq!(
        out.stdout.matches("\nQuestion ").count(),
        2,
        "{}",
        out.stdout
    );
    assert_eq!(verdicts(&out).len(), 1);
    assert!(out.stdout.contains("Session over: 0 of 1 correct."));
    assert_eq!(out.code, 0);
    let out = plain(true, &["practice"], "quit\n");
    assert!(out.stdout.ends_with("Session over: 0 of 0 correct.\n"));
}

#[test]
fn end_of_input_ends_cleanly_with_the_summary() {
    let out = plain(true, &["practice", "--count", "2"], "");
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.ends_with("Session over: 0 of 0 correct.\n"),
        "{}",
        out.stdout
    );
    // Input running out after one answer still prints the summary.
    let out = plain(true, &["practice", "--count", "2"], "?\n");
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Question 2 of 2"));
    assert!(
        out.stdout.contains("Session over: 0 of 1 correct."),
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn the_scripted_example_transcript() {
    // `printf '2\n1,3\n' | decouple-quiz --plain --seed 7 practice --count 2`: question 1 is the
    // Choose TWO, so `2` is refused and `1,3` answers it; input then ends on question 2.
    let out = plain(true, &["practice", "--count", "2"], "2\n1,3\n");
    let stable: String = out
        .stdout
        .lines()
        .map(|l| {
            if l.starts_with("Next review ") {
                "Next review [depends on the engine]"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("plain_practice_transcript", stable);
    assert_eq!(out.code, 0);
}

#[test]
fn piped_input_and_output_select_plain_mode_without_the_flag() {
    let out = plain(false, &["practice", "--topic", "fanout"], "?\n");
    assert!(
        out.stdout.contains("Question 1 of 1 · Fan-out with topics"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Session over: 0 of 1 correct."));
    assert_eq!(out.code, 0);
}

#[test]
fn review_without_packs_says_there_is_nothing_to_ask() {
    let sandbox = Sandbox::new();
    let o = sandbox
        .command()
        .args(["--no-builtin", "--plain", "review"])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Nothing to ask: no questions match (nothing due, or no packs).\n"
    );
}

/// Plain mode writes the same `session` event as the TUI, so "Retake last mistakes" offers the
/// questions missed in a plain-mode session.
#[test]
fn plain_session_misses_are_offered_by_retake_last_mistakes() {
    use decouple_quiz::engine::Engine;
    use decouple_quiz::env::Env;
    use decouple_quiz::library::{self, Sources};
    use decouple_quiz::paths::Paths;

    let sandbox = Sandbox::new();
    let out = plain_in(&sandbox, true, &["practice", "--topic", "fanout"], "?\n");
    assert!(out.stdout.contains("✗ Incorrect"), "{}", out.stdout);
    let env = Env {
        paths: Paths::resolve(Some(sandbox.data_dir()), Some(sandbox.config_dir())),
        sources: Sources {
            builtin: false,
            files: vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PACK)],
            ..Sources::default()
        },
        fixed_now: None,
        seed: Some(1),
        cache_window_ns: decouple_quiz::cache::RACY_NS,
    };
    let lib = library::load(&env.sources).library;
    let (engine, _) = Engine::open(&env).unwrap();
    let sessions: Vec<_> = engine.sessions().collect();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    assert_eq!(sessions[0].mode, "practice");
    let missed = decouple_quiz::study::record::last_missed(&engine, &lib);
    let keys: Vec<String> = missed.iter().map(|r| lib.key(*r)).collect();
    assert_eq!(keys, ["tui-decoupling/fanout-copies"]);
}

#[test]
fn the_reveal_diagram_follows_the_verdict() {
    // `fanout-copies` has no diagram while it is asked, and a reveal diagram after the verdict.
    let out = one("?\n");
    let verdict = out.stdout.find("✗ Incorrect").expect("a verdict");
    let fix = out
        .stdout
        .find("Fixed architecture: Orders fanned out to both consumers")
        .expect("the reveal diagram is printed");
    assert!(fix > verdict, "{}", out.stdout);
    assert!(out.stdout[fix..].contains("[ EC2 web ] --> [ SNS topic ]"));
    assert!(
        out.stdout[fix..]
            .contains("(Diagram description: The web tier publishes each order to an SNS topic")
    );
}
