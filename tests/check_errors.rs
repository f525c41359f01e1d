//! `decouple-quiz check` on one invalid fixture per error kind: the exact `path:line:col` line,
//! the help, the exit code and the summary a pack author sees.

#[path = "support/cli.rs"]
mod support;

use support::{Out, Sandbox, check, failed, fixture};

/// Checks `invalid/NAME`: exit 1, exactly one finding `path:AT` with `help`, then `summary`.
fn expect_with(name: &str, at: &str, help: &str, summary: &str) -> Out {
    let path = fixture(&format!("invalid/{name}"));
    let out = check(&[&path]);
    assert_eq!(
        out.headlines(),
        vec![format!("{path}:{at}")],
        "stdout:\n{}",
        out.stdout
    );
    assert_eq!(out.helps(), vec![help], "stdout:\n{}", out.stdout);
    assert_eq!(out.summary(), summary);
    assert_eq!(out.code, 1);
    out
}

/// Like `expect_with` for a file that fails to load: `checked 1 pack: 0 questions, …, 1 error`.
fn expect(name: &str, at: &str, help: &str) -> Out {
    expect_with(name, at, help, &failed(1, 1))
}

const TERMINAL: &str = "packs may not contain control characters or escape sequences: they could rewrite the learner's terminal";

#[test]
fn toml_syntax_error() {
    expect(
        "syntax.toml",
        "21:52: error: invalid basic string, expected `\"`",
        "see the TOML syntax at toml.io and docs/pack-format.md",
    );
}

