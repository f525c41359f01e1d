//! Scheduler properties that need no oracle: rating order of stability, difficulty bounds, the
//! crate's one-rating replay equals `next_states`, deterministic replay, fuzz bounds, exam cap.

use crate::support::helpers;

use decouple_quiz::engine::schedule::{fuzz_range, fuzz_seed, fuzzed};
use decouple_quiz::engine::{Card, CardState, Rating, ReviewConfig, Scheduler};
use fsrs::FSRS;
use helpers::*;
use proptest::prelude::*;

fn no_fuzz() -> ReviewConfig {
    ReviewConfig {
        fuzz: false,
        ..ReviewConfig::default()
    }
}

fn rating(n: u8) -> Rating {
    Rating::from_u8(n).unwrap()
}

/// Reviews as (gap in seconds, rating 1..=4).
fn history() -> impl Strategy<Value = Vec<(i64, u8)>> {
    let gap = prop_oneof![1i64..3_600, 3_600i64..86_400, 86_400i64..(200 * 86_400)];
    prop::collection::vec((gap, 1u8..=4), 1..25)
}

fn replay(sched: &Scheduler, reviews: &[(i64, u8)]) -> (Card, i64) {
    let mut card = Card::default();
    let mut t = T0 * 1000;
    for &(gap, r) in reviews {
        t += gap * 1000;
        sched.review(&mut card, rating(r), t, 42);
    }
    (card, t)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn stability_orders_again_hard_good_easy(reviews in history(), wait in 1i64..400) {
        let sched = Scheduler::new(&[], &no_fuzz()).unwrap();
        let (card, t) = replay(&sched, &reviews);
        prop_assume!(card.state() == CardState::Review);
        let after = |r: u8| {
            let mut c = card.clone();
            sched.review(&mut c, rating(r), t + wait * 86_400_000, 42);
            c.stability().unwrap()
        };
        let (a, h, g, e) = (after(1), after(2), after(3), after(4));
        prop_assert!(a < h && h <= g && g <= e, "{a} {h} {g} {e}");
    }

    #[test]
    fn difficulty_stays_in_bounds_and_state_is_consistent(reviews in history()) {
        for cfg in [no_fuzz(), ReviewConfig::default(), ReviewConfig { learning_steps: vec![], relearning_steps: vec![], ..no_fuzz() }] {
            let sched = Scheduler::new(&[], &cfg).unwrap();
            let mut card = Card::default();
            let mut t = T0 * 1000;
            for &(gap, r) in &reviews {
                t += gap * 1000;
                sched.review(&mut card, rating(r), t, 7);
                let d = card.difficulty().unwrap();
                prop_assert!((1.0..=10.0).contains(&d), "difficulty {d}");
                prop_assert!(card.stability().unwrap() >= 0.001);
                prop_assert!(card.due_ms().unwrap() > t);
                prop_assert_eq!(card.step().is_some(), card.state() != CardState::Review);
            }
            prop_assert_eq!(card.reps() as usize, reviews.len());
        }
    }

    #[test]
    fn one_rating_replay_equals_next_states(reviews in history()) {
        // The scheduler steps memory with the crate's `memory_state`; it must be bit-identical to
        // picking the rating out of `next_states`.
        let sched = Scheduler::new(&[], &no_fuzz()).unwrap();
        let fsrs = FSRS::default();
        let mut card = Card::default();
        let mut memory = None;
        let (mut t, mut last) = (T0 * 1000, None::<i64>);
        for &(gap, r) in &reviews {
            t += gap * 1000;
            let days = last.map_or(0, |l| (t - l).div_euclid(86_400_000)) as u32;
            let next = fsrs.next_states(memory, 0.9, days).unwrap();
            let m = [next.again, next.hard, next.good, next.easy][usize::from(r) - 1].memory;
            memory = Some(m);
            last = Some(t);
            sched.review(&mut card, rating(r), t, 0);
            prop_assert_eq!(card.memory(), Some(m));
        }
    }

    #[test]
    fn fuzz_stays_in_range_and_is_a_pure_function(days in 1i64..40_000, seed in any::<u64>()) {
        let f = fuzzed(days, 36_500, seed);
        prop_assert_eq!(f, fuzzed(days, 36_500, seed));
        if days < 3 {
            prop_assert_eq!(f, days);
        } else {
            let (lo, hi) = fuzz_range(days, 36_500);
            prop_assert!(lo <= f && f <= hi, "{lo} <= {f} <= {hi}");
        }
    }
}

