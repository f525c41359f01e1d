//! Replay speed of a 100,000-answer history. Ignored by default and without any timing
//! assertion (timings vary with the machine); run it with
//! `cargo test --release --test engine_speed -- --ignored --nocapture`.

use crate::support::helpers;

use std::time::Instant;

use decouple_quiz::engine::{AnswerEvent, Mode, Rating};
use helpers::*;

#[test]
#[ignore = "measures; run on demand in release"]
fn replay_100k_answers() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("data")).unwrap();
    let mut text = String::new();
    let mut x: u64 = 1;
    for i in 0..100_000i64 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let correct = !x.is_multiple_of(5);
        let e = AnswerEvent {
            at: (T0 - 400 * DAY + i * 300) * 1000,
            question: format!("pack-{}/question-{}", x % 5, x % 2_000),
            mode: Mode::ALL[(x % 4) as usize],
            chosen: vec![(x % 4) as usize],
            correct,
            rating: if correct { Rating::Good } else { Rating::Again },
            ms: x % 60_000,
            unsure: x.is_multiple_of(7),
        };
        text.push_str(&e.to_line());
        text.push('\n');
    }
    std::fs::write(history(tmp.path()), &text).unwrap();
    let env = env_at(tmp.path(), T0);
    for _ in 0..5 {
        let start = Instant::now();
        let (engine, notices) = open(&env);
        let took = start.elapsed();
        assert!(notices.is_empty());
        assert_eq!(engine.answer_count(), 100_000);
        println!(
            "Engine::open of {} bytes, 100,000 answers, {} questions: {took:?}",
            text.len(),
            engine.cards().count()
        );
    }
}
