//! Launch-to-first-frame of the real binary in a bare pseudo-terminal (120×40, no tmux), plus its
//! peak RSS. `cargo bench --bench startup [-- --runs N --questions N --packs N --history N
//! --all] [SCENARIO…]` (`--all`: every run's time, sorted); `DQ_BIN=path` measures another
//! build of the binary.
//!
//! The first frame is complete when the screen shows the home screen's "Weakest topics" line and
//! the footer on the last row (ratatui writes rows top to bottom, the footer last). Scenarios:
//! the generated library warm (cache present), grown (20 answers appended before every run: the
//! cached progress is resumed) and cold (cache deleted before every run), the built-in packs
//! with an empty history, cold and warm, and the peer `vocage` on the same questions as a TSV
//! (found on `PATH`, or `cargo install`ed into a temporary root; skipped with a message when it
//! cannot be had), in the same pty harness, with the ratio of the medians.

#[path = "../tools/genlib.rs"]
mod genlib;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_decouple-quiz");
const ROWS: u16 = 40;
const COLS: u16 = 120;

struct Run {
    first_frame: Duration,
    peak_rss_kb: Option<u64>,
}

/// A program to start: decouple-quiz or the peer.
#[derive(Clone, Copy)]
enum Program<'a> {
    DecoupleQuiz,
    Vocage(&'a Path),
}

impl Program<'_> {
    /// The test for the first complete frame on the screen.
    fn complete(self) -> fn(&vt100::Screen) -> bool {
        fn ours(text: &str, last: &str) -> bool {
            text.contains("Weakest topics") && last.contains("help")
        }
        fn theirs(text: &str, last: &str) -> bool {
            text.starts_with("Use: q to quit") && last.contains("Deck:")
        }
        fn check(screen: &vt100::Screen, f: fn(&str, &str) -> bool) -> bool {
            let text = screen.contents();
            f(&text, text.lines().last().unwrap_or(""))
        }
        match self {
            Program::DecoupleQuiz => |s| check(s, ours),
            Program::Vocage(_) => |s| check(s, theirs),
        }
    }

    /// The key that quits without saving.
    fn quit(self) -> &'static [u8] {
        match self {
            Program::DecoupleQuiz => b"q",
            Program::Vocage(_) => b"Q",
        }
    }
}

/// Launches the program, waits for the first complete frame, optionally waits `settle` and reads
/// the peak RSS, then quits.
fn launch(program: Program<'_>, args: &[String], settle: Option<Duration>) -> Run {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let bin = match program {
        Program::DecoupleQuiz => std::env::var_os("DQ_BIN").unwrap_or_else(|| BIN.into()),
        Program::Vocage(path) => path.as_os_str().to_owned(),
    };
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let mut writer = pty.master.take_writer().expect("pty writer");
    let (tx, rx) = mpsc::channel();
    let complete = program.complete();
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn decouple-quiz");
    drop(pty.slave);
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(
            ROWS.try_into().expect("rows"),
            COLS.try_into().expect("cols"),
            0,
        );
        let mut buf = [0u8; 65_536];
        let mut done = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            if !done && complete(parser.screen()) {
                done = true;
                let _ = tx.send(start.elapsed());
            }
        }
    });
    let first_frame = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("no first frame within 30 s");
    let peak_rss_kb = settle.and_then(|d| {
        std::thread::sleep(d);
        child.process_id().and_then(vm_hwm_kb)
    });
    let _ = writer.write_all(program.quit());
    let _ = writer.flush();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    Run {
        first_frame,
        peak_rss_kb,
    }
}

use std::io::Write as _;

/// Peak resident set size of a running process, from /proc (Linux).
fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct Scenario<'a> {
    name: &'static str,
    program: Program<'a>,
    args: Vec<String>,
    cache: PathBuf,
    cold: bool,
    /// Answers appended to this history before every run (a study session since the last start).
    grow: Option<PathBuf>,
}

