//! Queues, counts and topics on a small library: review queue order and new-question budget,
//! due counts, forecast, streak, answers per day, topic stats, weakest topics, drill queue,
//! leeches, and deterministic replay of random histories.

use crate::support::helpers;

use decouple_quiz::engine::Engine;
use decouple_quiz::library::Library;
use helpers::*;
use proptest::prelude::*;

fn keys(lib: &Library, refs: &[decouple_quiz::library::QRef]) -> Vec<String> {
    refs.iter()
        .map(|r| lib.key(*r).trim_start_matches("p/").to_string())
        .collect()
}

fn fresh(now: i64, config: &str) -> (tempfile::TempDir, Engine) {
    let tmp = tempfile::tempdir().unwrap();
    if !config.is_empty() {
        std::fs::create_dir_all(tmp.path().join("config")).unwrap();
        std::fs::write(tmp.path().join("config/config.toml"), config).unwrap();
    }
    let (engine, notices) = open(&env_at(tmp.path(), now));
    assert!(notices.is_empty(), "{notices:?}");
    (tmp, engine)
}

#[test]
fn new_questions_round_robin_over_topics() {
    let lib = library(3);
    let (_tmp, engine) = fresh(T0, "");
    assert_eq!(
        keys(&lib, &engine.review_queue(&lib, at(T0))),
        ["a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3"]
    );
}

#[test]
fn new_per_day_counts_questions_introduced_today() {
    let lib = library(4);
    let (_tmp, mut engine) = fresh(T0, "[review]\nnew_per_day = 5\n");
    engine
        .record_answer(&input("p/c4", true, T0 - DAY))
        .unwrap();
    assert_eq!(
        engine.new_left_today(at(T0)),
        5,
        "yesterday's new question does not count today"
    );
    for k in ["p/a1", "p/b1", "p/c1"] {
        engine
            .record_answer(&input(k, true, T0 - 3 * HOUR))
            .unwrap();
    }
    assert_eq!(engine.new_left_today(at(T0)), 2);
    let q = keys(&lib, &engine.review_queue(&lib, at(T0)));
    // Learning questions by due time (c4 since yesterday, then a1, b1, c1), then 2 new.
    assert_eq!(q, ["c4", "a1", "b1", "c1", "a2", "b2"]);
    assert_eq!(engine.new_available(&lib, at(T0)), 2);
}

#[test]
fn queue_order_learning_then_most_overdue_reviews_then_new() {
    let lib = library(2);
    let (_tmp, mut engine) = fresh(T0, "[review]\nfuzz = false\n");
    // b1: graduated 20 days ago with S = 2.3 d (Good, Good), due ~18 days ago: very overdue.
    engine
        .record_answer(&input("p/b1", true, T0 - 20 * DAY))
        .unwrap();
    engine
        .record_answer(&input("p/b1", true, T0 - 20 * DAY + 600))
        .unwrap();
    // a2: reviewed a day after graduating, so a longer stability; due recently.
    engine
        .record_answer(&input("p/a2", true, T0 - 12 * DAY))
        .unwrap();
    engine
        .record_answer(&input("p/a2", true, T0 - 12 * DAY + 600))
        .unwrap();
    engine
        .record_answer(&input("p/a2", true, T0 - 10 * DAY))
        .unwrap();
    // c1: in learning, due 50 minutes ago; c2: learning, due in 5 minutes (within the 20-minute
    // learn-ahead window, so the session may show it early).
    engine
        .record_answer(&input("p/c1", true, T0 - HOUR))
        .unwrap();
    engine
        .record_answer(&input("p/c2", true, T0 - 5 * MIN))
        .unwrap();
    let q = keys(&lib, &engine.review_queue(&lib, at(T0)));
    // Reviews lowest retrievability first: b1 is far more overdue than a2.
    assert_eq!(q, ["c1", "c2", "b1", "a2", "a1", "b2"]);
    let due = engine.due_counts(&lib, at(T0));
    assert_eq!((due.now, due.today, due.week), (3, 4, 4));
    assert_eq!(engine.new_available(&lib, at(T0)), 2);
    let fc = engine.forecast(at(T0), 3);
    assert_eq!(fc, [4, 0, 0]);
}

