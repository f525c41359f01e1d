//! Shared helpers for the engine integration tests: an `Env` on temp dirs, a small library built
//! in code, and answer inputs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use decouple_quiz::engine::{AnswerInput, Engine, Mode};
use decouple_quiz::env::Env;
use decouple_quiz::library::{Library, Sources};
use decouple_quiz::pack::model::{Body, Lazy};
use decouple_quiz::pack::{Choice, Domain, Pack, PackSource, Question, Topic};
use decouple_quiz::paths::Paths;
use time::OffsetDateTime;

/// 2026-11-26T10:00:00Z.
pub const T0: i64 = 1_795_687_200;
pub const MIN: i64 = 60;
pub const HOUR: i64 = 3_600;
pub const DAY: i64 = 86_400;

pub fn at(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap()
}

/// An environment whose data and config dirs are `<root>/data` and `<root>/config`.
pub fn env_at(root: &Path, now: i64) -> Env {
    Env {
        paths: Paths {
            data_dir: root.join("data"),
            config_dir: root.join("config"),
            cache_dir: root.join("cache"),
        },
        sources: Sources::default(),
        fixed_now: Some(at(now)),
        seed: Some(1),
        cache_window_ns: decouple_quiz::cache::RACY_NS,
    }
}

pub fn history(root: &Path) -> PathBuf {
    root.join("data").join("history.jsonl")
}

/// The engine of `env`, counting study days in UTC (whatever the machine's time zone).
pub fn open(env: &Env) -> (Engine, Vec<String>) {
    let (mut engine, notices) =
        Engine::open_uncached(env).expect("Engine::open never fails on I/O");
    engine.set_time_zone(jiff::tz::TimeZone::UTC);
    (engine, notices)
}

pub fn input(key: &str, correct: bool, secs: i64) -> AnswerInput {
    AnswerInput {
        key: key.to_string(),
        mode: Mode::Review,
        chosen: vec![if correct { 0 } else { 1 }],
        correct,
        unsure: false,
        ms: 5_000,
        at: at(secs),
    }
}

fn question(id: &str, topic: &str) -> Question {
    let choice = |text: &str, correct: bool| Choice {
        text: text.into(),
        correct,
        why: Default::default(),
    };
    Question {
        id: id.into(),
        topic: topic.into(),
        diagram: None,
        reveal_diagram: None,
        tips: Vec::new(),
        line: 1,
        body: Lazy::ready(Body {
            stem: format!("Question {id}?").into(),
            highlight: Vec::new(),
            explanation: Default::default(),
            sources: Vec::new(),
            choices: vec![
                choice("right", true),
                choice("wrong", false),
                choice("also wrong", false),
            ],
        }),
    }
}

/// Pack `p` with topics `a`, `b`, `c` of `per_topic` questions each, ids `a1`, `a2`, …
pub fn library(per_topic: usize) -> Library {
    let topics: Vec<Topic> = ["a", "b", "c"]
        .iter()
        .map(|t| Topic {
            id: (*t).into(),
            title: format!("Topic {}", t.to_uppercase()),
            domain: Domain::Resilient,
        })
        .collect();
    let mut questions = Vec::new();
    for t in ["a", "b", "c"] {
        for i in 1..=per_topic {
            questions.push(question(&format!("{t}{i}"), t));
        }
    }
    Library::new(vec![Pack {
        id: "p".into(),
        title: "Pack P".into(),
        version: "1".into(),
        description: String::new(),
        source: PackSource::Builtin("p.toml".into()),
        topics,
        tips: Vec::new(),
        diagrams: Vec::new(),
        questions,
        exams: Vec::new(),
    }])
}

/// Whether this process can write into a directory whose write bits are off (true for root).
pub fn ignores_permissions(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(probe);
    ok
}
