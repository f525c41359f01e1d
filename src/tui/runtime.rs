//! The edge of the trainer: terminal set-up and restore (normal exit, error, panic, SIGTERM,
//! SIGHUP, Ctrl-C), the event loop, and the effects (engine writes, editor, reload, mouse).
//! Signals and the watchdog are in `signals`, running `$EDITOR` in `editor`.

use std::io::{Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::engine::Engine;
use crate::env::Env;
use crate::tui::app::{Effect, Model, Msg, Overlay, Request, Screen, update};
use crate::tui::effects as data;
use crate::tui::effects::exam as exam_io;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::screens::exam::take as exam_take;
use crate::tui::theme::Theme;
use crate::tui::view;

mod editor;
mod signals;
use editor::{edit, note};
use signals::{SIGNAL, arm_watchdog, install_signal_handler, signal_exit_code};

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How long the loop waits for input before checking the stop flag.
const POLL: Duration = Duration::from_millis(250);

/// Runs the trainer until the user quits. Returns the process exit code.
pub fn run(
    env: &Env,
    mut model: Model,
    mut engine: Engine,
    theme: Theme,
    start: Option<Request>,
) -> Result<i32> {
    let stop = Arc::new(AtomicBool::new(false));
    install_signal_handler(&stop);
    let mut terminal = ratatui::try_init()?;
    if model.mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, Show);
        prev(info);
    }));
    let mut rt = Runtime {
        env,
        engine: &mut engine,
        theme,
        stop: &stop,
        exam_lock: None,
    };
    let result = rt.main_loop(&mut terminal, &mut model, &stop, start);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = execute!(stdout(), Show);
    result?;
    if stop.load(Ordering::SeqCst) {
        return Ok(signal_exit_code(SIGNAL.load(Ordering::SeqCst)));
    }
    Ok(0)
}

struct Runtime<'a> {
    env: &'a Env,
    engine: &'a mut Engine,
    theme: Theme,
    /// Set by a signal.
    stop: &'a AtomicBool,
    /// Held while this window has a mock exam attempt open.
    exam_lock: Option<crate::exam::lock::ExamLock>,
}

impl Runtime<'_> {
    fn main_loop(
        &mut self,
        terminal: &mut Term,
        model: &mut Model,
        stop: &AtomicBool,
        start: Option<Request>,
    ) -> Result<()> {
        self.refresh(model);
        if let Ok(size) = terminal.size() {
            update(model, Msg::Resize(size.width, size.height));
        }
        // An unfinished exam comes first: its resume prompt replaces the requested start.
        let found = exam_io::startup(self.env, self.engine, &mut self.exam_lock);
        if let Some(found) = found {
            model.now = self.env.now();
            let effects = update(model, found);
            self.apply(terminal, model, effects)?;
        }
        if matches!(model.screen, Screen::Resume(_)) {
            if start.is_some() {
                model.status = Some("An unfinished exam comes first: resume or abandon it.".into());
            }
        } else if let Some(req) = start {
            self.apply(terminal, model, vec![Effect::Start(req)])?;
        }
        while model.running && !stop.load(Ordering::SeqCst) {
            terminal.draw(|f| view::view(f, model, &self.theme))?;
            if !event::poll(POLL)? {
                // The clock ticks: the exam countdown redraws, and submits itself at zero.
                let effects = update(model, Msg::Tick(self.env.now()));
                self.apply(terminal, model, effects)?;
                continue;
            }
            let Some(msg) = msg_for(model, &event::read()?) else {
                continue;
            };
            model.now = self.env.now();
            let effects = update(model, msg);
            self.apply(terminal, model, effects)?;
        }
        if stop.load(Ordering::SeqCst) {
            // Stopped by a signal: write the exam time used up to now.
            model.now = self.env.now();
            let effects = exam_take::on_quit(model);
            self.apply(terminal, model, effects)?;
        }
        Ok(())
    }

    /// Runs effects in order; replies go back through `update`, whose effects run too.
    fn apply(
        &mut self,
        terminal: &mut Term,
        model: &mut Model,
        effects: Vec<Effect>,
    ) -> Result<()> {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let reply = match effect {
                Effect::Start(req) => Some(data::start(self.engine, model, &req)),
                Effect::Record {
                    key,
                    kind,
                    chosen,
                    correct,
                    unsure,
                    ms,
                } => {
                    let r =
                        data::record(self.engine, model, key, kind, chosen, correct, unsure, ms);
                    self.refresh(model);
                    Some(Msg::Recorded(r))
                }
                Effect::Undo { key, answer_at } => {
                    if let Err(e) =
                        crate::study::record::undo(self.engine, &key, answer_at, model.now)
                    {
                        model.save_problem = Some(e);
                    }
                    self.refresh(model);
                    None
                }
                Effect::SessionEnded {
                    kind,
                    answered,
                    correct,
                    missed,
                } => {
                    let saved =
                        data::session_ended(self.engine, model, kind, answered, correct, &missed);
                    self.refresh(model);
                    Some(Msg::SessionSaved(saved))
                }
                Effect::Edit { path, line } => {
                    let reply = match edit(terminal, &path, line) {
                        // Nothing was edited: the error stays on screen (no reload notice).
                        Err(e) => Some(Msg::EditorFailed(format!("{e:#}"))),
                        Ok(()) => {
                            queue.push_front(Effect::Reload);
                            None
                        }
                    };
                    if self.stop.load(Ordering::SeqCst) {
                        arm_watchdog(SIGNAL.load(Ordering::SeqCst));
                    }
                    reply
                }
                Effect::RefreshDashboard => {
                    self.refresh(model);
                    None
                }
                Effect::Reload => {
                    let (msg, problem) = data::reload(self.env, &model.lib);
                    if let Some(msg) = msg {
                        queue.extend(update(model, msg));
                    }
                    self.refresh(model);
                    problem.map(Msg::ReloadFailed)
                }
                Effect::Flag { key, on } => {
                    let saved = self.engine.set_flag(&key, on, self.env.now());
                    self.refresh(model);
                    saved.err().map(|e| Msg::Status(e.to_string()))
                }
                Effect::Note { key, text } => {
                    let mut saved = None;
                    let status = match note(terminal, &key, &text) {
                        Err(e) => format!("{e:#}"),
                        Ok(new) if new.trim() == text.trim() => "note unchanged".into(),
                        Ok(new) => {
                            let r = self.engine.set_note(&key, &new, self.env.now());
                            saved = Some(crate::engine::marks::clean_note(&new));
                            match r {
                                Err(e) => e.to_string(),
                                Ok(()) if new.trim().is_empty() => "note removed".into(),
                                Ok(()) => "note saved".into(),
                            }
                        }
                    };
                    self.refresh(model);
                    if let Some(text) = saved {
                        queue.extend(update(model, Msg::NoteSaved { key, text }));
                    }
                    Some(Msg::Status(status))
                }
                Effect::Report { key, chosen } => {
                    Some(Msg::Status(self.report(terminal, model, &key, &chosen)))
                }
                Effect::SetMouse(on) => {
                    let _ = if on {
                        execute!(stdout(), EnableMouseCapture)
                    } else {
                        execute!(stdout(), DisableMouseCapture)
                    };
                    None
                }
                // `update` already stopped the model; the loop ends after these effects.
                Effect::Quit => None,
                Effect::ExamSave(attempt) => {
                    Some(exam_io::save(self.env, &attempt, &mut self.exam_lock))
                }
                Effect::ExamEnd { event, answers } => {
                    let ended = exam_io::end(
                        self.env,
                        self.engine,
                        &model.lib,
                        event,
                        &answers,
                        model.now,
                        &mut self.exam_lock,
                    );
                    self.refresh(model);
                    Some(ended)
                }
            };
            if let Some(msg) = reply {
                model.now = self.env.now();
                queue.extend(update(model, msg));
            }
        }
        Ok(())
    }

    /// Asks for a comment in $EDITOR and writes the errata report; returns the status line.
    fn report(&self, terminal: &mut Term, model: &Model, key: &str, chosen: &[usize]) -> String {
        use crate::study::errata;
        let Some(r) = model.lib.find(key) else {
            return format!("`{key}` is no longer in the packs");
        };
        let comment = match note(terminal, key, errata::COMMENT_TEMPLATE) {
            Ok(c) => errata::clean_comment(&c),
            Err(e) => return format!("{e:#}"),
        };
        if comment.is_empty() {
            return "report cancelled: the comment was empty".into();
        }
        let now = self.env.now();
        let text = errata::report(&model.lib, r, Some(chosen), &comment, now);
        match errata::write(&self.env.paths.data_dir, key, &text, now) {
            Ok(p) => format!("report written: {}", p.display()),
            Err(e) => format!("could not write the report: {e}"),
        }
    }

    fn refresh(&self, model: &mut Model) {
        let dash = data::dashboard(self.engine, &model.lib, self.env.now());
        update(model, Msg::Dashboard(Box::new(dash)));
    }
}