#[test]
fn answers_per_day_and_streak_use_study_days() {
    let (_tmp, mut engine) = fresh(T0, "[review]\nday_starts_at = \"00:00\"\n");
    for (i, d) in [5, 3, 2, 2, 0].into_iter().enumerate() {
        engine
            .record_answer(&input(&format!("p/a{i}"), true, T0 - d * DAY))
            .unwrap();
    }
    assert_eq!(engine.answers_per_day(at(T0), 6), [1, 0, 1, 2, 0, 1]);
    assert_eq!(engine.streak(at(T0)), 1);
    // Before today's first answer the streak still counts up to yesterday.
    assert_eq!(
        engine.streak(at(T0 - DAY + 1)),
        2,
        "days -3 and -2, seen from day -1"
    );
    assert_eq!(engine.streak(at(T0 + 2 * DAY)), 0);
    // With days starting at midnight, 23:59:59 and 00:00:00 UTC are different days.
    let midnight = T0 - 10 * HOUR + DAY;
    engine
        .record_answer(&input("p/b1", true, midnight - 1))
        .unwrap();
    engine
        .record_answer(&input("p/b2", true, midnight))
        .unwrap();
    assert_eq!(engine.answers_per_day(at(midnight), 2), [2, 1]);
    assert_eq!(engine.streak(at(midnight)), 2);
}

