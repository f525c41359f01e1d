//! The Elm-style core of the trainer: `Model`, `Msg`, `Effect` and the pure `update`.
//! No I/O and no clock here: the runtime sets `model.now` and executes the returned effects.

use time::OffsetDateTime;

use crate::exam::{Attempt, QuestionResult};
use crate::library::{Library, QRef};
use crate::study::Kind;
pub use crate::tui::dashboard::Dashboard;
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::browser;
use crate::tui::screens::exam::picker as exam_picker;
use crate::tui::screens::exam::report as exam_report;
use crate::tui::screens::exam::resume as exam_resume;
use crate::tui::screens::exam::take as exam_take;
use crate::tui::screens::home;
use crate::tui::screens::picker;
use crate::tui::screens::question;
use crate::tui::screens::stats;
use crate::tui::screens::summary;
use crate::tui::screens::tips;

pub enum Screen {
    Home(home::HomeState),
    Picker(picker::PickerState),
    Question(Box<question::QuestionState>),
    Summary(summary::SummaryState),
    Tips(tips::TipsState),
    Stats(stats::StatsState),
    Browser(Box<browser::BrowserState>),
    // Mock exams (see `exam_*.rs`).
    ExamPicker(exam_picker::ExamPickerState),
    Exam(Box<exam_take::ExamState>),
    Report(Box<exam_report::ReportState>),
    Resume(exam_resume::ResumeState),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    /// Quit in the middle of a session: answers given are already saved.
    ConfirmQuit,
}

pub struct Model {
    pub lib: Library,
    pub dash: Dashboard,
    pub screen: Screen,
    pub overlay: Overlay,
    /// Lasting notices for the home screen (skipped packs, history problems).
    pub notices: Vec<String>,
    /// A one-off message shown in the status line until the next key.
    pub status: Option<String>,
    pub seed: u64,
    pub now: OffsetDateTime,
    pub mouse: bool,
    pub running: bool,
    pub last_missed: Vec<QRef>,
    pub sessions: u64,
    pub save_problem: Option<String>,
    /// Why the unfinished exam's file could not be written or removed (cleared by the next good
    /// write), apart from the history's own problems.
    pub exam_problem: Option<String>,
    /// Terminal size (columns, rows), for mapping mouse clicks to what is drawn there.
    pub size: (u16, u16),
    /// Another window holds the exam lock: no attempt starts or resumes here.
    pub exam_elsewhere: bool,
    /// The home menu item last started: coming back home puts the cursor there again.
    pub home_cursor: usize,
    /// The practice picker as last left, to open it the same way.
    pub last_picker: Option<picker::PickerState>,
    /// `learn_ahead_minutes` of the config: how early a learning question may come back.
    pub learn_ahead_minutes: u32,
    /// `--now` was given: the header shows the fixed clock.
    pub fixed_clock: bool,
}

/// What happened: a user intent, typed text, or the answer to an effect.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(Action),
    Char(char),
    Backspace,
    Click {
        col: u16,
        row: u16,
    },
    Resize(u16, u16),
    /// Esc, `?` or `q` while the help is open, or a key with no meaning on the screen below.
    CloseHelp,
    SessionReady {
        kind: Kind,
        questions: Vec<QRef>,
    },
    Recorded(Result<Option<OffsetDateTime>, String>),
    Reloaded {
        lib: Library,
        notices: Vec<String>,
    },
    ReloadFailed(String),
    Dashboard(Box<Dashboard>),
    // Mock exams. `Tick`: the clock, read by the runtime at least every 250 ms (the countdown runs
    // on it). `OpenExam`: `exam [ID]` starts that exam or opens the picker. `ExamResumable`: an
    // unfinished exam was found at start-up.
    Tick(OffsetDateTime),
    OpenExam(Option<String>),
    ExamResumable(Box<Attempt>),
    /// The attempt file was written, or why not (the exam goes on; the next change retries).
    ExamSaved(Result<(), String>),
    /// The attempt was ended durably; the problems met on the way, if any.
    ExamEnded(Vec<String>),
    /// The end of a session was logged, or why not.
    SessionSaved(Result<(), String>),
    /// A notice for the home screen (e.g. a damaged attempt file moved aside).
    Notice(String),
    /// `$EDITOR` could not be started, or failed.
    EditorFailed(String),
    /// Another window holds the exam lock: no exam can be resumed, started or written here.
    ExamElsewhere,
    /// A one-line outcome for the status line (a flag or note saved, a report written).
    Status(String),
    /// The question browser's rows, computed from the library and the history.
    Browser(Vec<crate::study::browse::Row>),
    /// The note of a question was saved (empty: removed).
    NoteSaved {
        key: String,
        text: String,
    },
}

/// What a session should contain; the runtime asks the engine and answers with `SessionReady`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Review,
    Practice {
        packs: Vec<String>,
        topics: Vec<String>,
        count: Option<usize>,
    },
    Drill {
        topic: Option<String>,
        count: usize,
    },
    Questions {
        kind: Kind,
        questions: Vec<QRef>,
    },
    /// A mock exam by id, or the exam picker.
    Exam(Option<String>),
    /// The question browser.
    Browse,
}