/// Appends 20 answers, later than any in the history, as a session would.
fn grow(history: &Path, run: usize) {
    use std::io::Write as _;
    let start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
        + 600
        + run as i64 * 100;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(history)
        .expect("history");
    for i in 0..20 {
        let key = format!("pack-01/q-{:05}", (run * 20 + i) % 400);
        let line = genlib::answer_line(start + i as i64, &key, 0, i % 4 != 0, 3_000);
        f.write_all(line.as_bytes()).expect("append");
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs a scenario; returns its median time to the first frame.
fn measure(s: &Scenario<'_>, runs: usize, settle: Duration, all: bool) -> Duration {
    // One unmeasured run to fill the page cache (and, for warm runs, the derived cache).
    let _ = std::fs::remove_dir_all(&s.cache);
    launch(s.program, &s.args, Some(Duration::from_millis(1500)));
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        if s.cold {
            let _ = std::fs::remove_dir_all(&s.cache);
        }
        if let Some(h) = &s.grow {
            grow(h, run);
        }
        times.push(launch(s.program, &s.args, None).first_frame);
    }
    if s.cold {
        let _ = std::fs::remove_dir_all(&s.cache);
    }
    let rss = launch(s.program, &s.args, Some(settle)).peak_rss_kb;
    times.sort();
    if all {
        let each: Vec<String> = times.iter().map(|t| format!("{:.1}", ms(*t))).collect();
        println!("{:<16} every run, ms: {}", s.name, each.join(" "));
    }
    let median = times[times.len() / 2];
    println!(
        "{:<16} median {:>7.2} ms   min {:>7.2} ms   max {:>7.2} ms   peak RSS {:>6} KB   ({runs} runs)",
        s.name,
        ms(median),
        ms(times[0]),
        ms(times[times.len() - 1]),
        rss.map_or("?".to_string(), |k| k.to_string()),
    );
    median
}

/// The peer's binary: `VOCAGE=path`, `vocage` on `PATH`, or a `cargo install vocage` into `root`.
fn vocage(root: &Path) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("VOCAGE") {
        return Ok(PathBuf::from(p));
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("vocage"))
            .find(|p| p.is_file())
    });
    if let Some(p) = on_path {
        return Ok(p);
    }
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["install", "--quiet", "vocage", "--root"])
        .arg(root)
        .output()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    let bin = root.join("bin/vocage");
    if out.status.success() && bin.is_file() {
        Ok(bin)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// The generated packs' questions as vocage's TSV: the stem, then the correct choices (one line
/// each, tabs and newlines folded into spaces).
fn write_tsv(packs: &Path, to: &Path) -> usize {
    let lib = decouple_quiz::library::load(&decouple_quiz::library::Sources {
        builtin: false,
        dirs: vec![packs.to_path_buf()],
        files: Vec::new(),
    })
    .library;
    let flat = |s: &str| s.replace(['\t', '\n'], " ");
    let mut tsv = String::from("STEM\tANSWER\n");
    for r in lib.all() {
        let q = lib.question(r);
        let answer: Vec<String> = q
            .choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| flat(&c.text))
            .collect();
        tsv.push_str(&format!("{}\t{}\n", flat(&q.stem), answer.join(" / ")));
    }
    std::fs::write(to, tsv).expect("write the TSV");
    lib.question_count()
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let runs = arg(&args, "--runs", 30).max(1);
    // Every run's time too, sorted, not only the median and the extremes.
    let all = args.iter().any(|a| a == "--all");
    // Peak RSS is read this long after the first frame (the deferred work included).
    let settle = Duration::from_millis(arg(&args, "--settle-ms", 1500) as u64);
    let opts = genlib::Options {
        questions: arg(&args, "--questions", 10_000),
        packs: arg(&args, "--packs", 20).max(1),
        history: arg(&args, "--history", 100_000),
        end: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        ..genlib::Options::default()
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let big = tmp.path().join("big");
    let (pack_bytes, history_bytes) = genlib::write(&opts, &big).expect("generate library");
    // Pack files changed within 2 s of a cache write are not trusted (`cache::RACY_NS`).
    std::thread::sleep(Duration::from_millis(2_100));
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).expect("empty data dir");
    let config = tmp.path().join("config");
    println!(
        "decouple-quiz start-up, {COLS}x{ROWS} pty: {} questions in {} packs ({:.1} MB), {} events ({:.1} MB)",
        opts.questions,
        opts.packs,
        pack_bytes as f64 / 1e6,
        opts.history,
        history_bytes as f64 / 1e6
    );
    let common = |data: &Path, builtin: bool| {
        let mut v = vec![
            "--data-dir".to_string(),
            data.display().to_string(),
            "--config-dir".to_string(),
            config.display().to_string(),
        ];
        if !builtin {
            v.push("--no-builtin".into());
        }
        v
    };
    let scenarios = [
        Scenario {
            name: "library warm",
            program: Program::DecoupleQuiz,
            args: common(&big, false),
            cache: big.join("cache"),
            cold: false,
            grow: None,
        },
        Scenario {
            name: "library grown",
            program: Program::DecoupleQuiz,
            args: common(&big, false),
            cache: big.join("cache"),
            cold: false,
            grow: Some(big.join("history.jsonl")),
        },
        Scenario {
            name: "library cold",
            program: Program::DecoupleQuiz,
            args: common(&big, false),
            cache: big.join("cache"),
            cold: true,
            grow: None,
        },
        Scenario {
            name: "built-in cold",
            program: Program::DecoupleQuiz,
            args: common(&empty, true),
            cache: empty.join("cache"),
            cold: true,
            grow: None,
        },
        Scenario {
            name: "built-in warm",
            program: Program::DecoupleQuiz,
            args: common(&empty, true),
            cache: empty.join("cache"),
            cold: false,
            grow: None,
        },
    ];
    let only: Vec<&String> = args
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| name.contains(o.as_str()));
    let mut warm = None;
    for s in &scenarios {
        if wanted(s.name) {
            let median = measure(s, runs, settle, all);
            if s.name == "library warm" {
                warm = Some(median);
            }
        }
    }
    if !wanted("vocage") {
        return;
    }
    match vocage(&tmp.path().join("vocage-root")) {
        Err(why) => println!("vocage           skipped: it could not be installed ({why})"),
        Ok(bin) => {
            let tsv = tmp.path().join("questions.tsv");
            let n = write_tsv(&big.join("packs"), &tsv);
            let peer = Scenario {
                name: "vocage (TSV)",
                program: Program::Vocage(&bin),
                args: vec![tsv.display().to_string()],
                cache: tmp.path().join("no-cache"),
                cold: false,
                grow: None,
            };
            println!("vocage: the same {n} questions as one TSV file (stem, answer)");
            let theirs = measure(&peer, runs, settle, all);
            if let Some(ours) = warm {
                println!(
                    "warm start / vocage: {:.2} ({:.2} ms / {:.2} ms)",
                    ms(ours) / ms(theirs),
                    ms(ours),
                    ms(theirs)
                );
            }
        }
    }
}
