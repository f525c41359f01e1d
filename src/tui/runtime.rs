//! The edge of the trainer: terminal set-up and restore (normal exit, error, panic, SIGTERM,
//! SIGHUP, Ctrl-C), the event loop, and the effects (engine writes, editor, reload, mouse).

use std::io::{Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::engine::Engine;
use crate::env::Env;
use crate::tui::app::{Effect, Model, Msg, Request, Screen, update};
use crate::tui::effects as data;
use crate::tui::effects::exam as exam_io;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::screens::exam::take as exam_take;
use crate::tui::theme::Theme;
use crate::tui::view;

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
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture);
            prev(info);
        }));
    }
    let mut rt = Runtime {
        env,
        engine: &mut engine,
        theme,
    };
    let result = rt.main_loop(&mut terminal, &mut model, &stop, start);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result?;
    if stop.load(Ordering::SeqCst) {
        return Ok(130);
    }
    Ok(0)
}

/// SIGINT/SIGTERM/SIGHUP set the stop flag; the loop then restores the terminal and exits.
/// A watchdog exits anyway after 1.5 s: after a hang-up crossterm's poll can spin forever, and
/// every answer is already on disk.
fn install_signal_handler(stop: &Arc<AtomicBool>) {
    let s = Arc::clone(stop);
    let _ = ctrlc::set_handler(move || {
        s.store(true, Ordering::SeqCst);
        std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(1500));
            let _ = disable_raw_mode();
            let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen);
            std::process::exit(129);
        });
    });
}

struct Runtime<'a> {
    env: &'a Env,
    engine: &'a mut Engine,
    theme: Theme,
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
        let found = exam_io::startup(self.env, model);
        self.apply(terminal, model, found)?;
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
            let Some(msg) = to_msg(model.context(), &event::read()?) else {
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
                    if let Err(e) =
                        data::session_ended(self.engine, model, kind, answered, correct, &missed)
                    {
                        model.save_problem = Some(e);
                    }
                    self.refresh(model);
                    None
                }
                Effect::Edit { path, line } => {
                    let r = edit(terminal, &path, line);
                    if let Err(e) = r {
                        model.status = Some(format!("could not start the editor: {e}"));
                    }
                    queue.push_front(Effect::Reload);
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
                Effect::SetMouse(on) => {
                    let _ = if on {
                        execute!(stdout(), EnableMouseCapture)
                    } else {
                        execute!(stdout(), DisableMouseCapture)
                    };
                    None
                }
                Effect::Quit => {
                    model.running = false;
                    None
                }
                Effect::ExamSave(attempt) => {
                    exam_io::save(self.env, model, &attempt);
                    None
                }
                Effect::ExamEnd { event, answers } => {
                    exam_io::end(self.env, self.engine, model, event, &answers);
                    self.refresh(model);
                    None
                }
            };
            if let Some(msg) = reply {
                model.now = self.env.now();
                queue.extend(update(model, msg));
            }
        }
        Ok(())
    }

    fn refresh(&self, model: &mut Model) {
        let dash = data::dashboard(self.engine, &model.lib, self.env.now());
        model.save_problem = model
            .save_problem
            .take()
            .or_else(|| self.engine.save_problem());
        update(model, Msg::Dashboard(Box::new(dash)));
    }
}

/// Translates a terminal event into a message for the current context.
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
                (Context::TipsSearch, KeyCode::Char(c)) if !chord => Some(Msg::Char(c)),
                (Context::TipsSearch | Context::ExamNavigator, KeyCode::Backspace) => {
                    Some(Msg::Backspace)
                }
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

/// Leaves the TUI, runs `$EDITOR +LINE FILE` (fallback `vi`), and comes back.
fn edit(terminal: &mut Term, path: &std::path::Path, line: usize) -> Result<()> {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    *terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    status?;
    Ok(())
}
