//! The "exam" history event of an attempt (submitted, timed out or abandoned), and reading the
//! score trend back from such events. Pure: typed events in and out (`engine::events`).
//!
//! Event (one JSON line in the history):
//! `{"v":1,"kind":"exam","at":…,"attempt":…,"exam":…,"title":…,"status":"submitted"|"expired"|"abandoned",
//!   "questions":N,"answered":N,"flagged":N,"elapsed_ms":…,"limit_ms":…,
//!   "correct":N,"scaled":N,"pass":N,"passed":bool,"scale":"estimate",     (not when abandoned)
//!   "domains":[{"id","correct","total"}],"topics":[{"id","correct","total"}], (not when abandoned)
//!   "answers":[{"q":"pack/question","chosen":[file indexes],"correct":bool,"flagged":bool,"ms":N}],
//!   "forecast":{"at","expected","low","high","pass_probability"}}   (optional; exam::readiness)`

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::attempt::Attempt;
use super::score::{Report, Tally};
use crate::engine::events::{self, ExamAnswer, ExamEvent};

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Submitted,
    /// The time ran out and the attempt was submitted automatically.
    Expired,
    Abandoned,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Expired => "expired",
            Status::Abandoned => "abandoned",
        }
    }
}

fn tallies(ts: &[Tally]) -> Vec<events::Tally> {
    ts.iter()
        .map(|t| events::Tally {
            id: t.id.clone(),
            correct: t.correct,
            total: t.total,
        })
        .collect()
}

fn base(attempt: &Attempt, status: Status, at: OffsetDateTime) -> ExamEvent {
    ExamEvent {
        at: at.format(&Rfc3339).unwrap_or_default(),
        attempt: attempt.id.clone(),
        exam: attempt.exam.id.clone(),
        title: attempt.exam.title.clone(),
        status: status.id().into(),
        started: attempt.started.clone(),
        questions: attempt.items.len(),
        answered: attempt.answered(),
        flagged: attempt.flagged(),
        elapsed_ms: attempt.elapsed_ms,
        limit_ms: attempt.limit_ms(),
        correct: None,
        scaled: None,
        pass: None,
        passed: None,
        scale: None,
        domains: None,
        topics: None,
        answers: Vec::new(),
        forecast: None,
    }
}

/// The event of a scored attempt (submitted by the user or when time ran out).
pub fn scored(attempt: &Attempt, report: &Report, expired: bool, at: OffsetDateTime) -> ExamEvent {
    let status = if expired {
        Status::Expired
    } else {
        Status::Submitted
    };
    ExamEvent {
        correct: Some(report.correct),
        scaled: Some(report.scaled),
        pass: Some(report.exam.pass),
        passed: Some(report.passed),
        scale: Some("estimate".into()),
        domains: Some(tallies(&report.domains)),
        topics: Some(tallies(&report.topics)),
        answers: report
            .results
            .iter()
            .map(|r| ExamAnswer {
                q: r.key.clone(),
                chosen: r.chosen.clone(),
                correct: Some(r.correct),
                flagged: r.flagged,
                ms: r.ms,
            })
            .collect(),
        ..base(attempt, status, at)
    }
}

/// The event of an abandoned attempt: what was answered, no score.
pub fn abandoned(attempt: &Attempt, at: OffsetDateTime) -> ExamEvent {
    ExamEvent {
        answers: attempt
            .items
            .iter()
            .map(|i| ExamAnswer {
                q: i.key.clone(),
                chosen: i.chosen.clone(),
                correct: None,
                flagged: i.flagged,
                ms: i.ms,
            })
            .collect(),
        ..base(attempt, Status::Abandoned, at)
    }
}

/// The scaled scores of scored mock exams, oldest first, for `Dashboard.exam_scores` (the stats
/// screen's trend). Give it the history's exam events in file order; abandoned attempts are
/// skipped, and an attempt written twice (a crash between writing its event and deleting its
/// in-progress file) counts once.
pub fn exam_scores<'a>(events: impl IntoIterator<Item = &'a ExamEvent>) -> Vec<u32> {
    let mut seen = std::collections::HashSet::new();
    events
        .into_iter()
        .filter(|e| e.is_scored())
        .filter(|e| seen.insert(e.attempt.clone()))
        .filter_map(|e| e.scaled)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::events::{Event, Kind};
    use crate::exam::{find, fixture_library, score};
    use time::macros::datetime;

    #[test]
    fn events_and_trend() {
        let lib = fixture_library();
        let exam = find(&lib, "fixture-mock").unwrap().clone();
        let t = datetime!(2026-11-26 10:00 UTC);
        let mut a = Attempt::start(&lib, &exam, 1, t).unwrap();
        let q = lib.question(lib.find(&a.items[0].key).unwrap());
        a.items[0].chosen = q.correct_set();
        a.items[2].flagged = true;
        let r = score(&lib, &a);
        let e = scored(&a, &r, false, t);
        let line: serde_json::Value =
            serde_json::from_str(&Event::from(Kind::Exam(Box::new(e.clone()))).to_line()).unwrap();
        assert_eq!(line["v"], 1);
        assert_eq!(line["kind"], "exam");
        assert_eq!(line["status"], "submitted");
        assert_eq!(line["answered"], 1);
        assert_eq!(line["flagged"], 1);
        assert_eq!(line["correct"], 1);
        assert_eq!(line["scale"], "estimate");
        assert_eq!(line["answers"].as_array().unwrap().len(), 5);
        assert_eq!(line["answers"][0]["correct"], true);
        assert_eq!(line["at"], "2026-11-26T10:00:00Z");
        let x = scored(&a, &r, true, t);
        assert_eq!(x.status, "expired");
        let ab = abandoned(&a, t);
        assert_eq!(ab.status, "abandoned");
        let ab_line = Event::from(Kind::Exam(Box::new(ab.clone()))).to_line();
        assert!(!ab_line.contains("scaled") && !ab_line.contains("\"correct\""));

        let mut b = a.clone();
        b.id.push('2');
        let second = scored(&b, &r, false, t);
        let events = [e.clone(), ab, e.clone(), second];
        assert_eq!(
            exam_scores(&events),
            vec![r.scaled, r.scaled],
            "abandoned and repeated attempts are skipped"
        );
    }
}
