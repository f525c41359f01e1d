//! The readiness forecast against a simulated learner, through the real binary with a fixed
//! clock: a generated pack of 80 questions (20 per domain) and a 30-question mock; the learner
//! studies every day in plain mode (`--plain review`, answers chosen from a hidden memory model,
//! not FSRS) and takes the mock in the full-screen trainer every fifth day. Each scored exam
//! records the forecast made before it; the test asserts the calibration docs/readiness.md states.
#![cfg(unix)]

use crate::support::pty::{Dirs, Tui};

use std::collections::HashMap;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;

use rand::{Rng, SeedableRng};
use serde_json::Value;

const DOMAINS: [(&str, f64); 4] = [
    ("secure", 0.40),
    ("resilient", 0.60),
    ("performant", 0.55),
    ("cost", 0.45),
];
const PER_DOMAIN: usize = 20;
const DAYS: i64 = 32;

fn pack() -> String {
    let mut s =
        String::from("[pack]\nid = \"calib\"\ntitle = \"Calibration\"\nversion = \"1.0.0\"\n\n");
    for (d, _) in DOMAINS {
        s += &format!("[[topic]]\nid = \"t-{d}\"\ntitle = \"Topic {d}\"\ndomain = \"{d}\"\n\n");
    }
    for (di, (d, _)) in DOMAINS.iter().enumerate() {
        for i in 0..PER_DOMAIN {
            let n = di * PER_DOMAIN + i;
            s += &format!(
                "[[question]]\nid = \"q{n}\"\ntopic = \"t-{d}\"\nstem = \"Scenario Q{n}: which option fits?\"\nexplanation = \"Because of {n}.\"\n"
            );
            for (c, right) in [
                ("Correct", true),
                ("Wrong A", false),
                ("Wrong B", false),
                ("Wrong C", false),
            ] {
                s += &format!(
                    "[[question.choice]]\ntext = \"{c} {n}\"\n{}why = \"Reason {c} {n}.\"\n",
                    if right { "correct = true\n" } else { "" }
                );
            }
            s += "\n";
        }
    }
    s += "[[exam]]\nid = \"calib-mock\"\ntitle = \"Calibration mock\"\nquestions = 30\nminutes = 60\npass = 720\n\n[exam.domains]\nsecure = 6\nresilient = 10\nperformant = 8\ncost = 6\n";
    s
}

/// The hidden learner: first-sight chance per question, and an exponential memory (not FSRS's
/// power law) whose stability grows with each right answer and resets on a wrong one.
struct Learner {
    rng: rand::rngs::StdRng,
    first: Vec<f64>,
    memory: HashMap<usize, (f64, f64)>, // question → (last seen day, stability days)
}

impl Learner {
    fn new() -> Learner {
        let mut rng = rand::rngs::StdRng::seed_from_u64(14);
        let first = (0..4 * PER_DOMAIN)
            .map(|n| (DOMAINS[n / PER_DOMAIN].1 + rng.random_range(-0.2..0.2f64)).clamp(0.05, 0.95))
            .collect();
        Learner {
            rng,
            first,
            memory: HashMap::new(),
        }
    }

    fn answer(&mut self, q: usize, day: f64) -> bool {
        let p = match self.memory.get(&q) {
            None => self.first[q],
            Some(&(last, s)) => (0.9f64.ln() * (day - last) / s)
                .exp()
                .max(self.first[q] * 0.5),
        };
        let right = self.rng.random_bool(p.clamp(0.0, 1.0));
        let s = self.memory.get(&q).map_or(1.0, |m| m.1);
        let s = if right { (s * 2.5).max(2.0) } else { 1.0 };
        self.memory.insert(q, (day, s));
        right
    }
}