#[test]
fn answers_per_day_and_streak_are_the_same_when_answers_came_out_of_time_order() {
    // Days 0, 1, 2 and 4 ago (a gap at 3), one more answer tomorrow (a clock ahead).
    let days = [4, 2, 2, 1, 0, 0, -1];
    let figures = |order: &[usize]| {
        let (_tmp, mut engine) = fresh(T0, "");
        // Recorded in `order`: a clock set back between answers records them out of order.
        for &i in order {
            engine
                .record_answer(&input(
                    &format!("p/a{i}"),
                    true,
                    T0 - days[i] * DAY - i as i64,
                ))
                .unwrap();
        }
        let yesterday = at(T0 - DAY);
        (
            engine.answers_per_day(at(T0), 6),
            engine.streak(at(T0)),
            engine.answers_per_day(yesterday, 3),
            engine.streak(yesterday),
        )
    };
    let in_order = figures(&[0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(in_order, (vec![0, 1, 0, 2, 1, 2], 3, vec![0, 2, 1], 2));
    assert_eq!(figures(&[5, 0, 6, 3, 1, 4, 2]), in_order);
}

#[test]
fn topics_weakness_and_drill() {
    let lib = library(3);
    let (_tmp, mut engine) = fresh(T0, "");
    assert!(engine.weakest_topics(&lib, at(T0), 3).is_empty());
    assert!(
        engine.drill_queue(&lib, at(T0), 5).is_empty(),
        "nothing started, nothing weak"
    );
    // Topic a: right twice; topic b: b1 wrong 28 days ago and right today, b2 wrong 3 days ago.
    engine
        .record_answer(&input("p/a1", true, T0 - HOUR))
        .unwrap();
    engine
        .record_answer(&input("p/a2", true, T0 - HOUR))
        .unwrap();
    engine
        .record_answer(&input("p/a1", true, T0 - 30 * MIN))
        .unwrap();
    engine
        .record_answer(&input("p/b1", false, T0 - 28 * DAY))
        .unwrap();
    engine
        .record_answer(&input("p/b1", true, T0 - MIN))
        .unwrap();
    engine
        .record_answer(&input("p/b2", false, T0 - 3 * DAY))
        .unwrap();
    let stats = engine.topic_stats(&lib, at(T0));
    let by = |k: &str| stats.iter().find(|t| t.key == k).unwrap().clone();
    let (a, b, c) = (by("p/a"), by("p/b"), by("p/c"));
    assert!(c.not_started && c.attempts == 0);
    assert_eq!((c.weakness, c.accuracy, c.retrievability), (0.0, 0.0, 0.0));
    assert_eq!((a.attempts, a.seen, a.total), (3, 2, 3));
    assert!((a.coverage - 2.0 / 3.0).abs() < 1e-12);
    // b: weights 1/4 (28 days = two half-lives), ~1, 2^(-3/14).
    let (w1, w2, w3) = (
        0.25,
        2f64.powf(-1.0 / 60.0 / 24.0 / 14.0),
        2f64.powf(-3.0 / 14.0),
    );
    assert!(
        (b.accuracy - w2 / (w1 + w2 + w3)).abs() < 1e-9,
        "{:?}",
        b.accuracy
    );
    assert!(b.weakness > a.weakness && a.weakness > 0.0);
    assert!(b.retrievability < a.retrievability);
    // Weakness is one minus the predicted recall (tomorrow), the figure the screens show.
    assert!((b.weakness - (1.0 - b.recall)).abs() < 1e-12);
    assert!(b.recall < a.recall && b.lapses == 0);
    let weakest: Vec<String> = engine
        .weakest_topics(&lib, at(T0), 5)
        .into_iter()
        .map(|t| t.key)
        .collect();
    assert_eq!(weakest, ["p/b", "p/a"]);
    // Drill: topic b first; b2 (failed 3 days ago, low recall) and the unseen b3 before b1.
    let drill = keys(&lib, &engine.drill_queue(&lib, at(T0), 3));
    assert_eq!(drill, ["b3", "b2", "b1"]);
    let more = keys(&lib, &engine.drill_queue(&lib, at(T0), 5));
    assert_eq!(more.len(), 5);
    assert!(more.contains(&"a3".to_string()), "{more:?}");
}

#[test]
fn leeches_include_questions_no_longer_in_any_pack() {
    let lib = library(1);
    let (_tmp, mut engine) = fresh(T0, "[review]\nfuzz = false\nleech_lapses = 4\n");
    for key in ["p/a1", "gone/q"] {
        let mut t = T0 - 100 * DAY;
        engine.record_answer(&input(key, true, t)).unwrap();
        engine.record_answer(&input(key, true, t + 600)).unwrap();
        for _ in 0..5 {
            t += 5 * DAY;
            engine.record_answer(&input(key, false, t)).unwrap();
            engine.record_answer(&input(key, true, t + 600)).unwrap();
        }
    }
    assert_eq!(engine.leeches(&lib), ["gone/q", "p/a1"]);
    let leeches = engine.leech_details(&lib);
    assert_eq!(leeches.len(), 2);
    assert_eq!(leeches[0].lapses, 5);
    assert_eq!(
        (leeches[0].key.as_str(), leeches[0].qref.is_some()),
        ("gone/q", false)
    );
    assert_eq!(
        (leeches[1].key.as_str(), leeches[1].qref.is_some()),
        ("p/a1", true)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn replay_is_deterministic(answers in prop::collection::vec((0usize..6, any::<bool>(), any::<bool>(), 1i64..(3 * DAY)), 1..40)) {
        let tmp = tempfile::tempdir().unwrap();
        let env = env_at(tmp.path(), T0 + 400 * DAY);
        let (mut live, _) = open(&env);
        let mut t = T0;
        for (q, correct, unsure, gap) in answers {
            t += gap;
            let mut a = input(&format!("p/a{q}"), correct, t);
            a.unsure = unsure;
            live.record_answer(&a).unwrap();
        }
        let snapshot = |e: &Engine| e.cards().map(|(k, c)| (k.to_string(), c.clone())).collect::<Vec<_>>();
        let (first, _) = open(&env);
        let (second, _) = open(&env);
        prop_assert_eq!(snapshot(&first), snapshot(&live));
        prop_assert_eq!(snapshot(&second), snapshot(&first));
    }
}

#[test]
fn the_cards_of_a_library_follow_new_history_and_a_reloaded_library() {
    let small = library(2);
    let (_tmp, mut engine) = fresh(T0, "");
    let c1 = small.find("p/c1").unwrap();
    assert!(engine.cards_in(&small).card(c1).is_none());
    assert_eq!(engine.new_available(&small, at(T0)), 6);
    engine
        .record_answer(&input("p/c1", true, T0 - HOUR))
        .unwrap();
    // Asked about the same library again, after c1 gained history.
    assert!(engine.cards_in(&small).card(c1).is_some());
    assert_eq!(engine.new_available(&small, at(T0)), 5);
    // A reloaded library puts c1 elsewhere (a and b have three questions each now).
    let big = library(3);
    let moved = big.find("p/c1").unwrap();
    assert_ne!(big.position(moved), small.position(c1));
    let cards = engine.cards_in(&big);
    assert!(cards.card(moved).is_some());
    assert!(cards.card(big.find("p/a3").unwrap()).is_none());
    assert_eq!(
        cards.id(moved),
        Some(0),
        "c1 was the first question answered"
    );
}