/// Translates a terminal event into a message for the model as it is now. With the help open,
/// Esc, `?` and F1 close it, and so does a key the screen below ignores (`update` closes
/// the help before acting on any other key, so that key is not lost).
pub fn msg_for(model: &Model, ev: &Event) -> Option<Msg> {
    if model.overlay == Overlay::Help
        && let Event::Key(k) = ev
        && k.kind == KeyEventKind::Press
    {
        let plain = !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let closes = matches!(k.code, KeyCode::Esc | KeyCode::F(1))
            || (plain && k.code == KeyCode::Char('?'));
        if closes {
            return Some(Msg::CloseHelp);
        }
        // A fast "Esc j" arrives as Alt+j: the Esc closes the help, the j acts below it.
        let mut key = *k;
        if key.modifiers.contains(KeyModifiers::ALT) && matches!(key.code, KeyCode::Char(_)) {
            key.modifiers.remove(KeyModifiers::ALT);
        }
        return Some(to_msg(model.context(), &Event::Key(key)).unwrap_or(Msg::CloseHelp));
    }
    to_msg(model.context(), ev)
}

/// Translates a terminal event into a message for a context.
pub fn to_msg(cx: Context, ev: &Event) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            if std::env::var_os("DECOUPLE_QUIZ_TEST_PANIC").is_some()
                && k.code == KeyCode::Char('!')
            {
                panic!("test panic requested with DECOUPLE_QUIZ_TEST_PANIC");
            }
            if let Some(a) = keymap::lookup(cx, *k) {
                return Some(Msg::Key(a));
            }
            // Ctrl and Alt chords are not text: a fast "Esc j" arrives as Alt+j.
            let chord = k
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match (cx, k.code) {
                (Context::TipsSearch | Context::BrowserSearch, KeyCode::Char(c)) if !chord => {
                    Some(Msg::Char(c))
                }
                (
                    Context::TipsSearch | Context::BrowserSearch | Context::ExamNavigator,
                    KeyCode::Backspace,
                ) => Some(Msg::Backspace),
                (Context::ExamNavigator, KeyCode::Char(c)) if c.is_ascii_digit() && !chord => {
                    Some(Msg::Char(c))
                }
                _ => None,
            }
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                col: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Msg::Key(Action::Down)),
            MouseEventKind::ScrollUp => Some(Msg::Key(Action::Up)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        _ => None,
    }
}
