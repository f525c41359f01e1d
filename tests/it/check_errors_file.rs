//! `decouple-quiz check` on files that do not parse: TOML syntax and structure, encoding, size
//! and raw control characters. Each test asserts the exact `path:line:col` line, the help, the
//! exit code and the summary a pack author sees.

use crate::support::cli as support;

use support::{Sandbox, TERMINAL, check, expect, failed, fixture, fixture_abs};

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
    // The misspelt field, and what it hides: the question left without a correct choice.
    let path = fixture("invalid/unknown-field.toml");
    let out = check(&[&path]);
    let heads = out.headlines();
    assert!(
        heads.contains(&format!("{path}:25:1: error: unknown field `corect`").as_str()),
        "{}",
        out.stdout
    );
    assert!(
        heads.contains(
            &format!("{path}:18:6: error: question `burst` has no correct choice").as_str()
        ),
        "{}",
        out.stdout
    );
    assert_eq!(heads.len(), 2, "{}", out.stdout);
    assert!(out.helps().contains(&"did you mean `correct`?"));
    assert!(
        out.stdout.contains("25 | corect = true\n   | ^^^^^^\n"),
        "{}",
        out.stdout
    );
    assert_eq!(out.code, 1);
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
fn duplicate_key() {
    expect(
        "duplicate-key.toml",
        "6:1: error: duplicate key `version`",
        "each key may appear once per table; for another item start a new [[…]] table",
    );
}

#[test]
fn choice_before_its_question() {
    expect(
        "choice-outside-question.toml",
        "21:3: error: duplicate key `question`",
        "an earlier [question] or [[question.…]] table already defined `question`; put each [[question.…]] table after the [[question]] it belongs to",
    );
}

#[test]
fn float_where_a_whole_number_belongs() {
    let sb = Sandbox::new();
    let text = std::fs::read_to_string(fixture_abs("invalid/exam-non-positive.toml")).unwrap();
    let p = sb.write(
        "p.toml",
        text.replace("questions = 0", "questions = 1.5").as_bytes(),
    );
    let out = sb.run(&["check", p.to_str().unwrap()]);
    assert_eq!(
        out.headlines(),
        vec![format!(
            "{}:48:13: error: invalid type: floating point `1.5`, expected a whole number",
            p.display()
        )]
    );
    assert_eq!(
        out.helps(),
        vec!["write a whole number without quotes, e.g. `questions = 65`"]
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
fn every_invalid_fixture_fails() {
    let dir = fixture_abs("invalid");
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