#[test]
fn unknown_field_suggests_the_right_name() {
    let out = expect(
        "unknown-field.toml",
        "25:1: error: unknown field `corect`",
        "did you mean `correct`?",
    );
    assert!(
        out.stdout.contains("25 | corect = true\n   | ^^^^^^\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn wrong_type() {
    expect(
        "wrong-type.toml",
        "25:11: error: invalid type: string \"yes\", expected a boolean",
        "write `true` or `false` without quotes",
    );
}

#[test]
fn missing_required_field_points_at_the_table() {
    expect(
        "missing-field.toml",
        "17:1: error: missing required field `explanation`",
        "add `explanation = …` to this table (see docs/pack-format.md)",
    );
}

#[test]
fn missing_pack_table() {
    expect(
        "missing-pack.toml",
        "1:1: error: missing the [pack] table",
        "start the file with [pack] and its `id`, `title` and `version`",
    );
}

#[test]
fn duplicate_question_id() {
    expect(
        "duplicate-question-id.toml",
        "32:6: error: duplicate question id `burst`",
        "the first question with this id is on line 18; ids must be unique",
    );
}

#[test]
fn duplicate_topic_id() {
    expect(
        "duplicate-topic-id.toml",
        "18:6: error: duplicate topic id `queues`",
        "the first topic with this id is on line 8; ids must be unique",
    );
}

#[test]
fn duplicate_tip_id() {
    expect(
        "duplicate-tip-id.toml",
        "18:6: error: duplicate tip id `buffer`",
        "the first tip with this id is on line 13; ids must be unique",
    );
}

#[test]
fn duplicate_diagram_id() {
    expect(
        "duplicate-diagram-id.toml",
        "31:6: error: duplicate diagram id `web-queue`",
        "the first diagram with this id is on line 18; ids must be unique",
    );
}

#[test]
fn duplicate_region_id() {
    expect(
        "duplicate-region-id.toml",
        "30:6: error: duplicate region id `queue`",
        "the first region with this id is on line 27; ids must be unique",
    );
}

#[test]
fn unknown_topic_reference() {
    // The misspelt reference also leaves the real topic without questions: a warning.
    let path = fixture("invalid/unknown-topic.toml");
    let out = check(&[&path]);
    assert_eq!(
        out.headlines(),
        vec![
            format!("{path}:8:6: warning: topic `queues` has no questions"),
            format!("{path}:19:9: error: unknown topic `queue`")
        ]
    );
    assert_eq!(out.helps()[1], "did you mean `queues`?");
    assert_eq!(
        out.summary(),
        "checked 1 pack: 0 questions, 0 diagrams, 1 error, 1 warning"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn unknown_tip_reference() {
    expect(
        "unknown-tip.toml",
        "20:9: error: unknown tip `buffering`",
        "did you mean `buffer`?",
    );
}

#[test]
fn unknown_diagram_reference() {
    let path = fixture("invalid/unknown-diagram.toml");
    let out = check(&[&path]);
    assert_eq!(
        out.headlines(),
        vec![
            format!("{path}:18:6: warning: diagram `web-queue` is not used by any question"),
            format!("{path}:34:11: error: unknown diagram `web-queues`"),
        ]
    );
    assert_eq!(out.helps()[1], "did you mean `web-queue`?");
    assert_eq!(
        out.summary(),
        "checked 1 pack: 0 questions, 0 diagrams, 1 error, 1 warning"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn unknown_region_in_highlight() {
    expect(
        "unknown-region.toml",
        "35:14: error: diagram `web-queue` has no region `queues`",
        "did you mean `queue`?",
    );
}

#[test]
fn highlight_without_diagram() {
    expect(
        "highlight-without-diagram.toml",
        "21:14: error: `highlight` names regions, but the question has no `diagram`",
        "add `diagram = \"…\"` to the question, or remove `highlight`",
    );
}

#[test]
fn region_text_missing_from_art() {
    expect(
        "region-missing.toml",
        "28:8: error: region text \"SQS Queue\" does not occur in the art of diagram `web-queue`",
        "a region's text must be copied exactly from the art (same spaces and case, on one line)",
    );
}

#[test]
fn region_text_occurring_twice() {
    expect(
        "region-twice.toml",
        "28:8: error: region text \"--->\" occurs 2 times in the art of diagram `web-queue`",
        "make the text longer so it occurs exactly once, e.g. include the neighbouring label",
    );
}

#[test]
fn fewer_than_two_choices() {
    expect(
        "one-choice.toml",
        "18:6: error: question `burst` has 1 choice; it needs at least 2",
        "add [[question.choice]] tables with `text`, `why` and `correct = true` on the right ones",
    );
}

#[test]
fn more_than_six_choices() {
    expect(
        "seven-choices.toml",
        "18:6: error: question `burst` has 7 choices; at most 6 fit on screen (A–F)",
        "exam questions have four or five choices; remove the weakest distractors",
    );
}

#[test]
fn no_correct_choice() {
    expect(
        "no-correct.toml",
        "18:6: error: question `burst` has no correct choice",
        "mark the right choice(s) with `correct = true`",
    );
}

#[test]
fn all_choices_correct() {
    expect(
        "all-correct.toml",
        "18:6: error: every choice of question `burst` is correct",
        "a question needs at least one wrong choice; set `correct = true` only on the right ones",
    );
}

#[test]
fn duplicate_choice_text_ignores_case_and_spaces() {
    expect(
        "duplicate-choice.toml",
        "31:8: error: question `burst` has the same choice text twice",
        "the first is on line 28; each choice must say something different",
    );
}

#[test]
fn empty_string() {
    expect(
        "empty-string.toml",
        "9:9: error: topic title is empty",
        "write the topic title; blank text is not allowed",
    );
}

#[test]
fn tab_in_art_points_at_the_tab() {
    let out = expect(
        "tab-in-art.toml",
        "23:8: error: diagram art contains a tab",
        "tabs show at different widths in different terminals; use spaces",
    );
    assert!(
        out.stdout
            .contains("23 | | web |\t---> | SQS queue | <--- | workers |\n   |        ^\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn art_wider_than_100_columns() {
    let out = expect(
        "wide-art.toml",
        "22:1: error: diagram art line is 107 columns wide; the limit is 100",
        "shorten the line so the diagram fits beside the question on an ordinary terminal",
    );
    assert!(
        out.stdout.contains(&format!("   | {}\n", "^".repeat(107))),
        "{}",
        out.stdout
    );
}

#[test]
fn raw_escape_byte_in_a_literal_string() {
    // TOML itself forbids the raw byte; the message names it and never echoes it.
    let out = expect(
        "escape-raw-in-literal.toml",
        "21:26: error: the file contains the control character U+001B (escape)",
        TERMINAL,
    );
    assert!(!out.stdout.contains('\u{1b}'));
    assert!(
        out.stdout
            .contains("21 | stem = 'Orders arrive in ?[31mbursts?[0m. What absorbs them?'\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn escape_written_as_unicode_escape_in_a_basic_string() {
    let out = expect(
        "escape-in-basic.toml",
        "28:11: error: choice text contains the control character U+001B (escape)",
        TERMINAL,
    );
    // The caret underlines the whole `\u001b`, not the opening quote.
    assert!(
        out.stdout
            .contains("28 | text = \"A \\u001b[2Jlarger instance\"\n   |           ^^^^^^\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn c1_csi_in_a_multiline_literal_string() {
    let out = expect(
        "csi-in-literal.toml",
        "17:13: error: tip text contains the control character U+009B (CSI, an escape sequence start)",
        TERMINAL,
    );
    assert!(!out.stdout.contains('\u{9b}'));
}

#[test]
fn escapes_in_every_kind_of_string_are_located() {
    let sb = Sandbox::new();
    let base =
        std::fs::read_to_string(support::fixture_abs("invalid/escape-in-basic.toml")).unwrap();
    let text = base
        .replace(
            "text = \"A \\u001b[2Jlarger instance\"",
            "text = \"A larger instance\"",
        )
        .replace("version = \"1.0.0\"", "version = \"1.0\\e[0m\"")
        .replace(
            "explanation = \"A queue",
            "explanation = \"\"\"\nA \\\n    queue\\x07",
        )
        .replace("for them.\"\n", "for them.\"\"\"\n");
    let p = sb.write("p.toml", text.as_bytes());
    let out = sb.run(&["check", p.to_str().unwrap()]);
    let shown = p.display().to_string();
    assert_eq!(
        out.headlines(),
        vec![
            format!(
                "{shown}:5:15: error: pack version contains the control character U+001B (escape)"
            ),
            format!(
                "{shown}:24:10: error: question explanation contains the control character U+0007 (bell)"
            ),
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn bad_id() {
    expect(
        "bad-id.toml",
        "18:6: error: question id `Burst_Orders` is not valid",
        "ids use only lowercase letters a-z, digits 0-9 and `-`, e.g. `sqs-visibility`",
    );
}

#[test]
fn unknown_domain() {
    expect(
        "unknown-domain.toml",
        "10:10: error: unknown exam domain `reliable`",
        "use one of: secure, resilient, performant, cost",
    );
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    expect(
        "invalid-utf8.toml",
        "21:33: error: pack file is not valid UTF-8",
        "save the file with the UTF-8 encoding",
    );
}

#[test]
fn file_larger_than_16_mib() {
    let sb = Sandbox::new();
    let p = sb.dir.path().join("huge.toml");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(16 * 1024 * 1024 + 1).unwrap();
    let out = sb.run(&["check", p.to_str().unwrap()]);
    assert_eq!(
        out.headlines(),
        vec![format!(
            "{}: error: pack file is larger than 16 MiB (16777216 bytes), the limit for one pack",
            p.display()
        )]
    );
    assert_eq!(out.helps(), vec!["split it into several packs"]);
    assert_eq!(out.summary(), failed(1, 1));
    assert_eq!(out.code, 1);
}

#[test]
fn file_of_exactly_16_mib_is_read() {
    let sb = Sandbox::new();
    let mut text = b"[pack]\nid = \"big\"\ntitle = \"Big\"\nversion = \"1\"\n".to_vec();
    text.resize(16 * 1024 * 1024, b'\n');
    let p = sb.write("big.toml", &text);
    let out = sb.run(&["check", p.to_str().unwrap()]);
    assert_eq!(
        out.summary(),
        "checked 1 pack: 0 questions, 0 diagrams, 0 errors, 0 warnings"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn exam_non_positive_questions() {
    expect(
        "exam-non-positive.toml",
        "48:13: error: exam `questions` must be a positive number, not 0",
        "e.g. `questions = 65` and `minutes = 130`",
    );
}

#[test]
fn exam_pass_mark_out_of_range() {
    expect(
        "exam-pass-range.toml",
        "50:8: error: exam pass mark 72 is outside the 100–1000 scale",
        "scores run from 100 to 1000; the Solutions Architect Associate pass mark is 720",
    );
}

#[test]
fn exam_bad_weight() {
    expect(
        "exam-bad-weight.toml",
        "52:13: error: weight of `resilient` in [exam.domains] must be a positive number, not 0",
        "weights are relative numbers, e.g. `resilient = 30` and `performant = 24`",
    );
}

#[test]
fn exam_unknown_pack() {
    expect_with(
        "exam-unknown-pack.toml",
        "50:21: error: exam `mock` draws from unknown pack `messaging-fixture`",
        "name a loaded pack; `decouple-quiz list` shows them",
        "checked 1 pack: 2 questions, 0 diagrams, 1 error, 0 warnings",
    );
}

#[test]
fn exam_unknown_topic() {
    expect(
        "exam-unknown-topic.toml",
        "53:1: error: unknown topic `streams` in [exam.topics]",
        "this pack's topics are `queues`; name another pack's topic as `\"pack/topic\" = …`",
    );
}

#[test]
fn exam_not_enough_questions_for_the_weights() {
    expect_with(
        "exam-not-enough.toml",
        "46:6: error: exam `mock` cannot be drawn: domain `cost` needs 1 question but its packs have 0",
        "lower `questions`, change the weights, or add questions",
        "checked 1 pack: 2 questions, 0 diagrams, 1 error, 0 warnings",
    );
}

#[test]
fn duplicate_pack_id_across_two_files() {
    let dir = fixture("invalid/duplicate-pack-id");
    let out = check(&[&dir]);
    assert_eq!(
        out.headlines(),
        vec![format!(
            "{dir}/b.toml:3:6: error: pack id `fixture` is already used by {dir}/a.toml"
        )]
    );
    assert_eq!(
        out.helps(),
        vec![
            "pack ids must be unique: progress is stored under `pack/question`; rename one of them"
        ]
    );
    assert_eq!(
        out.summary(),
        "checked 2 packs: 1 question, 0 diagrams, 1 error, 0 warnings"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn every_invalid_fixture_fails() {
    let dir = support::fixture_abs("invalid");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let out = check(&[path.to_str().unwrap()]);
        assert_eq!(
            out.code,
            1,
            "{} should fail:\n{}",
            path.display(),
            out.stdout
        );
    }
}
