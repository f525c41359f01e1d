//! The loader's output for the valid fixtures: what the rest of the app reads (regions located,
//! "Choose N", normalised text, exams with their defaults) and how exams are drawn from it.

use std::path::PathBuf;

use decouple_quiz::library::exam_draw;
use decouple_quiz::library::{self, Library, Sources};
use decouple_quiz::pack::load;
use decouple_quiz::pack::model::{Domain, PackSource, choose_label};

fn valid() -> Library {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/valid");
    let report = library::load(&Sources {
        builtin: false,
        dirs: vec![dir],
        files: vec![],
    });
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    assert_eq!(report.checked, 3);
    report.library
}

#[test]
fn regions_are_located_in_the_art() {
    let lib = valid();
    let pack = lib.pack("fixture-messaging").unwrap();
    let d = pack
        .diagrams
        .iter()
        .find(|d| d.id == "web-queue-worker")
        .unwrap();
    assert!(
        d.art.starts_with("+---------+"),
        "leading newline dropped: {:?}",
        d.art
    );
    assert!(!d.art.ends_with('\n'));
    let at = |id: &str| {
        d.regions
            .iter()
            .find(|r| r.id == id)
            .map(|r| (r.row, r.col, r.width))
            .unwrap()
    };
    assert_eq!(at("web"), (1, 2, 7));
    assert_eq!(at("queue"), (1, 19, 9));
    assert_eq!(at("workers"), (1, 38, 10));
    assert_eq!(at("dlq"), (6, 22, 3));
    let crlf = lib.pack("fixture-crlf").unwrap();
    assert_eq!(
        crlf.diagrams[0].art,
        "[ S3 Standard ] --90 days--> [ S3 Glacier ]"
    );
    assert_eq!(
        (
            crlf.diagrams[0].regions[0].row,
            crlf.diagrams[0].regions[0].col
        ),
        (0, 31)
    );
}

#[test]
fn choose_two_is_all_or_nothing() {
    let lib = valid();
    let r = lib.find("fixture-messaging/poison-message").unwrap();
    let q = lib.question(r);
    assert_eq!(q.answer_count(), 2);
    assert_eq!(choose_label(q.answer_count()), "Choose TWO");
    assert_eq!(q.correct_set(), vec![0, 1]);
    assert!(q.is_correct(&[1, 0]));
    assert!(!q.is_correct(&[0]));
    assert!(!q.is_correct(&[0, 1, 2]));
    let single = lib.question(lib.find("fixture-messaging/buffer-orders").unwrap());
    assert_eq!(single.answer_count(), 1);
    assert_eq!(choose_label(1), "");
}

#[test]
fn questions_keep_their_fields_and_stable_keys() {
    let lib = valid();
    let r = lib.find("fixture-messaging/buffer-orders").unwrap();
    let q = lib.question(r);
    assert_eq!(lib.key(r), "fixture-messaging/buffer-orders");
    assert_eq!(lib.topic_key(r), "fixture-messaging/queues");
    assert_eq!(lib.topic_of(r).unwrap().domain, Domain::Resilient);
    assert_eq!(q.diagram.as_deref(), Some("web-calls-workers"));
    assert_eq!(q.reveal_diagram.as_deref(), Some("web-queue-worker"));
    assert_eq!(q.highlight, vec!["queue", "workers"]);
    assert_eq!(q.tips, vec!["queue-buffers"]);
    assert_eq!(
        q.sources,
        vec![
            "What is Amazon Simple Queue Service?",
            "Amazon SQS visibility timeout"
        ]
    );
    assert!(
        q.stem.starts_with("Orders arrive") && q.stem.ends_with("overhead?"),
        "{:?}",
        q.stem
    );
    assert_eq!(q.choices.len(), 4);
    assert_eq!(q.line, 106);
    assert_eq!(lib.question_count(), 9);
    let pack = lib.pack("fixture-messaging").unwrap();
    assert_eq!(pack.version, "2.1.0");
    assert_eq!(
        pack.description,
        "Queues, topics and streams between tiers.\nUsed by the test suite — every field appears at least once."
    );
    assert!(matches!(pack.source, PackSource::File(_)));
}

