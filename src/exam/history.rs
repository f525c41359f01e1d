//! The "exam" history event of an attempt (submitted, timed out or abandoned), and reading the
//! score trend back from such events. Pure: JSON in, JSON out.
//!
//! Event (one JSON line in the history):
//! `{"v":1,"kind":"exam","at":…,"attempt":…,"exam":…,"title":…,"status":"submitted"|"expired"|"abandoned",
//!   "questions":N,"answered":N,"flagged":N,"elapsed_ms":…,"limit_ms":…,
//!   "correct":N,"scaled":N,"pass":N,"passed":bool,"scale":"estimate",     (not when abandoned)
//!   "domains":[{"id","correct","total"}],"topics":[{"id","correct","total"}], (not when abandoned)
//!   "answers":[{"q":"pack/question","chosen":[file indexes],"correct":bool,"flagged":bool,"ms":N}]}`

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::attempt::Attempt;
use super::score::{Report, Tally};

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

fn tallies(ts: &[Tally]) -> Value {
    ts.iter()
        .map(|t| json!({"id": t.id, "correct": t.correct, "total": t.total}))
        .collect()
}

fn base(attempt: &Attempt, status: Status, at: OffsetDateTime) -> serde_json::Map<String, Value> {
    let v = json!({
        "v": 1,
        "kind": "exam",
        "at": at.format(&Rfc3339).unwrap_or_default(),
        "attempt": attempt.id,
        "exam": attempt.exam.id,
        "title": attempt.exam.title,
        "status": status.id(),
        "started": attempt.started,
        "questions": attempt.items.len(),
        "answered": attempt.answered(),
        "flagged": attempt.flagged(),
        "elapsed_ms": attempt.elapsed_ms,
        "limit_ms": attempt.limit_ms(),
    });
    match v {
        Value::Object(m) => m,
        _ => unreachable!("json! of an object"),
    }
}

/// The event of a scored attempt (submitted by the user or when time ran out).
pub fn scored(attempt: &Attempt, report: &Report, expired: bool, at: OffsetDateTime) -> Value {
    let status = if expired {
        Status::Expired
    } else {
        Status::Submitted
    };
    let mut m = base(attempt, status, at);
    m.insert("correct".into(), json!(report.correct));
    m.insert("scaled".into(), json!(report.scaled));
    m.insert("pass".into(), json!(report.exam.pass));
    m.insert("passed".into(), json!(report.passed));
    m.insert("scale".into(), json!("estimate"));
    m.insert("domains".into(), tallies(&report.domains));
    m.insert("topics".into(), tallies(&report.topics));
    let answers: Value = report
        .results
        .iter()
        .map(|r| {
            json!({"q": r.key, "chosen": r.chosen, "correct": r.correct, "flagged": r.flagged, "ms": r.ms})
        })
        .collect();
    m.insert("answers".into(), answers);
    Value::Object(m)
}

/// The event of an abandoned attempt: what was answered, no score.
pub fn abandoned(attempt: &Attempt, at: OffsetDateTime) -> Value {
    let mut m = base(attempt, Status::Abandoned, at);
    let answers: Value = attempt
        .items
        .iter()
        .map(|i| json!({"q": i.key, "chosen": i.chosen, "flagged": i.flagged, "ms": i.ms}))
        .collect();
    m.insert("answers".into(), answers);
    Value::Object(m)
}

/// The scaled scores of scored mock exams, oldest first, for `Dashboard.exam_scores` (the stats
/// screen's trend). Give it the history's events in file order; anything that is not a scored
/// "exam" event is skipped, and an attempt written twice (a crash between writing its event and
/// deleting its in-progress file) counts once.
pub fn exam_scores<'a>(events: impl IntoIterator<Item = &'a Value>) -> Vec<u32> {
    let mut seen = std::collections::HashSet::new();
    events
        .into_iter()
        .filter(|e| e["kind"] == "exam")
        .filter(|e| e["status"] == "submitted" || e["status"] == "expired")
        .filter(|e| match e["attempt"].as_str() {
            Some(id) => seen.insert(id.to_string()),
            None => true,
        })
        .filter_map(|e| e["scaled"].as_u64())
        .filter_map(|s| u32::try_from(s).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(e["kind"], "exam");
        assert_eq!(e["status"], "submitted");
        assert_eq!(e["answered"], 1);
        assert_eq!(e["flagged"], 1);
        assert_eq!(e["correct"], 1);
        assert_eq!(e["scale"], "estimate");
        assert_eq!(e["answers"].as_array().unwrap().len(), 5);
        assert_eq!(e["answers"][0]["correct"], true);
        assert_eq!(e["at"], "2026-11-26T10:00:00Z");
        let x = scored(&a, &r, true, t);
        assert_eq!(x["status"], "expired");
        let ab = abandoned(&a, t);
        assert_eq!(ab["status"], "abandoned");
        assert!(ab.get("scaled").is_none());

        let mut b = a.clone();
        b.id.push('2');
        let other = json!({"kind": "session", "scaled": 999});
        let second = scored(&b, &r, false, t);
        let events = [e.clone(), other, ab, e.clone(), second];
        assert_eq!(
            exam_scores(&events),
            vec![r.scaled, r.scaled],
            "abandoned, non-exam and repeated attempts are skipped"
        );
    }
}
