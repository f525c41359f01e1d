//! Unit tests of the readiness forecast on the fixture pack, with a real engine in a temp dir.

use super::*;
use crate::engine::{AnswerInput, Mode};
use crate::env::Env;
use crate::exam::fixture_library;
use crate::paths::Paths;
use time::macros::datetime;

fn engine(dir: &std::path::Path, config: &str) -> Engine {
    let paths = Paths::resolve(Some(dir.join("data")), Some(dir.join("config")));
    std::fs::create_dir_all(dir.join("config")).unwrap();
    std::fs::write(dir.join("config/config.toml"), config).unwrap();
    let env = Env {
        paths,
        sources: Default::default(),
        fixed_now: Some(datetime!(2026-11-01 10:00 UTC)),
        seed: Some(1),
        cache_window_ns: 0,
    };
    Engine::open_uncached(&env).unwrap().0
}

fn answer(e: &mut Engine, key: &str, correct: bool, at: OffsetDateTime) {
    e.record_answer(&AnswerInput {
        key: key.into(),
        mode: Mode::Practice,
        chosen: vec![0],
        correct,
        unsure: false,
        ms: 1000,
        at,
    })
    .unwrap();
}

#[test]
fn nothing_seen_is_the_default_prior_with_a_wide_range() {
    let dir = tempfile::tempdir().unwrap();
    let lib = fixture_library();
    let e = engine(dir.path(), "");
    let r = readiness(&e, &lib, datetime!(2026-11-01 10:00 UTC)).unwrap();
    assert_eq!(r.now.exam, "fixture-mock");
    assert_eq!(r.now.questions, 5);
    assert!((r.now.expected_correct - 2.5).abs() < 1e-9, "{:?}", r.now);
    assert!(r.now.low < r.now.expected && r.now.expected < r.now.high);
    assert!(r.now.pass_probability > 0.05 && r.now.pass_probability < 0.5);
    assert!(r.now.domains.iter().all(|d| d.seen == 0 && d.prior == 0.5));
    assert_eq!(
        r.now.domains.iter().map(|d| d.bank).sum::<usize>(),
        5,
        "the exam's domains"
    );
    assert_eq!(r.now.domains.iter().map(|d| d.questions).sum::<usize>(), 5);
    assert!(r.exam_day.is_none());
}

#[test]
fn fresh_right_answers_forecast_a_pass_and_old_ones_fade() {
    let dir = tempfile::tempdir().unwrap();
    let lib = fixture_library();
    let mut e = engine(dir.path(), "[review]\nexam_date = 2027-03-01\n");
    let t = datetime!(2026-11-01 10:00 UTC);
    for r in lib.all().collect::<Vec<_>>() {
        answer(&mut e, &lib.key(r), true, t);
        answer(&mut e, &lib.key(r), true, t + time::Duration::minutes(2));
    }
    let soon = readiness(&e, &lib, t + time::Duration::hours(1)).unwrap();
    assert!(soon.now.expected >= 900, "{:?}", soon.now);
    assert!(soon.now.pass_probability > 0.8);
    assert!(soon.now.domains.iter().all(|d| d.seen == d.bank));
    // Before the answers, the forecast does not know them.
    let before = forecast(
        &e,
        &lib,
        target(&lib).unwrap(),
        t - time::Duration::hours(1),
    );
    assert!(before.unwrap().domains.iter().all(|d| d.seen == 0));
    // Months later without reviews, recall has faded.
    let later = readiness(&e, &lib, datetime!(2027-02-01 10:00 UTC)).unwrap();
    assert!(later.now.expected < soon.now.expected);
    let day = later.exam_day.unwrap();
    assert_eq!((day.date.as_str(), day.days_left), ("2027-03-01", 28));
    assert!(!day.reviewing, "no answers in the last week");
    let on_day = day.forecast.unwrap();
    assert!(on_day.expected <= later.now.expected, "{on_day:?}");
    // While reviewing, recall on exam day is kept at the desired retention.
    let active = readiness(&e, &lib, t + time::Duration::days(2)).unwrap();
    let day = active.exam_day.unwrap();
    assert!(day.reviewing);
    assert!(day.forecast.unwrap().expected_correct >= 0.9 * 5.0 - 1e-9);
    // A date in the past has no exam-day forecast.
    let gone = readiness(&e, &lib, datetime!(2027-03-02 10:00 UTC)).unwrap();
    assert!(gone.exam_day.unwrap().forecast.is_none());
}

#[test]
fn first_attempts_set_the_prior_of_their_domain() {
    let dir = tempfile::tempdir().unwrap();
    let lib = fixture_library();
    let mut e = engine(dir.path(), "");
    let t = datetime!(2026-11-01 10:00 UTC);
    let keys: Vec<String> = lib.all().map(|r| lib.key(r)).collect();
    let d0 = domain_of(&lib, &keys[0]).unwrap();
    answer(&mut e, &keys[0], false, t);
    answer(&mut e, &keys[0], true, t + time::Duration::minutes(1));
    let f = forecast(
        &e,
        &lib,
        target(&lib).unwrap(),
        t + time::Duration::hours(1),
    )
    .unwrap();
    let row = f.domains.iter().find(|d| d.id == d0.id()).unwrap();
    assert_eq!(row.first_answers, 1, "only the first answer counts");
    // Overall 0/1 → (0 + 5)/11; the domain shrinks towards that.
    let overall = 5.0 / 11.0;
    assert!(
        (row.prior - (10.0 * overall) / 11.0).abs() < 1e-9,
        "{row:?}"
    );
    let other = f.domains.iter().find(|d| d.id != d0.id()).unwrap();
    assert!((other.prior - overall).abs() < 1e-9);
    let line = before_attempt(&e, &lib, "fixture-mock", "2026-11-01T11:00:00Z").unwrap();
    assert_eq!(
        (line.expected, line.low, line.high),
        (f.expected, f.low, f.high)
    );
    assert!(before_attempt(&e, &lib, "nope", "2026-11-01T11:00:00Z").is_none());
}
