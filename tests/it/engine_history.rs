//! The history file: durable appends, repair and every failure path (torn line, garbage line,
//! newer version, unwritable directory, full disk), on real files in temp dirs.

use crate::support::helpers;

use std::fs;

use decouple_quiz::engine::{CardState, Rating, SaveError};
use helpers::*;
use serde_json::{Value, json};

fn lines(root: &std::path::Path) -> Vec<String> {
    fs::read_to_string(history(root))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn aside(root: &std::path::Path, what: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = fs::read_dir(root.join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("history.jsonl.{what}-"))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn missing_data_dir_is_created_on_first_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    let (mut engine, notices) = open(&env);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(engine.save_problem(), None);
    assert!(
        !tmp.path().join("data").exists(),
        "opening must not create the data dir"
    );
    let rec = engine.record_answer(&input("p/a1", true, T0)).unwrap();
    assert_eq!(rec.rating, Rating::Good);
    assert_eq!(rec.state, CardState::Learning);
    assert_eq!(rec.due, at(T0 + 10 * MIN));
    assert_eq!(
        lines(tmp.path()),
        [
            r#"{"v":1,"kind":"answer","at":"2026-11-26T10:00:00Z","question":"p/a1","mode":"review","chosen":[0],"correct":true,"rating":3,"ms":5000}"#
        ]
    );
}

#[test]
fn reopening_replays_to_the_same_cards() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0 + 30 * DAY);
    let (mut live, _) = open(&env);
    let mut t = T0;
    for i in 0..60 {
        let key = format!("p/a{}", i % 7);
        let mut a = input(&key, i % 5 != 0, t);
        a.unsure = i % 11 == 0;
        live.record_answer(&a).unwrap();
        t += [MIN, 10 * MIN, 5 * HOUR, DAY, 3 * DAY][i % 5];
    }
    let (replayed, notices) = open(&env);
    assert!(notices.is_empty(), "{notices:?}");
    let a: Vec<_> = live
        .cards()
        .map(|(k, c)| (k.to_string(), c.clone()))
        .collect();
    let b: Vec<_> = replayed
        .cards()
        .map(|(k, c)| (k.to_string(), c.clone()))
        .collect();
    assert_eq!(a, b);
    assert_eq!(replayed.answer_count(), 60);
}

#[test]
fn torn_last_line_is_moved_aside_and_appending_continues() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    let (mut engine, _) = open(&env);
    engine.record_answer(&input("p/a1", true, T0)).unwrap();
    engine.record_answer(&input("p/a2", false, T0 + 1)).unwrap();
    let torn = r#"{"v":1,"kind":"answer","at":"2026-11-26T10:00:05Z","quest"#;
    let mut bytes = fs::read(history(tmp.path())).unwrap();
    bytes.extend_from_slice(torn.as_bytes());
    fs::write(history(tmp.path()), &bytes).unwrap();

    let (mut engine, notices) = open(&env);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("cut off") && notices[0].contains("moved to"),
        "{notices:?}"
    );
    assert_eq!(engine.answer_count(), 2);
    let moved = aside(tmp.path(), "torn");
    assert_eq!(moved.len(), 1);
    assert_eq!(fs::read_to_string(&moved[0]).unwrap(), torn);
    assert!(fs::read(history(tmp.path())).unwrap().ends_with(b"}\n"));

    engine.record_answer(&input("p/a3", true, T0 + 2)).unwrap();
    assert_eq!(lines(tmp.path()).len(), 3);
    let (engine, notices) = open(&env);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(engine.answer_count(), 3);
}

#[test]
fn complete_last_line_without_newline_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    let (mut engine, _) = open(&env);
    engine.record_answer(&input("p/a1", true, T0)).unwrap();
    let mut bytes = fs::read(history(tmp.path())).unwrap();
    bytes.pop();
    fs::write(history(tmp.path()), &bytes).unwrap();
    let (mut engine, notices) = open(&env);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(engine.answer_count(), 1);
    engine.record_answer(&input("p/a2", true, T0 + 1)).unwrap();
    assert_eq!(lines(tmp.path()).len(), 2);
    assert!(aside(tmp.path(), "torn").is_empty());
}

