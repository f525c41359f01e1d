//! Shared by the pty tests: runs the real binary in a pseudo-terminal with a sandboxed data and
//! config dir, keeps a vt100 screen model of its output, and answers cursor-position queries
//! (DSR, `ESC[6n`) like a terminal. A reader thread always drains the pty, so the app never
//! blocks on a full buffer. Waits poll the screen with a timeout (`DECOUPLE_QUIZ_TEST_WAIT_MS`,
//! default 10 s); nothing relies on fixed sleeps.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The fixture arguments: no built-in packs, the trainer fixtures, a fixed seed and clock.
pub const FIXTURE_ARGS: &[&str] = &[
    "--seed",
    "1",
    "--no-builtin",
    "--pack-dir",
    "tests/fixtures/tui",
    "--now",
    "2026-11-26T10:00:00Z",
];

/// The pack the mock-exam tests use.
pub const EXAM_PACK: &str = "tests/fixtures/packs/valid/messaging.toml";

/// The mock-exam fixture arguments: [`EXAM_PACK`] alone, a fixed seed, no mouse.
pub const EXAM_ARGS: &[&str] = &[
    "--no-builtin",
    "--pack",
    EXAM_PACK,
    "--seed",
    "7",
    "--no-mouse",
];

/// `base` followed by `extra`.
pub fn args<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    [base, extra].concat()
}

/// How long a wait may take before the test fails.
pub fn timeout() -> Duration {
    let ms = std::env::var("DECOUPLE_QUIZ_TEST_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

/// Counts cursor-position queries so the reader can answer them.
#[derive(Default)]
struct Queries {
    dsr: usize,
}

impl vt100::Callbacks for Queries {
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        _: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        if c == 'n' && i1.is_none() && params == [&[6][..]] {
            self.dsr += 1;
        }
    }
}

type Parser = Arc<Mutex<vt100::Parser<Queries>>>;
type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// A temporary home with data and config dirs, kept across launches of the app.
pub struct Dirs {
    pub root: tempfile::TempDir,
}

impl Dirs {
    pub fn new() -> Dirs {
        Dirs {
            root: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    pub fn config(&self) -> PathBuf {
        self.root.path().join("config")
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("non-zero size")
}

/// The app running in a pty.
pub struct Tui {
    parser: Parser,
    writer: Writer,
    /// All bytes the app wrote, for checks on the raw stream.
    raw: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    reader_done: Receiver<()>,
    status: Option<ExitStatus>,
}

impl Tui {
    /// Starts `decouple-quiz ARGS…` at 80×24 with `TERM=xterm-256color`.
    pub fn spawn(args: &[&str], dirs: &Dirs) -> Tui {
        Tui::spawn_with(args, &[], (24, 80), dirs)
    }

    /// Starts the binary with extra environment variables and a size of `(rows, cols)`.
    pub fn spawn_with(args: &[&str], env: &[(&str, &str)], size: (u16, u16), dirs: &Dirs) -> Tui {
        let bin = env!("CARGO_BIN_EXE_decouple-quiz");
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        Tui::spawn_command(cmd, env, size, dirs)
    }

    /// Starts any command (e.g. `sh -c …`) in the sandbox.
    pub fn spawn_command(
        mut cmd: CommandBuilder,
        env: &[(&str, &str)],
        (rows, cols): (u16, u16),
        dirs: &Dirs,
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        for var in [
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "NO_COLOR",
            "DECOUPLE_QUIZ_TEST_PANIC",
            "VISUAL",
            "EDITOR",
            "CI",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("HOME", dirs.root.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("DECOUPLE_QUIZ_DATA_DIR", dirs.data());
        cmd.env("DECOUPLE_QUIZ_CONFIG_DIR", dirs.config());
        cmd.env("RUST_BACKTRACE", "0");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        // Our copy of the slave must go, or reads never see the end of the output.
        drop(pair.slave);

        let parser: Parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nz(rows),
            nz(cols),
            0,
            Queries::default(),
        )));
        let writer: Writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let (done_tx, reader_done) = channel();
        {
            let parser = Arc::clone(&parser);
            let writer = Arc::clone(&writer);
            let raw = Arc::clone(&raw);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                // Ends at EOF, or EIO once the app and everything it started have exited.
                while let Ok(n @ 1..) = reader.read(&mut buf) {
                    raw.lock().expect("raw").extend_from_slice(&buf[..n]);
                    let mut p = parser.lock().expect("parser");
                    p.process(&buf[..n]);
                    let queries = std::mem::take(&mut p.callbacks_mut().dsr);
                    let (row, col) = p.screen().cursor_position();
                    drop(p);
                    for _ in 0..queries {
                        let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                        let mut w = writer.lock().expect("writer");
                        let _ = w.write_all(reply.as_bytes());
                        let _ = w.flush();
                    }
                }
                let _ = done_tx.send(());
            });
        }
        Tui {
            parser,
            writer,
            raw,
            child,
            master: pair.master,
            reader_done,
            status: None,
        }
    }

    /// The screen's text, rows joined with newlines.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .expect("parser")
            .screen()
            .alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().expect("parser").screen().hide_cursor()
    }

    /// Everything the app has written so far, lossily decoded.
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw")).into_owned()
    }

    /// The pty's local mode flags, e.g. "ISIG | ICANON | ECHO …" (cooked) or "" (raw).
    pub fn local_flags(&self) -> String {
        let termios = self.master.get_termios().expect("termios of the pty");
        format!("{:?}", termios.local_flags)
    }

    /// Line editing and echo are on: the terminal is out of raw mode.
    pub fn cooked(&self) -> bool {
        let flags = self.local_flags();
        let has = |f: &str| {
            flags
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|t| t == f)
        };
        has("ICANON") && has("ECHO")
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Waits until `cond` holds for the screen; panics with the screen after the timeout.
    pub fn wait_until(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout();
        loop {
            if cond(self.parser.lock().expect("parser").screen()) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {:?} waiting for {what}; screen:\n{}",
                    timeout(),
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contents().contains(text));
    }

    /// Types `keys` (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&self, keys: &str) {
        let mut w = self.writer.lock().expect("writer");
        w.write_all(keys.as_bytes()).expect("write keys");
        w.flush().expect("flush keys");
    }

    /// Resizes the terminal (the app gets SIGWINCH) and the screen model.
    pub fn resize(&self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .expect("parser")
            .set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// SIGKILL: no handler, no clean-up, like a crash or a power cut for the process.
    pub fn sigkill(&mut self) {
        let status = std::process::Command::new("kill")
            .args(["-KILL", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -KILL failed");
        self.wait_exit();
    }

    /// Waits for the app to exit and for its last output to be read; kills it and panics with
    /// the screen on timeout.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + timeout();
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("try_wait") {
                break s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "the app did not exit within {:?}; screen:\n{}",
                    timeout(),
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let left = deadline.saturating_duration_since(Instant::now());
        self.reader_done
            .recv_timeout(left.max(Duration::from_secs(1)))
            .expect("the pty output ends after the app exits");
        self.status = Some(status.clone());
        status
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `<dir>/history.jsonl`, where the engine appends every answer.
pub fn history(dirs: &Dirs) -> PathBuf {
    dirs.data().join("history.jsonl")
}

/// Reads a file that may not exist yet as text.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
