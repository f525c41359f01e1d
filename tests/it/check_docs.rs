//! docs/pack-format.md stays true: its complete example passes `check`, and the messages it
//! quotes are the ones `check` prints for the invalid fixtures.

use crate::support::cli as support;

use support::{Sandbox, check, fixture, fixture_abs};

fn doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/pack-format.md"))
        .expect("docs/pack-format.md")
}

/// The ```toml block after the `<!-- complete-example -->` marker.
fn complete_example() -> String {
    let doc = doc();
    let after = doc
        .split("<!-- complete-example -->")
        .nth(1)
        .expect("marker");
    let body = after.split("```toml\n").nth(1).expect("toml block");
    body.split("\n```")
        .next()
        .expect("closing fence")
        .to_string()
        + "\n"
}

#[test]
fn the_complete_example_passes_check() {
    let sb = Sandbox::new();
    let p = sb.write("sqs-notes.toml", complete_example().as_bytes());
    let out = sb.run(&["check", p.to_str().unwrap()]);
    assert_eq!(
        out.stdout,
        "checked 1 pack: 3 questions, 2 diagrams, 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn the_complete_example_uses_every_table() {
    let text = complete_example();
    for table in [
        "[pack]",
        "[[topic]]",
        "[[tip]]",
        "[[diagram]]",
        "[[diagram.region]]",
        "[[question]]",
        "[[question.choice]]",
        "[[exam]]",
        "[exam.domains]",
    ] {
        assert!(text.contains(table), "{table} missing from the example");
    }
    for field in [
        "description =",
        "highlight =",
        "reveal_diagram =",
        "sources =",
        "correct = true",
        "why =",
    ] {
        assert!(text.contains(field), "{field} missing from the example");
    }
}

#[test]
fn the_documented_messages_are_the_real_ones() {
    let doc = doc();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixture_abs("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if path.is_dir() {
            continue;
        }
        let out = check(&[&fixture(&format!("invalid/{name}"))]);
        let headline = out
            .headlines()
            .into_iter()
            .find(|l| l.contains(": error: "))
            .expect("an error")
            .to_string();
        let message = headline.split(": error: ").nth(1).unwrap();
        assert!(
            doc.contains(message),
            "docs/pack-format.md does not quote the message of {name}: {message}"
        );
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} fixtures compared");
}

#[test]
fn the_starter_pack_points_at_this_document() {
    assert!(include_str!("../../src/pack/starter.toml").contains("docs/pack-format.md"));
}

#[test]
fn the_documented_form_warnings_and_stats_are_the_real_ones() {
    let doc = doc();
    let out = check(&[
        "--stats",
        &fixture("form/giveaway.toml"),
        &fixture("form/length.toml"),
        &fixture("form/near-duplicates"),
    ]);
    let mut seen = 0;
    for headline in out.headlines() {
        let message = headline.split(": warning: ").nth(1).unwrap();
        // Paths differ: compare up to the other question's location.
        let message = message.split(" at tests/").next().unwrap();
        if message.starts_with("diagram `web-queue` gives away the answer to `poison`")
            || message.contains("giveaway-ok: SNS")
        {
            continue;
        }
        assert!(
            doc.contains(message),
            "docs/pack-format.md does not quote: {message}"
        );
        seen += 1;
    }
    assert_eq!(seen, 6);
    // The --stats example: every figure line of the length fixture's block.
    let block = out
        .stdout
        .split("fixture-length (")
        .nth(1)
        .expect("stats block");
    for line in block.lines().skip(1).take_while(|l| l.starts_with("  ")) {
        assert!(
            doc.contains(line),
            "docs/pack-format.md does not show: {line}"
        );
    }
}
