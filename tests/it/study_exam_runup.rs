//! The exam run-up (issue 11, point 4): with an exam 14 days out, a simulated learner on the
//! built-in packs at the default limits reviews every seen question in the last 7 days, and no
//! day of that window carries more than 1.5 times the window's mean load.

use std::collections::{HashMap, HashSet};

use crate::support::helpers::{self, DAY, MIN, T0};

#[test]
fn an_exam_fourteen_days_out_spreads_the_final_reviews() {
    let lib = decouple_quiz::library::load(&decouple_quiz::library::Sources {
        builtin: true,
        dirs: Vec::new(),
        files: Vec::new(),
    })
    .library;
    let tmp = tempfile::tempdir().unwrap();
    let exam = helpers::at(T0 + 14 * DAY).date();
    std::fs::create_dir_all(tmp.path().join("config")).unwrap();
    std::fs::write(
        tmp.path().join("config/config.toml"),
        format!("[review]\nexam_date = \"{exam}\"\n"),
    )
    .unwrap();
    let (mut engine, notices) = helpers::open(&helpers::env_at(tmp.path(), T0));
    assert!(notices.is_empty(), "{notices:?}");
    // Day of first answer, per question; reviews (questions introduced before that day) per day.
    let mut introduced: HashMap<String, i64> = HashMap::new();
    let mut reviewed_in_window: HashSet<String> = HashSet::new();
    let mut reviews = vec![0usize; 15];
    let mut n = 0u64;
    for day in 0..=14i64 {
        let mut t = T0 + day * DAY;
        // One sitting a day: the queue, with missed questions coming back in the session.
        let mut queue: std::collections::VecDeque<_> =
            engine.review_queue(&lib, helpers::at(t)).into();
        while let Some(r) = queue.pop_front() {
            let key = lib.key(r);
            n += 1;
            let correct = !n.is_multiple_of(6);
            let first = *introduced.entry(key.clone()).or_insert(day);
            if first < day {
                reviews[day as usize] += 1;
                if day >= 8 {
                    reviewed_in_window.insert(key.clone());
                }
            }
            let rec = engine
                .record_answer(&helpers::input(&key, correct, t))
                .unwrap();
            t += MIN;
            if rec.due - helpers::at(t) < time::Duration::minutes(20) {
                queue.push_back(r);
            }
        }
    }
    let window = &reviews[8..=14];
    let mean = window.iter().sum::<usize>() as f64 / window.len() as f64;
    let max = *window.iter().max().unwrap() as f64;
    assert!(
        max <= 1.5 * mean,
        "reviews per day {reviews:?}: the window's max {max} is above 1.5 × its mean {mean:.1}"
    );
    let seen_before: Vec<&String> = introduced
        .iter()
        .filter(|(_, d)| **d < 8)
        .map(|(k, _)| k)
        .collect();
    let missed: Vec<&&String> = seen_before
        .iter()
        .filter(|k| !reviewed_in_window.contains(**k))
        .collect();
    assert!(
        missed.is_empty(),
        "{} of {} questions seen before the window were not reviewed in it (reviews per day {reviews:?})",
        missed.len(),
        seen_before.len()
    );
}
