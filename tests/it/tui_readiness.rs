//! The readiness panel on home and the Stats screen's "readiness and mock exams" page: snapshots
//! at 80×24 and 120×40 (monochrome, the colour theme asserted to show the same text), and the
//! keys of the page: Tab switches, Enter reopens a past exam's report (Esc comes back), `r`
//! retakes its wrong questions.

use crate::support::tui as support;

use decouple_quiz::engine::events::{ExamAnswer, ExamForecast, Tally};
use decouple_quiz::exam::past::PastExam;
use decouple_quiz::exam::readiness::{DomainOutlook, ExamDay, Forecast, Readiness};
use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Effect, Model, Request, Screen};
use decouple_quiz::tui::screens::stats::Page;
use decouple_quiz::tui::theme::Theme;
use support::*;

fn snap(name: &str, model: &Model) {
    for (w, h) in [(80, 24), (120, 40)] {
        let color = render(model, &Theme::color(), w, h);
        let mono = render(model, &Theme::mono(), w, h);
        assert_eq!(rows(mono.buffer()), rows(color.buffer()), "{name}");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), mono_view(&mono));
    }
}

fn forecast(at: &str, expected: u32, low: u32, high: u32, p: f64) -> Forecast {
    let domain = |id: &str, title: &str, questions, bank, seen, chance| DomainOutlook {
        id: id.into(),
        title: title.into(),
        questions,
        bank,
        seen,
        chance,
        prior: 0.6,
        first_answers: seen,
    };
    Forecast {
        exam: "saa-full".into(),
        at: at.into(),
        questions: 65,
        pass: 720,
        expected,
        low,
        high,
        pass_probability: p,
        expected_correct: 44.2,
        domains: vec![
            domain("secure", "Design Secure Architectures", 12, 13, 9, 0.71),
            domain(
                "resilient",
                "Design Resilient Architectures",
                26,
                101,
                64,
                0.74,
            ),
            domain(
                "performant",
                "Design High-Performing Architectures",
                18,
                50,
                20,
                0.63,
            ),
            domain(
                "cost",
                "Design Cost-Optimized Architectures",
                9,
                11,
                2,
                0.58,
            ),
        ],
    }
}

fn readiness(exam_day: bool) -> Readiness {
    Readiness {
        title: "Solutions Architect Associate: full-length mock".into(),
        now: forecast("2026-11-26T10:00:00Z", 688, 590, 781, 0.34),
        exam_day: exam_day.then(|| ExamDay {
            date: "2026-12-15".into(),
            days_left: 19,
            new_per_day: 6.5,
            reviewing: true,
            seen: 166,
            bank: 175,
            forecast: Some(forecast("2026-12-15T12:00:00Z", 781, 690, 874, 0.74)),
        }),
    }
}

fn past(day: u8, scaled: u32, expected: Option<u32>, wrong: &[&str]) -> PastExam {
    let at = format!("2026-11-{day:02}T11:00:00Z");
    let answers = [BUFFER, POISON, FANOUT, HOT]
        .iter()
        .map(|q| ExamAnswer {
            q: q.to_string(),
            chosen: vec![0],
            correct: Some(!wrong.contains(q)),
            flagged: false,
            ms: 1000,
        })
        .collect();
    PastExam {
        attempt: format!("saa-full@{at}#1"),
        exam: "saa-full".into(),
        title: "Solutions Architect Associate: full-length mock".into(),
        at: at.clone(),
        started: format!("2026-11-{day:02}T09:00:00Z"),
        status: "submitted".into(),
        questions: 65,
        correct: 40,
        scaled,
        pass: 720,
        passed: scaled >= 720,
        domains: ["secure", "resilient", "performant", "cost"]
            .iter()
            .enumerate()
            .map(|(i, id)| Tally {
                id: id.to_string(),
                correct: 3 + i,
                total: 8,
            })
            .collect(),
        forecast: expected.map(|e| ExamForecast {
            at: format!("2026-11-{day:02}T09:00:00Z"),
            expected: e,
            low: e - 100,
            high: e + 100,
            pass_probability: 0.3,
        }),
        answers,
        elapsed_ms: 60_000,
        limit_ms: 130 * 60_000,
    }
}

fn with_exams() -> Model {
    let mut m = model();
    m.dash = dashboard(&m.lib);
    m.dash.readiness = Some(readiness(true));
    m.dash.exams = vec![
        past(2, 540, None, &[POISON, FANOUT]),
        past(12, 655, Some(610), &[POISON]),
        past(22, 733, Some(701), &[FANOUT]),
    ];
    m.dash.exam_scores = m.dash.exams.iter().map(|e| e.scaled).collect();
    m
}

#[test]
fn home_shows_the_readiness_panel() {
    let mut m = with_exams();
    snap("home_readiness_exam_day", &m);
    m.dash.readiness = Some(readiness(false));
    snap("home_readiness", &m);
}

#[test]
fn stats_progress_page_has_labelled_heat_map() {
    let mut m = with_exams();
    press(&mut m, "jjjjjj<enter>");
    assert!(matches!(m.screen, Screen::Stats(_)));
    snap("stats_progress_labelled", &m);
}

#[test]
fn stats_exams_page() {
    let mut m = with_exams();
    press(&mut m, "jjjjjj<enter><tab>j");
    let Screen::Stats(s) = &m.screen else {
        panic!("stats")
    };
    assert_eq!((s.page, s.exam), (Page::Exams, 1));
    snap("stats_exams", &m);
    let mut empty = model();
    press(&mut empty, "jjjjjj<enter><tab>");
    snap("stats_exams_empty", &empty);
}

#[test]
fn a_past_exam_reopens_and_esc_comes_back() {
    let mut m = with_exams();
    // The second newest: the exam of the 12th, with POISON wrong.
    press(&mut m, "jjjjjj<enter><tab>j<enter>");
    let Screen::Report(r) = &m.screen else {
        panic!("report")
    };
    assert_eq!(r.report.total(), 4);
    assert_eq!(r.attempt.started, "2026-11-12T09:00:00Z");
    press(&mut m, "<esc>");
    let Screen::Stats(s) = &m.screen else {
        panic!("back on stats")
    };
    assert_eq!((s.page, s.exam), (Page::Exams, 1));
}

#[test]
fn r_retakes_the_selected_exams_wrong_questions() {
    let mut m = with_exams();
    let effects = press(&mut m, "jjjjjj<enter><tab>jr");
    let wanted = vec![qref(&m, POISON)];
    assert!(
        effects.iter().any(|e| matches!(e,
            Effect::Start(Request::Questions { kind: Kind::Retake, questions }) if *questions == wanted)),
        "{effects:?}"
    );
}
