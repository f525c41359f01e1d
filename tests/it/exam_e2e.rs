//! End-to-end mock exam in a real pseudo-terminal: answer, flag, SIGKILL, relaunch, resume, and
//! find everything intact; a corrupt in-progress file; an unknown exam id. Waits are for screen
//! conditions only (no timing assertions).
#![cfg(unix)]

use crate::support::pty;

use std::fs;
use std::path::Path;

use decouple_quiz::exam::Attempt;
use decouple_quiz::exam::store::FILE;
use decouple_quiz::exam::timer::countdown;
use pty::{Dirs, Tui};

fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    pty::args(pty::EXAM_ARGS, extra)
}

fn attempt(data: &Path) -> Attempt {
    let bytes = fs::read(data.join(FILE)).expect("in-progress file");
    serde_json::from_slice(&bytes).expect("valid attempt")
}

/// (answered, flagged) positions.
fn marks(a: &Attempt) -> (Vec<usize>, Vec<usize>) {
    let answered = (0..a.items.len())
        .filter(|&i| a.items[i].answered())
        .collect();
    let flagged = (0..a.items.len()).filter(|&i| a.items[i].flagged).collect();
    (answered, flagged)
}

#[test]
fn a_killed_exam_resumes_with_every_answer_flag_and_second() {
    let dirs = Dirs::new();
    let data = dirs.data();
    let mut tui = Tui::spawn(&args(&["exam", "fixture-mock"]), &dirs);
    tui.wait_for("Question 1 of 5");
    tui.send("b");
    tui.wait_for("1/5 answered · 0 flagged");
    tui.send("f");
    tui.wait_for("1/5 answered · 1 flagged");
    tui.send("n");
    tui.wait_for("Question 2 of 5");
    tui.send("a");
    tui.wait_for("2/5 answered");
    tui.send("g");
    tui.wait_for("Go to question");
    tui.send("4\r");
    tui.wait_for("Question 4 of 5");
    tui.send("f");
    tui.wait_for("2/5 answered · 2 flagged");

    // Each change was on disk before the screen showed it.
    let before = attempt(&data);
    assert_eq!(marks(&before), (vec![0, 1], vec![0, 3]));
    assert_eq!(before.pos, 3);

    tui.sigkill();
    let saved = attempt(&data);
    assert_eq!(marks(&saved), marks(&before));
    assert_eq!(saved.pos, 3);
    let chosen: Vec<_> = saved.items.iter().map(|i| i.chosen.clone()).collect();
    let left = countdown(saved.remaining_ms());

    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("Unfinished mock exam");
    tui.wait_for("Answered 2 of 5 · flagged 2 · at question 4");
    tui.wait_for(&format!("Time left {left} of 10 minutes"));
    tui.send("r");
    tui.wait_for("Question 4 of 5");
    tui.wait_for("2/5 answered · 2 flagged");
    tui.send("g");
    tui.wait_until("the navigator with the saved marks", |s| {
        ["1●⚑", "2● ", "3○ ", "4○⚑", "5○ "]
            .iter()
            .all(|m| s.contents().contains(m))
    });
    tui.send("\x1b");
    tui.wait_until("the navigator closed", |s| {
        !s.contents().contains("Go to question")
    });
    tui.send("p");
    tui.wait_for("Question 3 of 5");
    let resumed = attempt(&data);
    let now: Vec<_> = resumed.items.iter().map(|i| i.chosen.clone()).collect();
    assert_eq!(now, chosen, "every answer intact");
    assert!(
        resumed.elapsed_ms >= saved.elapsed_ms,
        "the clock went on from the saved time"
    );

    // Submitting needs the review and a second S; then the file is gone.
    tui.send("S");
    tui.wait_for("Unanswered or incomplete (count as wrong) and flagged");
    tui.send("S");
    tui.wait_for("Mock exam report");
    tui.wait_for("(estimated)");
    assert!(
        !data.join(FILE).exists(),
        "the finished exam is no longer offered"
    );
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(!tui.alternate_screen(), "terminal restored");
}

#[test]
fn a_corrupt_in_progress_file_is_moved_aside_and_reported() {
    let dirs = Dirs::new();
    let data = dirs.data();
    fs::create_dir_all(&data).expect("data dir");
    fs::write(data.join(FILE), b"{\"v\": 1, \"items\": [").expect("write");
    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("unfinished exam could not be resumed");
    let aside: Vec<_> = fs::read_dir(&data)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{FILE}.corrupt-")))
        .collect();
    assert_eq!(aside.len(), 1, "moved aside, not deleted");
    assert!(!data.join(FILE).exists());
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn an_unknown_exam_id_is_refused_before_the_screen_switches() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&args(&["exam", "fixture-mokc"]), &dirs);
    tui.wait_for("unknown exam `fixture-mokc`; did you mean `fixture-mock`?");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 2);
}

#[test]
fn an_attempt_whose_questions_are_gone_is_closed_as_abandoned() {
    use decouple_quiz::library::{Sources, load};
    let dirs = Dirs::new();
    let data = dirs.data();
    let lib = load(&Sources {
        files: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(pty::EXAM_PACK)],
        ..Sources::default()
    })
    .library;
    let exam = decouple_quiz::exam::find(&lib, "fixture-mock").expect("fixture exam");
    let now = time::OffsetDateTime::UNIX_EPOCH;
    let mut a = Attempt::start(&lib, exam, 1, now).expect("draw");
    for item in &mut a.items {
        item.key = format!("removed-pack/{}", item.key);
    }
    decouple_quiz::exam::store::save(&data, &a).expect("save");
    let mut tui = Tui::spawn(&args(&[]), &dirs);
    tui.wait_for("cannot be resumed");
    assert!(
        !data.join(FILE).exists(),
        "recorded as abandoned, not offered again"
    );
    tui.send("q");
    assert!(tui.wait_exit().success());
}
