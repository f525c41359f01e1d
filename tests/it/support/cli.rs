//! Shared by the `check_*` tests: runs the real binary in a sandbox so no user packs, config or
//! history of the machine leak in, and names the fixture packs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of the binary printed and returned.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// The last line of stdout: `check`'s summary.
    pub fn summary(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }

    /// The `path:line:col: severity: message` lines, in output order.
    pub fn headlines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
            .collect()
    }

    /// The `= help:` texts, in output order.
    pub fn helps(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter_map(|l| l.strip_prefix("  = help: "))
            .collect()
    }
}

/// A temporary home, data dir and config dir for one or more runs.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// The binary, run from the crate root (so fixture paths print as `tests/fixtures/…`), with
    /// the sandbox's data and config dirs in the environment and no XDG or colour settings.
    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_decouple-quiz"));
        c.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("HOME", self.dir.path())
            .env("DECOUPLE_QUIZ_DATA_DIR", self.data_dir())
            .env("DECOUPLE_QUIZ_CONFIG_DIR", self.config_dir())
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_CACHE_HOME")
            .env("NO_COLOR", "1")
            .env("TERM", "dumb");
        c
    }

    /// Runs with exactly `args`.
    pub fn run_raw(&self, args: &[&str]) -> Out {
        let o = self
            .command()
            .args(args)
            .output()
            .expect("run decouple-quiz");
        Out {
            code: o.status.code().expect("exit code"),
            stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(o.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs with `--no-builtin` and a temp `--data-dir` in front of `args`.
    pub fn run(&self, args: &[&str]) -> Out {
        let data = self.data_dir();
        let mut all = vec![
            "--no-builtin",
            "--data-dir",
            data.to_str().expect("utf-8 temp path"),
        ];
        all.extend_from_slice(args);
        self.run_raw(&all)
    }

    /// Writes `text` to `name` inside the sandbox and returns its path.
    pub fn write(&self, name: &str, text: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, text).expect("write");
        p
    }
}

/// `decouple-quiz --no-builtin check ARGS…` in a fresh sandbox.
pub fn check(args: &[&str]) -> Out {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    Sandbox::new().run(&all)
}

/// The path of a fixture, relative to the crate root, as `check` prints it.
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/packs/{name}")
}

/// The absolute path of a fixture.
pub fn fixture_abs(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture(name))
}

/// The summary line for `packs` files of which none loaded, with `errors` errors.
pub fn failed(packs: usize, errors: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "checked {packs} pack{}: 0 questions, 0 diagrams, {errors} error{}, 0 warnings",
        s(packs),
        s(errors)
    )
}

/// Checks `invalid/NAME`: exit 1, exactly one finding `path:AT` with `help`, then `summary`.
pub fn expect_with(name: &str, at: &str, help: &str, summary: &str) -> Out {
    let path = fixture(&format!("invalid/{name}"));
    let out = check(&[&path]);
    assert_eq!(
        out.headlines(),
        vec![format!("{path}:{at}")],
        "stdout:\n{}",
        out.stdout
    );
    assert_eq!(out.helps(), vec![help], "stdout:\n{}", out.stdout);
    assert_eq!(out.summary(), summary);
    assert_eq!(out.code, 1);
    out
}

/// Like `expect_with` for a file that fails to load: `checked 1 pack: 0 questions, …, 1 error`.
pub fn expect(name: &str, at: &str, help: &str) -> Out {
    expect_with(name, at, help, &failed(1, 1))
}

/// The help of every control-character error.
pub const TERMINAL: &str = "packs may not contain control characters or escape sequences: they could rewrite the learner's terminal";

/// Checks a two-file fixture directory whose `b.toml` carries the one (library-wide) error.
pub fn expect_dir(name: &str, at: &str, help: &str, summary: &str) {
    let dir = fixture(&format!("invalid/{name}"));
    let out = check(&[&dir]);
    assert_eq!(
        out.headlines(),
        vec![format!("{dir}/b.toml:{at}")],
        "{}",
        out.stdout
    );
    assert_eq!(out.helps(), vec![help]);
    assert_eq!(out.summary(), summary);
    assert_eq!(out.code, 1);
}