#[test]
fn crlf_text_is_normalised() {
    let lib = valid();
    let q = lib.question(lib.find("fixture-crlf/archive").unwrap());
    assert_eq!(
        q.stem,
        "Logs are read for 90 days, then kept for seven years.\nWhat stores them most cheaply?"
    );
}

#[test]
fn exams_get_their_defaults() {
    let lib = valid();
    let mock = &lib.pack("fixture-messaging").unwrap().exams[0];
    assert_eq!((mock.questions, mock.minutes, mock.pass), (5, 10, 700));
    assert_eq!(mock.packs, vec!["fixture-messaging"]);
    assert_eq!(
        mock.domains,
        vec![
            (Domain::Performant, 1.0),
            (Domain::Resilient, 3.0),
            (Domain::Secure, 1.0)
        ]
    );
    let combined = &lib.pack("fixture-edge").unwrap().exams[0];
    assert_eq!(combined.pass, 720);
    assert_eq!(combined.packs, vec!["fixture-edge", "fixture-messaging"]);
    assert_eq!(
        combined.topics,
        vec![
            ("fixture-edge/cdn".to_string(), 1.0),
            ("fixture-messaging/queues".to_string(), 2.0)
        ]
    );
}

#[test]
fn exams_draw_by_weight() {
    let lib = valid();
    let mock = &lib.pack("fixture-messaging").unwrap().exams[0];
    let buckets = exam_draw::allocate(&lib, mock).unwrap();
    let takes: Vec<(&str, usize)> = buckets.iter().map(|b| (b.label.as_str(), b.take)).collect();
    assert_eq!(
        takes,
        vec![
            ("domain `performant`", 1),
            ("domain `resilient`", 3),
            ("domain `secure`", 1)
        ]
    );
    let drawn = exam_draw::draw(&lib, mock, 7).unwrap();
    assert_eq!(drawn.len(), 5);
    assert_eq!(
        drawn,
        exam_draw::draw(&lib, mock, 7).unwrap(),
        "same seed, same exam"
    );
    let mut keys: Vec<String> = drawn.iter().map(|r| lib.key(*r)).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 5, "no repeats");

    let combined = &lib.pack("fixture-edge").unwrap().exams[0];
    let drawn = exam_draw::draw(&lib, combined, 1).unwrap();
    let cdn = drawn
        .iter()
        .filter(|r| lib.topic_key(**r) == "fixture-edge/cdn")
        .count();
    let queues = drawn
        .iter()
        .filter(|r| lib.topic_key(**r) == "fixture-messaging/queues")
        .count();
    assert_eq!((cdn, queues), (1, 2));
}

#[test]
fn from_str_reports_located_diagnostics() {
    let text = "[pack]\nid = \"p\"\ntitle = \"T\"\nversion = \"1\"\n\n[[topic]]\nid = \"t\"\ntitle = \"T\"\ndomain = \"cots\"\n";
    let loaded = load::from_str("mem.toml", text, PackSource::Builtin("mem.toml".into()));
    assert!(loaded.has_errors());
    let d: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(
        d,
        vec![
            "mem.toml:9:10: unknown exam domain `cots`",
            "mem.toml:7:6: topic `t` has no questions"
        ]
    );
    assert_eq!(
        loaded.diagnostics[0].help.as_deref(),
        Some("did you mean `cost`? The domains are: secure, resilient, performant, cost")
    );
}

/// The form lints (give-aways, key lengths) are `check`'s business: a start-up's load skips
/// them, and loads the same packs.
#[test]
fn the_form_lints_run_only_for_check() {
    for name in ["form/giveaway.toml", "form/length.toml"] {
        let sources = Sources {
            builtin: false,
            dirs: Vec::new(),
            files: vec![crate::support::cli::fixture_abs(name)],
        };
        let linted = library::load_linted(&sources);
        let plain = library::load(&sources);
        let lints =
            |r: &library::LoadReport| r.diagnostics.iter().filter(|d| d.lint.is_some()).count();
        assert!(lints(&linted) > 0, "{name}: check finds its lints");
        assert_eq!(lints(&plain), 0, "{name}: a start-up does not run them");
        assert_eq!(
            plain.library.question_count(),
            linted.library.question_count(),
            "{name}"
        );
    }
}
