//! Golden test: our scheduler (fsrs crate + our state machine) against py-fsrs 6.3.2, the
//! reference implementation, on the committed fixture from tests/fixtures/fsrs/gen_golden.py.
//! State and step must be equal, stability and difficulty within relative 1e-5, due dates equal
//! except where the reference's unrounded interval sits on a .5 boundary (f32 vs f64, srs.md §2.3).

use decouple_quiz::engine::{Card, CardState, Rating, ReviewConfig, Scheduler};
use serde_json::Value;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/fsrs/golden.jsonl"
);

fn state(n: u64) -> CardState {
    match n {
        1 => CardState::Learning,
        2 => CardState::Review,
        3 => CardState::Relearning,
        _ => panic!("unknown py-fsrs state {n}"),
    }
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(f64::MIN_POSITIVE)
}

/// The reference's unrounded interval in days for stability `s` (py-fsrs `_next_interval`).
fn raw_interval(s: f64, dr: f64) -> f64 {
    let decay = -f64::from(fsrs::DEFAULT_PARAMETERS[20]);
    let factor = 0.9f64.powf(1.0 / decay) - 1.0;
    s / factor * (dr.powf(1.0 / decay) - 1.0)
}

fn near_half(x: f64) -> bool {
    ((x - x.floor()) - 0.5).abs() <= (1e-3f64).max(1e-5 * x)
}

fn steps(v: &Value) -> Vec<u32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_u64().unwrap() as u32)
        .collect()
}

#[test]
fn matches_py_fsrs_reference() {
    let text = std::fs::read_to_string(FIXTURE).expect("golden fixture");
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(header["py_fsrs"], "6.3.2");
    let (mut sequences, mut reviews, mut boundary) = (0, 0, 0);
    let (mut max_s, mut max_d) = (0f64, 0f64);
    let mut notes = Vec::new();
    for (n, line) in lines.enumerate() {
        let seq: Value = serde_json::from_str(line).unwrap();
        let dr = seq["dr"].as_f64().unwrap();
        let cfg = ReviewConfig {
            desired_retention: dr,
            learning_steps: steps(&seq["learning"]),
            relearning_steps: steps(&seq["relearning"]),
            max_interval_days: seq["max_ivl"].as_u64().unwrap() as u32,
            fuzz: false,
            new_per_day: 20,
            exam_date: None,
        };
        if let Some(note) = seq["note"].as_str() {
            notes.push(note.to_string());
        }
        let sched = Scheduler::new(&[], &cfg).unwrap();
        let mut card = Card::default();
        for (i, row) in seq["reviews"].as_array().unwrap().iter().enumerate() {
            let r = row.as_array().unwrap();
            let at = r[0].as_i64().unwrap();
            let rating = Rating::from_u8(r[1].as_u64().unwrap() as u8).unwrap();
            sched.review(&mut card, rating, at * 1000, 0);
            let at_what = format!("sequence {} (line {}), review {i}: {line}", n, n + 2);
            assert_eq!(
                card.state(),
                state(r[2].as_u64().unwrap()),
                "state at {at_what}"
            );
            assert_eq!(
                card.step(),
                r[3].as_u64().map(|s| s as u32),
                "step at {at_what}"
            );
            let (s_ref, d_ref) = (r[4].as_f64().unwrap(), r[5].as_f64().unwrap());
            let (s, d) = (
                f64::from(card.stability().unwrap()),
                f64::from(card.difficulty().unwrap()),
            );
            max_s = max_s.max(rel(s, s_ref));
            max_d = max_d.max(rel(d, d_ref));
            assert!(
                rel(s, s_ref) <= 1e-5,
                "stability {s} vs {s_ref} at {at_what}"
            );
            assert!(
                rel(d, d_ref) <= 1e-5,
                "difficulty {d} vs {d_ref} at {at_what}"
            );
            let due = card.due_ms().unwrap() / 1000;
            let due_ref = r[6].as_i64().unwrap();
            if due != due_ref {
                let ivl = raw_interval(s_ref, dr);
                let allowed = card.state() == CardState::Review
                    && near_half(ivl)
                    && (due - due_ref).abs() == 86_400;
                assert!(
                    allowed,
                    "due {due} vs {due_ref} (raw interval {ivl}) at {at_what}"
                );
                boundary += 1;
            }
            reviews += 1;
        }
        sequences += 1;
    }
    assert_eq!(sequences, header["sequences"].as_u64().unwrap() as usize);
    assert_eq!(reviews, header["reviews"].as_u64().unwrap() as usize);
    assert!(sequences >= 2000 && notes.len() >= 10);
    assert!(
        boundary <= 5,
        "{boundary} due dates off by a day on a .5 boundary"
    );
    println!(
        "{sequences} sequences, {reviews} reviews; max rel. diff S {max_s:.2e}, D {max_d:.2e}; {boundary} .5-boundary due differences"
    );
}