#[test]
fn fuzz_spreads_due_dates_but_replays_identically() {
    let sched = Scheduler::new(&[], &ReviewConfig::default()).unwrap();
    let mut dues = std::collections::BTreeSet::new();
    for q in 0..40 {
        let seed = fuzz_seed(&format!("p/q{q}"));
        let run = || {
            let mut c = Card::default();
            for (i, r) in [3u8, 3, 3, 3].into_iter().enumerate() {
                sched.review(
                    &mut c,
                    rating(r),
                    (T0 + [0, 600, 5 * DAY, 20 * DAY][i]) * 1000,
                    seed,
                );
            }
            c.due_ms().unwrap()
        };
        let due = run();
        assert_eq!(due, run());
        dues.insert(due);
    }
    assert!(
        dues.len() > 3,
        "fuzz should spread 40 questions over several days: {dues:?}"
    );
}

#[test]
fn exam_date_spreads_the_final_reviews_over_the_window() {
    // Exam on 2026-12-06 (day +10); the 7-day window runs from 2026-11-30 (day +4).
    let exam = time::macros::date!(2026 - 12 - 06);
    let cfg = ReviewConfig {
        exam_date: Some(exam),
        ..no_fuzz()
    };
    let sched = Scheduler::new(&[], &cfg).unwrap();
    let mut c = Card::default();
    sched.review(&mut c, Rating::Easy, T0 * 1000, 0);
    // Easy on a new card is 8 days (S = 8.2956), into the window: moved to a day of the window
    // no later than its own due day.
    let due = c.due().unwrap();
    assert!(due >= at(T0 + 4 * DAY) && due <= at(T0 + 8 * DAY), "{due}");
    // The same answer, another question: another day of the window, deterministically.
    let days: std::collections::BTreeSet<i64> = (0..40u64)
        .map(|seed| {
            let mut c = Card::default();
            sched.review(&mut c, Rating::Easy, T0 * 1000, seed);
            (c.due().unwrap() - at(T0)).whole_days()
        })
        .collect();
    assert_eq!(days, (4..=8).collect(), "spread over the window");
    // A review inside the window is the final one before the exam: the normal interval, which
    // may end after the exam.
    let mut c = Card::default();
    sched.review(&mut c, Rating::Easy, (T0 + 5 * DAY) * 1000, 0);
    assert_eq!(c.due(), Some(at(T0 + 13 * DAY)));
    // Without an exam date, nothing moves.
    let free = Scheduler::new(&[], &no_fuzz()).unwrap();
    let mut c = Card::default();
    free.review(&mut c, Rating::Easy, T0 * 1000, 0);
    assert_eq!(c.due(), Some(at(T0 + 8 * DAY)));
    // After the exam date, normal scheduling.
    let mut c = Card::default();
    sched.review(&mut c, Rating::Good, (T0 + 11 * DAY) * 1000, 0);
    sched.review(&mut c, Rating::Good, (T0 + 11 * DAY) * 1000 + 600_000, 0);
    let mut n = Card::default();
    free.review(&mut n, Rating::Good, (T0 + 11 * DAY) * 1000, 0);
    free.review(&mut n, Rating::Good, (T0 + 11 * DAY) * 1000 + 600_000, 0);
    assert_eq!(c.due(), n.due());
}

#[test]
fn lapses_count_failures_in_review_only() {
    let sched = Scheduler::new(&[], &no_fuzz()).unwrap();
    let mut c = Card::default();
    let mut t = T0;
    for r in [1u8, 1, 3, 3, 1, 3, 1, 1, 3] {
        sched.review(&mut c, rating(r), t * 1000, 0);
        t += 3 * DAY;
    }
    assert_eq!((c.reps(), c.lapses()), (9, 2));
    assert_eq!(c.state(), CardState::Review);
}
