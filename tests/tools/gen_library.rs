//! `cargo run --release --example gen-library -- --questions 10000 --packs 20 --history 100000 --out DIR`:
//! writes a synthetic but valid library (`DIR/packs/*.toml`) and answer history
//! (`DIR/history.jsonl`) that the app opens with `--data-dir DIR --no-builtin`.

#[path = "genlib.rs"]
mod genlib;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen-library [--questions N] [--packs N] [--history N] [--end UNIX_SECONDS] [--seed N] --out DIR";

fn main() -> ExitCode {
    let mut opts = genlib::Options {
        end: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        ..genlib::Options::default()
    };
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        let num = || value.parse::<u64>().ok();
        let ok = match flag.as_str() {
            "--questions" => num().map(|n| opts.questions = n as usize),
            "--packs" => num().filter(|&n| n > 0).map(|n| opts.packs = n as usize),
            "--history" => num().map(|n| opts.history = n as usize),
            "--end" => num().map(|n| opts.end = n as i64),
            "--seed" => num().map(|n| opts.seed = n),
            "--out" => {
                out = Some(PathBuf::from(&value));
                Some(())
            }
            _ => None,
        };
        if ok.is_none() {
            eprintln!("bad argument {flag} {value}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(dir) = out else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match genlib::write(&opts, &dir) {
        Ok((packs, history)) => {
            println!(
                "wrote {} questions in {} packs ({:.1} MB) and {} history events ({:.1} MB) to {}",
                opts.questions,
                opts.packs,
                packs as f64 / 1e6,
                opts.history,
                history as f64 / 1e6,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-library: {e}");
            ExitCode::FAILURE
        }
    }
}
