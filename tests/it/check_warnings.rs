//! `decouple-quiz check`: warnings do not fail a pack, and one run reports every error of every
//! file, sorted by file and position.

use crate::support::cli as support;

use support::{check, fixture};

#[test]
fn warnings_are_reported_and_exit_zero() {
    let path = fixture("warnings/warnings.toml");
    let out = check(&[&path]);
    assert_eq!(
        out.headlines(),
        vec![
            format!("{path}:14:6: warning: topic `streams` has no questions"),
            format!("{path}:24:6: warning: diagram `spare` is not used by any question"),
            format!("{path}:30:6: warning: question `bare` has neither a diagram nor a tip"),
            format!("{path}:35:8: warning: choice has no `why`"),
            format!(
                "{path}:61:1: warning: exam `both-weights` has both [exam.domains] and [exam.topics]; only the topic weights are used"
            ),
        ]
    );
    assert_eq!(
        out.helps(),
        vec![
            "add a question with `topic = \"streams\"`, or remove the topic",
            "show it with `diagram = \"spare\"` or `reveal_diagram = \"spare\"` in a question, or remove it",
            "add `tips = [\"…\"]` or `diagram = \"…\"` so the learner sees why after answering",
            "add `why = \"…\"`: learners read why each choice is right or wrong after answering",
            "remove one of the two tables",
        ]
    );
    assert_eq!(
        out.summary(),
        "checked 1 pack: 2 questions, 1 diagram, 0 errors, 5 warnings"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn a_warning_renders_with_source_line_and_caret() {
    let path = fixture("warnings/warnings.toml");
    let out = check(&[&path]);
    let block = format!(
        "{path}:35:8: warning: choice has no `why`\n   |\n35 | text = \"Amazon SQS\"\n   |        ^^^^^^^^^^^^\n  = help: add `why = \"…\"`: learners read why each choice is right or wrong after answering\n"
    );
    assert!(out.stdout.contains(&block), "{}", out.stdout);
}

#[test]
fn all_errors_of_several_files_in_one_run() {
    let dir = fixture("many-errors");
    let out = check(&[&dir]);
    let one = format!("{dir}/one.toml");
    let two = format!("{dir}/two.toml");
    assert_eq!(
        out.headlines(),
        vec![
            format!("{one}:4:6: error: pack id `Many_Errors` is not valid"),
            format!("{one}:11:10: error: unknown exam domain `resilience`"),
            format!("{one}:15:9: error: unknown topic `queue`"),
            format!(
                "{one}:25:8: error: region text \"[ Queue ]\" does not occur in the art of diagram `tiers`"
            ),
            format!("{one}:28:6: error: question `first` has no correct choice"),
            format!("{one}:32:9: error: unknown tip `bufer`"),
            format!("{one}:33:8: error: question stem is empty"),
            format!("{one}:43:6: error: duplicate question id `first`"),
            format!(
                "{one}:46:39: error: question stem contains the control character U+001B (escape)"
            ),
            format!("{one}:53:8: error: question `first` has the same choice text twice"),
            format!("{one}:59:13: error: exam `questions` must be a positive number, not -1"),
            format!("{one}:60:11: error: exam `minutes` must be a positive number, not 0"),
            format!("{one}:61:8: error: exam pass mark 1200 is outside the 100–1000 scale"),
            format!("{two}:6:11: error: pack version is empty"),
            format!("{two}:14:6: error: question `cdn` has 1 choice; it needs at least 2"),
            format!("{two}:16:9: error: unknown tip `cache`"),
        ]
    );
    assert_eq!(
        out.helps()[1],
        "did you mean `resilient`? The domains are: secure, resilient, performant, cost"
    );
    assert_eq!(
        out.helps()[15],
        "this pack defines no tip; add a [[tip]] table"
    );
    // three.toml is valid and still loads beside the two broken files.
    assert_eq!(
        out.summary(),
        "checked 3 packs: 1 question, 0 diagrams, 16 errors, 0 warnings"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn files_named_one_by_one_are_all_checked() {
    let one = fixture("many-errors/one.toml");
    let two = fixture("many-errors/two.toml");
    let out = check(&[&two, &one]);
    assert_eq!(out.headlines().len(), 16);
    assert!(
        out.headlines()[0].starts_with(&format!("{one}:")),
        "sorted by path: {}",
        out.stdout
    );
    assert_eq!(
        out.summary(),
        "checked 2 packs: 0 questions, 0 diagrams, 16 errors, 0 warnings"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn the_same_file_named_twice_is_read_once() {
    let dir = fixture("many-errors");
    let three = fixture("many-errors/three.toml");
    let out = check(&[&three, &dir]);
    assert!(!out.stdout.contains("already used"), "{}", out.stdout);
    assert_eq!(
        out.summary(),
        "checked 3 packs: 1 question, 0 diagrams, 16 errors, 0 warnings"
    );
}
