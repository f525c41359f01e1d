//! "Retake last mistakes" survives a restart: the last session event with misses is read back.

use decouple_quiz::engine::Engine;
use decouple_quiz::env::Env;
use decouple_quiz::library::{self, Sources};
use decouple_quiz::paths::Paths;

#[test]
fn last_session_misses_come_back_after_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let lines = [
        r#"{"v":1,"kind":"session","at":"2026-11-25T10:00:00Z","mode":"practice","answered":2,"correct":1,"missed":["decoupling/what-memcached-lacks"]}"#,
        r#"{"v":1,"kind":"session","at":"2026-11-26T10:00:00Z","mode":"review","answered":3,"correct":1,"missed":["messaging/rule-target-failures-kept","gone/question"]}"#,
        r#"{"v":1,"kind":"session","at":"2026-11-26T11:00:00Z","mode":"review","answered":1,"correct":1,"missed":[]}"#,
    ];
    std::fs::write(data.join("history.jsonl"), lines.join("\n") + "\n").unwrap();
    let env = Env {
        paths: Paths::resolve(Some(data), Some(tmp.path().join("config"))),
        sources: Sources {
            builtin: true,
            ..Sources::default()
        },
        fixed_now: None,
        seed: Some(1),
        cache_window_ns: decouple_quiz::cache::RACY_NS,
    };
    let lib = library::load(&env.sources).library;
    let (engine, _) = Engine::open(&env).unwrap();
    let missed = decouple_quiz::study::record::last_missed(&engine, &lib);
    let keys: Vec<String> = missed.iter().map(|r| lib.key(*r)).collect();
    // The latest session without misses does not hide the one before; vanished questions drop out.
    assert_eq!(keys, ["messaging/rule-target-failures-kept"]);
}
