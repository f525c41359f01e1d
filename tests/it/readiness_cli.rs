//! `stats` and `stats --json` with the readiness forecast and past mock exams, through the real
//! binary with a fixed clock: a first run, an exam date with its countdown, answers that raise
//! the forecast, and an exam event from before forecasts existed.

use crate::support::cli as support;

use serde_json::Value;
use support::{Sandbox, fixture};

const NOW: &str = "2026-11-26T10:00:00Z";

fn stats(sb: &Sandbox, pack: &str) -> Value {
    let out = sb.run(&["--pack", pack, "--now", NOW, "stats", "--json"]);
    assert_eq!(out.code, 0, "{out:?}");
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn a_first_run_forecasts_from_the_default_prior() {
    let sb = Sandbox::new();
    let pack = fixture("valid/messaging.toml");
    let s = stats(&sb, &pack);
    let r = &s["readiness"];
    assert_eq!(r["now"]["exam"], "fixture-mock");
    assert_eq!(r["now"]["questions"], 5);
    assert_eq!(r["now"]["expected_correct"], 2.5);
    assert!(r["now"]["low"].as_u64() < r["now"]["high"].as_u64());
    assert!(r["exam_day"].is_null(), "no exam date set");
    assert_eq!(s["exams"], Value::Array(vec![]));
    let domains = r["now"]["domains"].as_array().unwrap();
    assert!(domains.iter().all(|d| d["seen"] == 0 && d["prior"] == 0.5));

    let text = sb.run(&["--pack", &pack, "--now", NOW, "stats"]);
    assert!(
        text.stdout
            .contains("Readiness  Messaging mock exam today: "),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("Mock exams: none yet"));
}

#[test]
fn exam_date_answers_and_old_exam_events() {
    let sb = Sandbox::new();
    let pack = fixture("valid/messaging.toml");
    std::fs::create_dir_all(sb.config_dir()).unwrap();
    std::fs::write(
        sb.config_dir().join("config.toml"),
        "[review]\nexam_date = 2026-12-06\n",
    )
    .unwrap();
    let before = stats(&sb, &pack)["readiness"]["now"]["expected"]
        .as_u64()
        .unwrap();
    // Every question answered right twice today, and an exam event written before forecasts.
    let keys = [
        "buffer-orders",
        "poison-message",
        "fanout-copies",
        "encrypt-queue",
        "empty-receives",
        "scale-workers",
    ];
    std::fs::create_dir_all(sb.data_dir()).unwrap();
    let mut history = String::new();
    for (i, k) in keys.iter().enumerate() {
        for m in [0, 5] {
            history += &format!(
                "{{\"v\":1,\"kind\":\"answer\",\"at\":\"2026-11-26T08:{:02}:00Z\",\"question\":\"fixture-messaging/{k}\",\"mode\":\"practice\",\"chosen\":[0],\"correct\":true,\"rating\":3,\"ms\":1000}}\n",
                i * 6 + m
            );
        }
    }
    history += r#"{"v":1,"kind":"exam","at":"2026-11-25T11:00:00Z","attempt":"fixture-mock@x","exam":"fixture-mock","title":"Messaging mock exam","status":"submitted","started":"2026-11-25T10:50:00Z","questions":5,"answered":5,"flagged":0,"elapsed_ms":600000,"limit_ms":600000,"correct":3,"scaled":528,"pass":700,"passed":false,"scale":"estimate","domains":[{"id":"resilient","correct":2,"total":3}],"topics":[],"answers":[]}"#;
    history.push('\n');
    std::fs::write(sb.data_dir().join("history.jsonl"), history).unwrap();
    let s = stats(&sb, &pack);
    let r = &s["readiness"];
    let domains = r["now"]["domains"].as_array().unwrap();
    assert!(
        domains.iter().all(|d| d["seen"] == d["bank"]),
        "{domains:?}"
    );
    let after = r["now"]["expected"].as_u64().unwrap();
    assert!(after > before + 200, "{before} → {after}");
    let day = &r["exam_day"];
    assert_eq!(
        (day["date"].as_str(), day["days_left"].as_i64()),
        (Some("2026-12-06"), Some(10))
    );
    assert_eq!(day["reviewing"], true);
    assert_eq!(day["forecast"]["at"], "2026-12-06T12:00:00Z");
    let exams = s["exams"].as_array().unwrap();
    assert_eq!(exams.len(), 1);
    assert_eq!(
        (exams[0]["scaled"].as_u64(), exams[0]["passed"].as_bool()),
        (Some(528), Some(false))
    );
    assert!(exams[0]["forecast"].is_null(), "recorded before forecasts");
    let text = sb.run(&["--pack", &pack, "--now", NOW, "stats"]).stdout;
    assert!(
        text.contains("Exam day   2026-12-06 in 10 days: "),
        "{text}"
    );
    assert!(
        text.contains("2026-11-25  fixture-mock") && text.contains("528  fail"),
        "{text}"
    );
}

/// The real trainer shows the readiness panel on home and the readiness page of Stats.
#[cfg(unix)]
#[test]
fn the_trainer_shows_readiness_on_home_and_stats() {
    use crate::support::pty::{Dirs, Tui};
    let dirs = Dirs::new();
    let pack = fixture("valid/messaging.toml");
    let args = ["--no-builtin", "--pack", &pack, "--now", NOW, "--no-mouse"];
    let mut tui = Tui::spawn(&args, &dirs);
    tui.wait_for("Ready for fixture-mock?");
    tui.wait_for("Seen 0/5 of the mock's questions");
    // Stats is the seventh menu item; Tab opens its readiness page.
    tui.send("jjjjjj\r");
    tui.wait_for("Accuracy and recall by topic");
    tui.send("\t");
    tui.wait_for("Readiness: fixture-mock");
    tui.wait_for("None yet: take one from the home screen");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