fn at(day: i64, hour: u8) -> String {
    let t = time::macros::datetime!(2026-10-01 00:00 UTC)
        + time::Duration::days(day)
        + time::Duration::hours(i64::from(hour));
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// A plain-mode review session, answering each question as the learner would.
fn study(dirs: &Dirs, pack: &str, learner: &mut Learner, day: i64) {
    let now = at(day, 18);
    let mut child = Command::new(env!("CARGO_BIN_EXE_decouple-quiz"))
        .args([
            "--no-builtin",
            "--pack",
            pack,
            "--now",
            &now,
            "--seed",
            &day.to_string(),
        ])
        .arg("--data-dir")
        .arg(dirs.data())
        .arg("--config-dir")
        .arg(dirs.config())
        .args(["--plain", "review"])
        .env("DECOUPLE_QUIZ_CACHE_WINDOW_MS", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run decouple-quiz");
    let mut stdout = child.stdout.take().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut text = String::new();
    let mut from = 0;
    while let Ok(chunk) = rx.recv_timeout(crate::support::pty::timeout()) {
        text.push_str(&String::from_utf8_lossy(&chunk));
        if !text.ends_with("q quit: ") {
            continue;
        }
        let block = &text[from..];
        let q: usize = block
            .rsplit("Scenario Q")
            .next()
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.parse().ok())
            .expect("a question on screen");
        let right = learner.answer(q, day as f64 + 0.75);
        let want = if right { "Correct" } else { "Wrong A" };
        let pos = block
            .lines()
            .rev()
            .find(|l| l.contains(&format!(") {want} {q}")))
            .and_then(|l| l.split(')').next())
            .expect("the choice on screen")
            .to_string();
        from = text.len();
        writeln!(stdin, "{pos}").unwrap();
    }
    drop(stdin);
    assert!(child.wait().unwrap().success(), "{text}");
}

/// The mock exam in the full-screen trainer; answers chosen from the in-progress file.
fn mock(dirs: &Dirs, pack: &str, learner: &mut Learner, day: i64) {
    let now = at(day, 9);
    let seed = (100 + day).to_string();
    let args = [
        "--no-builtin",
        "--pack",
        pack,
        "--now",
        &now,
        "--seed",
        &seed,
        "--no-mouse",
        "exam",
        "calib-mock",
    ];
    let mut tui = Tui::spawn(&args, dirs);
    tui.wait_for("Question 1 of 30");
    let file = dirs.data().join(decouple_quiz::exam::store::FILE);
    let attempt: decouple_quiz::exam::Attempt =
        serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    for (i, item) in attempt.items.iter().enumerate() {
        let q: usize = item.key.trim_start_matches("calib/q").parse().unwrap();
        let right = learner.answer(q, day as f64 + 0.4);
        let file_index = if right { 0 } else { 1 };
        let pos = item.order.iter().position(|&f| f == file_index).unwrap();
        tui.send(&((b'a' + pos as u8) as char).to_string());
        tui.wait_for(&format!("{}/30 answered", i + 1));
        if i + 1 < attempt.items.len() {
            tui.send("n");
            tui.wait_for(&format!("Question {} of 30", i + 2));
        }
    }
    tui.send("S");
    tui.wait_for("Review before submitting");
    tui.send("S");
    tui.wait_for("Mock exam report");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn the_forecast_is_calibrated_on_a_simulated_learner() {
    let dirs = Dirs::new();
    std::fs::create_dir_all(dirs.config()).unwrap();
    std::fs::write(
        dirs.config().join("config.toml"),
        "[review]\nnew_per_day = 4\n",
    )
    .unwrap();
    let pack = dirs.root.path().join("calib.toml");
    std::fs::write(&pack, pack_text()).unwrap();
    let pack = pack.to_str().unwrap().to_string();
    let mut learner = Learner::new();
    for day in 0..DAYS {
        if day % 5 == 1 {
            mock(&dirs, &pack, &mut learner, day);
        }
        study(&dirs, &pack, &mut learner, day);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_decouple-quiz"))
        .args(["--no-builtin", "--pack", &pack, "--now", &at(DAYS, 9)])
        .arg("--data-dir")
        .arg(dirs.data())
        .arg("--config-dir")
        .arg(dirs.config())
        .args(["stats", "--json"])
        .output()
        .unwrap();
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    let exams = stats["exams"].as_array().unwrap();
    assert_eq!(exams.len(), 7, "one mock every fifth day");
    let mut errors = Vec::new();
    let mut inside = 0;
    let mut report = String::new();
    for e in exams {
        let actual = e["scaled"].as_i64().unwrap();
        let f = &e["forecast"];
        let (expected, low, high) = (
            f["expected"].as_i64().unwrap(),
            f["low"].as_i64().unwrap(),
            f["high"].as_i64().unwrap(),
        );
        report += &format!(
            "{} forecast {expected} ({low}–{high}) actual {actual}\n",
            e["at"]
        );
        errors.push((actual - expected).abs());
        inside += usize::from((low..=high).contains(&actual));
    }
    let mae = errors.iter().sum::<i64>() as f64 / errors.len() as f64;
    eprintln!(
        "{report}mean absolute error {mae:.0}, {inside} of {} in range",
        exams.len()
    );
    assert!(mae <= 60.0, "{report}");
    assert!(inside >= 5, "at least 5 of 7 in the 80% range:\n{report}");
}

fn pack_text() -> String {
    pack()
}
