//! Property tests: no input, however broken, panics the loader, and every diagnostic points
//! inside the text it came from and renders without control characters.

use decouple_quiz::pack::builtin;
use decouple_quiz::pack::load::{self, Loaded};
use decouple_quiz::pack::model::PackSource;
use proptest::prelude::*;

const VALID: &str = include_str!("../fixtures/packs/valid/messaging.toml");
const EDGE: &str = include_str!("../fixtures/packs/valid/edge.toml");

/// Loads `text` and checks every diagnostic against it.
fn load_and_check(text: &str) -> Loaded {
    let loaded = load::from_str("prop.toml", text, PackSource::Builtin("prop.toml".into()));
    assert_located(text, &loaded);
    loaded
}

fn assert_located(text: &str, loaded: &Loaded) {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &loaded.diagnostics {
        if d.line == 0 {
            assert_eq!(d.col, 0, "{d:?}");
            continue;
        }
        assert!(
            d.line <= lines.len(),
            "line {} of {}: {d:?}",
            d.line,
            lines.len()
        );
        let chars = lines[d.line - 1].chars().count();
        assert!(
            d.col >= 1 && d.col <= chars + 1,
            "col {} of {chars}: {d:?}",
            d.col
        );
        assert!(d.caret_len >= 1, "{d:?}");
        let shown = d.to_string();
        assert!(
            !shown
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "control character in {shown:?}"
        );
    }
    if loaded.checked.is_none() {
        assert!(loaded.has_errors(), "an unparsed file must carry an error");
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Insert(usize, char),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let control = prop_oneof![
        Just('\u{1b}'),
        Just('\u{0}'),
        Just('\u{7}'),
        Just('\u{9b}'),
        Just('\u{7f}'),
        Just('\r'),
        Just('\t'),
        Just('\n'),
        Just('"'),
        Just('\''),
        Just('\\'),
        Just('['),
        Just('é'),
        Just('界'),
    ];
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        (any::<usize>(), control).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for e in edits {
        let n = lines.len().max(1);
        match *e {
            Edit::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Edit::Insert(at, c) => {
                let joined = lines.join("\n");
                let chars: Vec<char> = joined.chars().collect();
                let at = at % (chars.len() + 1);
                let s: String = chars[..at]
                    .iter()
                    .chain(std::iter::once(&c))
                    .chain(chars[at..].iter())
                    .collect();
                lines = s.split('\n').map(str::to_string).collect();
            }
            Edit::Truncate(at) => {
                let joined = lines.join("\n");
                let at = at % (joined.chars().count() + 1);
                let s: String = joined.chars().take(at).collect();
                lines = s.split('\n').map(str::to_string).collect();
            }
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        load_and_check(&text);
    }

    #[test]
    fn toml_like_strings_never_panic(text in "[\\[\\]=\"'\\\\a-z0-9 .,#{}\\n\\r\\t\u{1b}é-]{0,400}") {
        load_and_check(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        load_and_check(&text);
    }

    #[test]
    fn mutated_valid_packs_never_panic(edits in proptest::collection::vec(edit(), 1..6), edge in any::<bool>()) {
        let text = apply(if edge { EDGE } else { VALID }, &edits);
        load_and_check(&text);
    }

    #[test]
    fn mutated_builtin_packs_never_panic(edits in proptest::collection::vec(edit(), 1..4), which in any::<usize>()) {
        let (_, text) = builtin::PACKS[which % builtin::PACKS.len()];
        load_and_check(&apply(text, &edits));
    }

    #[test]
    fn pack_header_with_arbitrary_values(title in any::<String>(), body in any::<String>()) {
        // Arbitrary text inside every kind of TOML string reaches the validator, not just the parser.
        let lit = title.replace('\'', "");
        let basic: String = body.chars().flat_map(|c| if c == '"' || c == '\\' || c.is_control() { format!("\\u{:04x}", c as u32).chars().collect::<Vec<_>>() } else { vec![c] }).collect();
        for text in [
            format!("[pack]\nid = \"p\"\ntitle = '{lit}'\nversion = \"{basic}\"\n"),
            format!("[pack]\nid = \"p\"\ntitle = \"\"\"\n{basic}\\\n  {basic}\"\"\"\nversion = '''\n{}'''\n", lit.replace("'''", "")),
        ] {
            load_and_check(&text);
        }
    }
}

#[test]
fn arbitrary_files_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    });
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..400), |bytes| {
            let p = dir.path().join("f.toml");
            std::fs::write(&p, &bytes).unwrap();
            let loaded = load::from_file(&p);
            assert_located(&String::from_utf8_lossy(&bytes), &loaded);
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_unmutated_fixture_is_clean() {
    let loaded = load_and_check(VALID);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
}