#[test]
fn garbage_line_copies_the_file_once_and_keeps_every_readable_line() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    let (mut engine, _) = open(&env);
    engine.record_answer(&input("p/a1", true, T0)).unwrap();
    let mut text = fs::read_to_string(history(tmp.path())).unwrap();
    text.push_str("\u{0}\u{0}garbage{\n");
    text.push_str("{\"v\":1,\"kind\":\"answer\",\"at\":\"not a time\"}\n");
    fs::write(history(tmp.path()), &text).unwrap();
    engine.record_answer(&input("p/a2", false, T0 + 1)).unwrap();
    let original = fs::read(history(tmp.path())).unwrap();

    let (mut engine, notices) = open(&env);
    assert_eq!(engine.answer_count(), 2);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("2 unreadable lines (line 2, line 3)")
            && notices[0].contains("saved as"),
        "{notices:?}"
    );
    let copies = aside(tmp.path(), "corrupt");
    assert_eq!(copies.len(), 1);
    assert!(
        copies[0]
            .to_string_lossy()
            .ends_with("history.jsonl.corrupt-20261126T100000Z")
    );
    assert_eq!(fs::read(&copies[0]).unwrap(), original);

    // Appending goes on; the next start reports the same damage without a second copy.
    engine.record_answer(&input("p/a3", true, T0 + 2)).unwrap();
    let (engine, notices) = open(&env);
    assert_eq!(engine.answer_count(), 3);
    assert!(notices[0].contains("saved earlier as"), "{notices:?}");
    assert_eq!(aside(tmp.path(), "corrupt").len(), 1);
}

#[test]
fn newer_version_is_read_but_never_written() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    let (mut engine, _) = open(&env);
    engine.record_answer(&input("p/a1", true, T0)).unwrap();
    let mut text = fs::read_to_string(history(tmp.path())).unwrap();
    text.push_str("{\"v\":2,\"kind\":\"answer\",\"stuff\":[1,2,3]}\n");
    fs::write(history(tmp.path()), &text).unwrap();

    let (mut engine, notices) = open(&env);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("newer decouple-quiz") && notices[0].contains("v2"),
        "{notices:?}"
    );
    assert!(engine.save_problem().unwrap().contains("newer"));
    assert_eq!(engine.answer_count(), 1);
    let err = engine
        .record_answer(&input("p/a1", true, T0 + DAY))
        .unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly(_)), "{err:?}");
    assert!(err.to_string().starts_with("progress cannot be saved"));
    assert_eq!(
        engine.card("p/a1").unwrap().reps(),
        2,
        "the session still goes on in memory"
    );
    assert!(engine.append_event(json!({"kind": "session"})).is_err());
    assert_eq!(
        fs::read_to_string(history(tmp.path())).unwrap(),
        text,
        "the file is untouched"
    );
}

#[test]
fn data_dir_that_cannot_exist_is_reported_and_nothing_crashes() {
    let tmp = tempfile::tempdir().unwrap();
    // The data dir's parent is a regular file: it can never be created, even by root.
    fs::write(tmp.path().join("blocker"), b"").unwrap();
    let mut env = env_at(tmp.path(), T0);
    env.paths.data_dir = tmp.path().join("blocker").join("data");
    let (mut engine, notices) = open(&env);
    assert!(notices.is_empty(), "{notices:?}");
    let why = engine
        .save_problem()
        .expect("the problem is known at open")
        .to_string();
    assert!(why.contains("not a directory"), "{why}");
    let err = engine.record_answer(&input("p/a1", false, T0)).unwrap_err();
    assert!(matches!(err, SaveError::Failed(_)), "{err:?}");
    assert!(
        err.to_string().starts_with("progress cannot be saved"),
        "{err}"
    );
    assert_eq!(engine.card("p/a1").unwrap().state(), CardState::Learning);
    assert!(engine.save_problem().is_some());
}

