//! `decouple-quiz check` on packs that parse but break a rule (ids, texts, references, diagrams,
//! choices), one invalid fixture per error kind, with the exact `path:line:col` line and help.

use crate::support::cli as support;

use support::{Sandbox, TERMINAL, check, expect, fixture, fixture_abs};

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
    let base = std::fs::read_to_string(fixture_abs("invalid/escape-in-basic.toml")).unwrap();
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
