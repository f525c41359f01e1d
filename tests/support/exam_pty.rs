//! A real terminal for end-to-end tests: the binary runs in a pseudo-terminal (portable-pty) and
//! its output is parsed into a screen (vt100). Tests wait for screen conditions, never for time.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Answers the terminal queries a real terminal would (cursor position), counted by the parser.
#[derive(Default)]
pub struct Queries {
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

pub struct Tui {
    parser: Parser,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

/// How long to wait for a screen condition; `DECOUPLE_QUIZ_TEST_WAIT_MS` raises it on slow CI.
pub fn timeout() -> Duration {
    let ms = std::env::var("DECOUPLE_QUIZ_TEST_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("non-zero size")
}

impl Tui {
    /// Runs the binary with `args` in an 80x24 terminal, from the crate root, with `data_dir` as
    /// its data dir and no XDG settings of the machine.
    pub fn spawn(args: &[&str], data_dir: &Path) -> Tui {
        let (rows, cols) = (24, 80);
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_decouple-quiz"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("DECOUPLE_QUIZ_DATA_DIR", data_dir);
        cmd.env("DECOUPLE_QUIZ_CONFIG_DIR", data_dir.join("config"));
        cmd.env("HOME", data_dir);
        for var in [
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "NO_COLOR",
        ] {
            cmd.env_remove(var);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn decouple-quiz");
        drop(pair.slave);
        let parser: Parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nz(rows),
            nz(cols),
            0,
            Queries::default(),
        )));
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (p, w) = (Arc::clone(&parser), Arc::clone(&writer));
        // Always drain the pty, so the program never blocks on a full buffer.
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut parser = p.lock().expect("parser");
                parser.process(&buf[..n]);
                let (screen, q) = parser.screen_and_callbacks_mut();
                if q.dsr > 0 {
                    q.dsr = 0;
                    let (row, col) = screen.cursor_position();
                    let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                    let _ = w.lock().expect("writer").write_all(reply.as_bytes());
                }
            }
        });
        Tui {
            parser,
            writer,
            child,
            _master: pair.master,
        }
    }

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

    /// Waits until the screen shows `text`; panics with the screen after the timeout.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text));
    }

    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let end = Instant::now() + timeout();
        loop {
            let s = self.screen();
            if ok(&s) {
                return;
            }
            if Instant::now() > end {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types keys (bytes as a terminal sends them: "\r" is Enter, "\x1b" Esc).
    pub fn send(&self, keys: &str) {
        let mut w = self.writer.lock().expect("writer");
        w.write_all(keys.as_bytes()).expect("write keys");
        w.flush().expect("flush");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
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

    /// Waits for the process to end; kills it and panics with the screen on timeout.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let end = Instant::now() + timeout();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("the program did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