#[cfg(unix)]
#[test]
fn read_only_data_dir_by_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    if ignores_permissions(&data) {
        fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
        println!(
            "skipped: this process ignores permission bits (root); see data_dir_that_cannot_exist_is_reported_and_nothing_crashes"
        );
        return;
    }
    let (mut engine, _) = open(&env);
    assert!(engine.save_problem().is_some());
    let err = engine.record_answer(&input("p/a1", true, T0)).unwrap_err();
    assert!(err.to_string().contains("not writable"), "{err}");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn full_disk_is_reported_then_saving_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    let (mut engine, _) = open(&env);
    engine.record_answer(&input("p/a1", true, T0)).unwrap();
    let kept = fs::read(history(tmp.path())).unwrap();
    // /dev/full fails every write with ENOSPC, like a full disk.
    fs::rename(history(tmp.path()), tmp.path().join("kept")).unwrap();
    std::os::unix::fs::symlink("/dev/full", history(tmp.path())).unwrap();
    let err = engine
        .record_answer(&input("p/a2", true, T0 + 1))
        .unwrap_err();
    assert!(err.to_string().contains("disk is full"), "{err}");
    assert!(engine.save_problem().unwrap().contains("disk is full"));
    assert_eq!(engine.answer_count(), 2, "the answer is kept in memory");

    fs::remove_file(history(tmp.path())).unwrap();
    fs::rename(tmp.path().join("kept"), history(tmp.path())).unwrap();
    engine.record_answer(&input("p/a3", true, T0 + 2)).unwrap();
    assert_eq!(engine.save_problem(), None);
    let now = fs::read(history(tmp.path())).unwrap();
    assert!(now.starts_with(&kept) && lines(tmp.path()).len() == 2);
}

#[test]
fn other_kinds_and_unknown_fields_are_kept_and_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    fs::create_dir_all(tmp.path().join("data")).unwrap();
    let text = concat!(
        "{\"v\":1,\"kind\":\"answer\",\"at\":\"2026-11-26T11:00:00+01:00\",\"question\":\"gone/q\",\"mode\":\"exam\",\"chosen\":[2,0],\"correct\":false,\"rating\":1,\"ms\":1,\"hint\":true}\n",
        "{\"v\":1,\"kind\":\"teleport\",\"where\":\"mars\"}\n",
        "\n",
        "{\"v\":1,\"kind\":\"exam\",\"score\":720}\n",
    );
    fs::write(history(tmp.path()), text).unwrap();
    let (mut engine, notices) = open(&env);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(engine.answer_count(), 1);
    assert_eq!(
        engine.card("gone/q").unwrap().lapses(),
        0,
        "history of removed questions is kept"
    );
    assert_eq!(engine.events_of_kind("exam").count(), 1);

    engine
        .append_event(json!({"kind": "session", "mode": "review", "answered": 3}))
        .unwrap();
    assert!(matches!(
        engine.append_event(json!({"kind": "answer"})),
        Err(SaveError::Invalid(_))
    ));
    assert!(matches!(
        engine.append_event(json!([1])),
        Err(SaveError::Invalid(_))
    ));
    assert!(matches!(
        engine.append_event(json!({"v": 7, "kind": "x"})),
        Err(SaveError::Invalid(_))
    ));
    let after = fs::read_to_string(history(tmp.path())).unwrap();
    assert!(after.starts_with(text), "old lines are never rewritten");
    let (engine, _) = open(&env);
    let session: Vec<Value> = engine
        .events_of_kind("session")
        .map(|e| serde_json::from_str(&e.to_line()).unwrap())
        .collect();
    assert_eq!(
        session,
        [json!({"v": 1, "kind": "session", "mode": "review", "answered": 3})]
    );
}

#[test]
fn config_errors_are_notices_that_name_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    fs::create_dir_all(tmp.path().join("config")).unwrap();
    let cfg = tmp.path().join("config").join("config.toml");
    fs::write(&cfg, "[review]\nnew_per_day = -3\nfuzz = false\n").unwrap();
    let (engine, notices) = open(&env);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with(&format!(
            "{}:2:15: error: `review.new_per_day`",
            cfg.display()
        )),
        "{}",
        notices[0]
    );
    assert_eq!(engine.config().new_per_day, 25, "the default");
    assert!(!engine.config().fuzz);
}

#[test]
fn unusable_recorded_parameters_fall_back_to_the_defaults() {
    let tmp = tempfile::tempdir().unwrap();
    let env = env_at(tmp.path(), T0);
    fs::create_dir_all(tmp.path().join("data")).unwrap();
    for params in [
        "[0.5, 1.0, 2.0]",
        "\"lots\"",
        "[1e40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]",
    ] {
        let line = format!("{{\"v\":1,\"kind\":\"params\",\"params\":{params}}}\n");
        fs::write(history(tmp.path()), line).unwrap();
        let (engine, notices) = open(&env);
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(
            notices[0].contains("parameters are not usable"),
            "{notices:?}"
        );
        assert_eq!(engine.scheduler().params(), &fsrs::DEFAULT_PARAMETERS[..]);
    }
}