/// Work for the runtime. Executed in order, before the next frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Start(Request),
    Record {
        key: String,
        kind: Kind,
        chosen: Vec<usize>,
        correct: bool,
        unsure: bool,
        ms: u64,
    },
    /// Take back the answer to `key` given at `answer_at` (an `undo` event).
    Undo {
        key: String,
        answer_at: OffsetDateTime,
    },
    SessionEnded {
        kind: Kind,
        answered: usize,
        correct: usize,
        missed: Vec<String>,
    },
    Edit {
        path: std::path::PathBuf,
        line: usize,
    },
    Reload,
    /// Compute the home and stats figures again (they grew old on screen).
    RefreshDashboard,
    /// Flag (`on`) or unflag a question outside an exam.
    Flag {
        key: String,
        on: bool,
    },
    /// Edit the note of a question in $EDITOR, starting from `text`.
    Note {
        key: String,
        text: String,
    },
    /// Write an errata report on a question, with a comment from $EDITOR.
    Report {
        key: String,
        chosen: Vec<usize>,
    },
    SetMouse(bool),
    Quit,
    /// Write the exam in progress atomically (before the next frame is drawn).
    ExamSave(Box<Attempt>),
    /// The exam is over: append `event` to the history first, then record `answers` for the
    /// scheduler (mode exam), then delete the in-progress file.
    ExamEnd {
        event: Box<crate::engine::events::ExamEvent>,
        answers: Vec<QuestionResult>,
    },
}

impl Model {
    pub fn new(lib: Library, notices: Vec<String>, seed: u64, now: OffsetDateTime) -> Model {
        Model {
            lib,
            dash: Dashboard::default(),
            screen: Screen::Home(home::HomeState::default()),
            overlay: Overlay::None,
            notices,
            status: None,
            exam_elsewhere: false,
            seed,
            now,
            mouse: false,
            running: true,
            last_missed: Vec::new(),
            sessions: 0,
            save_problem: None,
            exam_problem: None,
            size: (80, 24),
            home_cursor: 0,
            last_picker: None,
            learn_ahead_minutes: crate::study::session::LEARN_AHEAD_MINUTES,
            fixed_clock: false,
        }
    }

    /// The keymap table that applies now.
    pub fn context(&self) -> Context {
        if self.overlay == Overlay::ConfirmQuit {
            return Context::Confirm;
        }
        match &self.screen {
            Screen::Home(_) => Context::Home,
            Screen::Picker(_) => Context::Picker,
            Screen::Question(q) if q.feedback.is_some() => Context::Feedback,
            Screen::Question(_) => Context::Answering,
            Screen::Summary(_) => Context::Summary,
            Screen::Tips(t) if t.searching => Context::TipsSearch,
            Screen::Tips(_) => Context::Tips,
            Screen::Stats(s) if s.page == stats::Page::Exams => Context::StatsExams,
            Screen::Stats(_) => Context::Stats,
            Screen::Browser(b) => b.context(),
            Screen::ExamPicker(_) => Context::ExamPicker,
            Screen::Exam(e) => e.context(),
            Screen::Report(r) => r.context(),
            Screen::Resume(_) => Context::Resume,
        }
    }

