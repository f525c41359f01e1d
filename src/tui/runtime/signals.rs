//! SIGINT, SIGTERM and SIGHUP: they stop the event loop (or reach the editor while one runs), a
//! watchdog exits if the loop is stuck, and the exit code says which signal it was.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::DisableMouseCapture;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

/// The number of the last signal that stopped the trainer (0 before any).
pub(super) static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// The shell's exit code for a process ended by `signal`: 128 plus its number (130 for SIGINT,
/// 143 for SIGTERM, 129 for SIGHUP).
pub(super) fn signal_exit_code(signal: i32) -> i32 {
    128 + signal
}

/// The process id of the editor while one runs (0 when none does): signals are forwarded to it.
pub(super) static EDITOR: AtomicI32 = AtomicI32::new(0);

/// SIGINT/SIGTERM/SIGHUP set the stop flag; the loop then restores the terminal and exits. While
/// `$EDITOR` runs, SIGTERM and SIGHUP are forwarded to it and the trainer waits for it to exit
/// before restoring the terminal (SIGINT is left to the editor: the terminal sends it Ctrl-C
/// itself). A watchdog exits anyway 1.5 s after a signal once no editor runs: after a hang-up
/// crossterm's poll can spin forever, and every answer is already on disk.
#[cfg(unix)]
pub(super) fn install_signal_handler(stop: &Arc<AtomicBool>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let s = Arc::clone(stop);
    std::thread::spawn(move || {
        for sig in signals.forever() {
            SIGNAL.store(sig, Ordering::SeqCst);
            let editor = EDITOR.load(Ordering::SeqCst);
            if editor != 0 {
                if sig != SIGINT {
                    s.store(true, Ordering::SeqCst);
                    if let Ok(signal) = nix::sys::signal::Signal::try_from(sig) {
                        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(editor), signal);
                    }
                }
                continue;
            }
            s.store(true, Ordering::SeqCst);
            arm_watchdog(sig);
        }
    });
}

#[cfg(not(unix))]
pub(super) fn install_signal_handler(_stop: &Arc<AtomicBool>) {}

/// Exits 1.5 s from now (terminal restored, cursor shown) unless the loop has exited by then.
pub(super) fn arm_watchdog(signal: i32) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        let _ = disable_raw_mode();
        let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
        std::process::exit(signal_exit_code(signal));
    });
}
