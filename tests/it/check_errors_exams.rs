//! `decouple-quiz check` on exam errors, within one pack and across packs (unknown packs and
//! topics, too few questions, duplicate exam and pack ids).

use crate::support::cli as support;

use support::{check, expect, expect_dir, expect_with, fixture};

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
fn duplicate_exam_id_across_packs() {
    let dir = fixture("invalid/duplicate-exam-id");
    expect_dir(
        "duplicate-exam-id",
        &format!("32:6: error: exam id `mock` is already used at {dir}/a.toml:46:6"),
        "exam ids must be unique across all loaded packs: `decouple-quiz exam ID` picks one by id",
        "checked 2 packs: 3 questions, 0 diagrams, 1 error, 0 warnings",
    );
}

#[test]
fn exam_weights_another_packs_unknown_topic() {
    expect_dir(
        "exam-foreign-topic",
        "40:1: error: exam `cross` weights unknown topic `fixture/streams`",
        "write another pack's topic as `\"pack/topic\" = …` with the ids `decouple-quiz list` shows",
        "checked 2 packs: 2 questions, 0 diagrams, 1 error, 0 warnings",
    );
}

#[test]
fn exam_weights_a_topic_of_a_pack_it_does_not_draw_from() {
    expect_dir(
        "exam-topic-not-drawn",
        "39:1: error: exam `cross` weights topic `fixture/queues` but does not draw from pack `fixture`",
        "add \"fixture\" to the exam's `packs`",
        "checked 2 packs: 2 questions, 0 diagrams, 1 error, 0 warnings",
    );
}