    /// A fresh seed per session, derived from the run's seed so `--seed` reproduces everything.
    pub fn next_seed(&mut self) -> u64 {
        self.sessions += 1;
        self.seed
            .wrapping_add(self.sessions.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    /// Ends the app: the runtime leaves the loop and restores the terminal.
    pub fn quit(&mut self) -> Vec<Effect> {
        self.running = false;
        vec![Effect::Quit]
    }

    /// The terminal is below the minimum size: the screen is hidden behind a notice.
    pub fn too_small(&self) -> bool {
        self.size.0 < crate::tui::view::MIN_WIDTH || self.size.1 < crate::tui::view::MIN_HEIGHT
    }

    pub fn go_home(&mut self) {
        self.screen = Screen::Home(home::HomeState {
            selected: self.home_cursor,
        });
    }
}

/// Applies one message. Returns the effects the runtime must run, in order.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    if let Msg::Key(Action::ForceQuit) = msg {
        let mut fx = exam_take::on_quit(model);
        fx.extend(model.quit());
        return fx;
    }
    if matches!(msg, Msg::Key(_)) {
        model.status = None;
    }
    match msg {
        Msg::Resize(w, h) => {
            model.size = (w, h);
            Vec::new()
        }
        Msg::Dashboard(d) => {
            model.save_problem = model.save_problem.take().or(d.save_problem.clone());
            let old = std::mem::replace(&mut model.dash, *d);
            if let Screen::Stats(s) = &mut model.screen {
                s.keep_selection(&old, &model.dash);
            }
            Vec::new()
        }
        Msg::ExamSaved(result) => {
            model.exam_problem = result.err();
            Vec::new()
        }
        Msg::ExamEnded(problems) => {
            model.exam_problem = problems.last().cloned();
            Vec::new()
        }
        Msg::SessionSaved(result) => {
            if let Err(e) = result {
                model.save_problem = Some(e);
            }
            Vec::new()
        }
        Msg::Notice(n) => {
            model.notices.insert(0, n);
            Vec::new()
        }
        Msg::EditorFailed(e) => {
            model.status = Some(e);
            Vec::new()
        }
        Msg::Status(text) => {
            model.status = Some(text);
            Vec::new()
        }
        Msg::ExamElsewhere => {
            model.exam_elsewhere = true;
            let elsewhere = crate::exam::lock::ELSEWHERE.to_string();
            if matches!(model.screen, Screen::Exam(_) | Screen::Resume(_)) {
                model.go_home();
                model.status = Some(elsewhere);
            } else if !model.notices.contains(&elsewhere) {
                model.notices.insert(0, elsewhere);
            }
            Vec::new()
        }
        Msg::Reloaded { lib, notices } => reloaded(model, lib, notices),
        Msg::ReloadFailed(e) => {
            model.status = Some(e);
            Vec::new()
        }
        Msg::CloseHelp => {
            if model.overlay == Overlay::Help {
                model.overlay = Overlay::None;
            }
            Vec::new()
        }
        Msg::Key(a) if model.too_small() && !works_when_too_small(model, a) => Vec::new(),
        Msg::Char(_) | Msg::Backspace | Msg::Click { .. } if model.too_small() => Vec::new(),
        Msg::Key(Action::Help) if model.overlay == Overlay::None => {
            model.overlay = Overlay::Help;
            Vec::new()
        }
        Msg::Key(Action::Help) if model.overlay == Overlay::Help => {
            model.overlay = Overlay::None;
            Vec::new()
        }
        // Any other key closes the help and still does what it says on the screen below.
        msg @ (Msg::Key(_) | Msg::Char(_) | Msg::Backspace | Msg::Click { .. })
            if model.overlay == Overlay::Help =>
        {
            model.overlay = Overlay::None;
            update(model, msg)
        }
        Msg::Key(a) if model.overlay == Overlay::ConfirmQuit => match a {
            Action::Confirm => {
                let mut fx = question::end_effects(model);
                fx.extend(exam_take::on_quit(model));
                fx.extend(model.quit());
                fx
            }
            _ => {
                model.overlay = Overlay::None;
                Vec::new()
            }
        },
        Msg::Key(Action::Mouse) => {
            model.mouse = !model.mouse;
            model.status = Some(format!(
                "mouse capture {}",
                if model.mouse {
                    "on"
                } else {
                    "off (select and copy work)"
                }
            ));
            vec![Effect::SetMouse(model.mouse)]
        }
        Msg::Key(Action::Reload) if !matches!(model.context(), Context::TipsSearch) => {
            vec![Effect::Reload]
        }
        Msg::SessionReady { kind, questions } => question::start(model, kind, questions),
        Msg::Tick(now) => {
            model.now = now;
            if crate::tui::dashboard::is_stale(model) {
                return vec![Effect::RefreshDashboard];
            }
            dispatch(model, msg)
        }
        Msg::OpenExam(id) => exam_picker::open(model, id),
        Msg::Browser(rows) => browser::open(model, rows),
        Msg::ExamResumable(attempt) => exam_resume::open(model, *attempt),
        msg => dispatch(model, msg),
    }
}

/// While "Terminal too small" hides the screen, only quitting (and its confirmation) and the
/// help act: a key must never answer a question that cannot be seen.
fn works_when_too_small(model: &Model, a: Action) -> bool {
    match a {
        Action::Quit | Action::ForceQuit | Action::Help => true,
        Action::Confirm | Action::Back => model.overlay == Overlay::ConfirmQuit,
        _ => false,
    }
}

fn dispatch(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match model.screen {
        Screen::Home(_) => home::update(model, msg),
        Screen::Picker(_) => picker::update(model, msg),
        Screen::Question(_) => question::update(model, msg),
        Screen::Summary(_) => summary::update(model, msg),
        Screen::Tips(_) => tips::update(model, msg),
        Screen::Stats(_) => stats::update(model, msg),
        Screen::Browser(_) => browser::update(model, msg),
        Screen::ExamPicker(_) => exam_picker::update(model, msg),
        Screen::Exam(_) => exam_take::update(model, msg),
        Screen::Report(_) => exam_report::update(model, msg),
        Screen::Resume(_) => exam_resume::update(model, msg),
    }
}

/// Packs were reloaded: keep the session, re-pointing its questions by key; drop vanished ones.
fn reloaded(model: &mut Model, lib: Library, notices: Vec<String>) -> Vec<Effect> {
    let old = std::mem::take(&mut model.lib);
    let remap = |r: QRef| lib.find(&old.key(r));
    if let Screen::Question(q) = &mut model.screen {
        q.remap(&remap, &lib);
    }
    model.last_missed = model.last_missed.iter().filter_map(|&r| remap(r)).collect();
    model.notices = notices;
    model.lib = lib;
    model.status = Some(format!(
        "reloaded {} packs, {} questions",
        model.lib.packs.len(),
        model.lib.question_count()
    ));
    if let Screen::Question(q) = &model.screen
        && q.session.is_done()
    {
        return question::finish(model);
    }
    Vec::new()
}
