//! Running `$VISUAL`/`$EDITOR` from the trainer: leave the full screen, run it without a shell,
//! come back (a pack at a line, or a note in a temporary file).

use std::io::stdout;
use std::sync::atomic::Ordering;

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::DisableMouseCapture;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

use super::Term;
use super::signals::EDITOR;

/// Runs $EDITOR on a temporary file holding the note `text` of `key`; returns the edited text.
pub(super) fn note(terminal: &mut Term, key: &str, text: &str) -> Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix(&format!("note-{}-", key.replace('/', "-")))
        .suffix(".txt")
        .tempfile()?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    let path = std::path::absolute(file.path())?;
    let line = text.lines().count().max(1);
    // An editor that fails or exits with an error discards the edit (the error is shown).
    edit(terminal, &path, line)?;
    Ok(std::fs::read_to_string(&path)?)
}

/// Leaves the TUI, runs `$EDITOR +LINE FILE` (fallback `vi`), and comes back. FILE is the
/// canonical absolute path (so it never starts with `+` or `-`, which editors read as commands
/// or options) and `+LINE` is an argument of its own; no shell is involved.
pub(super) fn edit(terminal: &mut Term, path: &std::path::Path, line: usize) -> Result<()> {
    use anyhow::Context as _;
    let file =
        std::fs::canonicalize(path).with_context(|| format!("cannot edit {}", path.display()))?;
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi").to_owned();
    let mut command = std::process::Command::new(&program);
    command.args(parts).arg(format!("+{line}")).arg(&file);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = execute!(stdout(), Show);
    let status = command.spawn().and_then(|mut child| {
        EDITOR.store(i32::try_from(child.id()).unwrap_or(0), Ordering::SeqCst);
        let status = child.wait();
        EDITOR.store(0, Ordering::SeqCst);
        status
    });
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    *terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let status = status.with_context(|| {
        format!("could not start the editor `{program}` (from $VISUAL or $EDITOR)")
    })?;
    if !status.success() {
        anyhow::bail!("the editor `{program}` exited with {status}");
    }
    Ok(())
}
