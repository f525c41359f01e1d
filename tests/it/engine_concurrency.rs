//! Two (here four) instances appending at once: real processes (this test binary re-run as a
//! helper) each open the engine and append many answers and large events; afterwards every line
//! must be intact and every event present exactly once.

use crate::support::helpers;

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};

use decouple_quiz::engine::event::{Line, parse_line};
use helpers::*;
use serde_json::json;

const CHILD: &str = "DQ_ENGINE_APPEND_CHILD";
const PROCESSES: usize = 4;
const EVENTS: usize = 150;

/// Every 10th event is a ~12 KB session event, far over the size the OS writes atomically.
fn is_big(i: usize) -> bool {
    i.is_multiple_of(10)
}

/// Not a real test: the body of a helper process, run only when spawned with `CHILD` set.
#[test]
fn append_child() {
    let Ok(spec) = std::env::var(CHILD) else {
        return;
    };
    let (root, id) = spec.rsplit_once('|').unwrap();
    let id: usize = id.parse().unwrap();
    let (mut engine, notices) = open(&env_at(Path::new(root), T0));
    assert!(notices.is_empty(), "{notices:?}");
    for i in 0..EVENTS {
        if is_big(i) {
            let pad = "x".repeat(12_000);
            engine
                .append_event(json!({"kind": "session", "child": id, "i": i, "pad": pad}))
                .unwrap();
        } else {
            let a = input(&format!("c{id}/q{}", i % 13), i % 3 != 0, T0 + i as i64);
            engine.record_answer(&a).unwrap();
        }
    }
}

#[test]
fn concurrent_processes_never_lose_or_interleave_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|id| {
            Command::new(&exe)
                .args([
                    "engine_concurrency::append_child",
                    "--exact",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD, format!("{}|{id}", tmp.path().display()))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a helper process failed:\n{text}");
    }

    let bytes = std::fs::read(history(tmp.path())).unwrap();
    assert!(bytes.ends_with(b"\n"));
    let mut seen = HashSet::new();
    for (n, line) in bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let parsed = parse_line(line).unwrap_or_else(|e| panic!("line {} is damaged: {e}", n + 1));
        let key = match parsed {
            Line::Answer(a) => (
                a.question.split('/').next().unwrap()[1..]
                    .parse::<usize>()
                    .unwrap(),
                (a.at / 1000 - T0) as usize,
            ),
            Line::Other(v) => (
                v["child"].as_u64().unwrap() as usize,
                v["i"].as_u64().unwrap() as usize,
            ),
            other => panic!("unexpected line {other:?}"),
        };
        assert!(seen.insert(key), "line {} appears twice: {key:?}", n + 1);
    }
    assert_eq!(
        seen.len(),
        PROCESSES * EVENTS,
        "every event of every process is there"
    );

    let (engine, notices) = open(&env_at(tmp.path(), T0));
    assert!(notices.is_empty(), "{notices:?}");
    let big = (0..EVENTS).filter(|&i| is_big(i)).count();
    assert_eq!(engine.answer_count(), PROCESSES * (EVENTS - big));
    assert_eq!(engine.events_of_kind("session").count(), PROCESSES * big);
}
