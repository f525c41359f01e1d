//! Shared by the `tui_*` tests: a `Model` on the fixture packs in `tests/fixtures/tui/` with a
//! fixed clock and seed, key-macro input through the real keymap, answer helpers, and rendering
//! into a `TestBackend` (text, plus a modifier map for the monochrome theme).
#![allow(dead_code)]

use std::path::PathBuf;

use decouple_quiz::engine::{DueCounts, TopicStats};
use decouple_quiz::library::{self, Library, QRef, Sources};
use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Dashboard, Effect, Model, Msg, Screen, update};
use decouple_quiz::tui::keymap::Action;
use decouple_quiz::tui::runtime::msg_for;
use decouple_quiz::tui::screens::question::QuestionState;
use decouple_quiz::tui::theme::Theme;
use decouple_quiz::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use time::OffsetDateTime;
use time::macros::datetime;

/// The clock of every test: snapshots show times relative to it.
pub const NOW: OffsetDateTime = datetime!(2026-11-26 10:00 UTC);
pub const SEED: u64 = 1;

pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}

/// Both fixture packs (`tui-decoupling` then `tui-caching`); panics on any load error.
pub fn library() -> Library {
    let report = library::load(&Sources {
        builtin: false,
        dirs: vec![fixture_dir()],
        files: Vec::new(),
    });
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "fixture packs must load: {errors:?}");
    assert_eq!(report.library.packs.len(), 2);
    report.library
}

/// A fresh model on the home screen: fixture packs, no notices, no history (the figures the
/// runtime shows before the first answer).
pub fn model() -> Model {
    let mut m = Model::new(library(), Vec::new(), SEED, NOW);
    m.dash = no_history(&m.lib);
    m
}

/// The model of a first run with no packs at all.
pub fn empty_model() -> Model {
    let mut m = Model::new(Library::default(), Vec::new(), SEED, NOW);
    m.dash = no_history(&m.lib);
    m
}

/// The dashboard of a learner without history: every topic listed as not started, empty
/// forecast and activity, the daily allowance of new questions.
pub fn no_history(lib: &Library) -> Dashboard {
    let topics = lib
        .packs
        .iter()
        .flat_map(|p| {
            p.topics.iter().map(|t| TopicStats {
                key: format!("{}/{}", p.id, t.id),
                title: t.title.clone(),
                total: p.questions.iter().filter(|q| q.topic == t.id).count(),
                seen: 0,
                attempts: 0,
                accuracy: 0.0,
                coverage: 0.0,
                retrievability: 0.0,
                recall: 0.0,
                lapses: 0,
                weakness: 0.0,
                not_started: true,
            })
        })
        .collect();
    Dashboard {
        new_left: 20,
        topics,
        forecast: vec![0; 14],
        activity: vec![0; 84],
        ..Dashboard::default()
    }
}

/// A question by its history key, e.g. `tui-decoupling/poison-message`.
pub fn qref(model: &Model, key: &str) -> QRef {
    model
        .lib
        .find(key)
        .unwrap_or_else(|| panic!("no question {key}"))
}

pub const BUFFER: &str = "tui-decoupling/buffer-orders";
pub const POISON: &str = "tui-decoupling/poison-message";
pub const FANOUT: &str = "tui-decoupling/fanout-copies";
pub const HOT: &str = "tui-caching/hot-reads";

/// Starts a session of `kind` over `keys` as the runtime would after `Effect::Start`.
pub fn start(model: &mut Model, kind: Kind, keys: &[&str]) -> Vec<Effect> {
    let questions = keys.iter().map(|k| qref(model, k)).collect();
    update(model, Msg::SessionReady { kind, questions })
}

/// Sends actions straight to `update`; returns all effects.
pub fn act(model: &mut Model, actions: &[Action]) -> Vec<Effect> {
    actions
        .iter()
        .flat_map(|a| update(model, Msg::Key(*a)))
        .collect()
}

/// Parses a helix-style key macro: plain characters, and `<enter>`, `<esc>`, `<tab>`, `<bs>`,
/// `<up>`, `<down>`, `<left>`, `<right>`, `<pgup>`, `<pgdn>`, `<home>`, `<end>`, `<f1>`,
/// `<space>`, `<c-x>` (Ctrl) and `<a-x>` (Alt).
pub fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
        let code = |c: &str| match c {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "bs" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "f1" => KeyCode::F(1),
            "space" => KeyCode::Char(' '),
            "lt" => KeyCode::Char('<'),
            other => panic!("unknown key <{other}>"),
        };
        let ev = match name.split_once('-') {
            Some(("c", k)) => KeyEvent::new(
                KeyCode::Char(k.chars().next().expect("key")),
                KeyModifiers::CONTROL,
            ),
            Some(("a", k)) => KeyEvent::new(
                KeyCode::Char(k.chars().next().expect("key")),
                KeyModifiers::ALT,
            ),
            _ => KeyEvent::new(code(&name), KeyModifiers::NONE),
        };
        out.push(ev);
    }
    out
}

/// Presses keys as a user would: each key goes through the keymap of the current context
/// (`runtime::msg_for`) and then `update`. Keys the context ignores do nothing. Returns all effects.
pub fn press(model: &mut Model, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in parse_keys(keys) {
        if let Some(msg) = msg_for(model, &Event::Key(k)) {
            effects.extend(update(model, msg));
        }
    }
    effects
}

pub fn question(model: &Model) -> &QuestionState {
    match &model.screen {
        Screen::Question(q) => q,
        _ => panic!("not on the question screen: {}", screen_name(model)),
    }
}

pub fn screen_name(model: &Model) -> &'static str {
    match model.screen {
        Screen::Home(_) => "home",
        Screen::Picker(_) => "picker",
        Screen::Question(_) => "question",
        Screen::Summary(_) => "summary",
        Screen::Tips(_) => "tips",
        Screen::Stats(_) => "stats",
        Screen::Browser(_) => "browser",
        Screen::ExamPicker(_) => "exam picker",
        Screen::Exam(_) => "exam",
        Screen::Report(_) => "report",
        Screen::Resume(_) => "resume",
    }
}

/// Displayed positions of the current question's correct choices.
pub fn correct_positions(model: &Model) -> Vec<usize> {
    let q = question(model);
    let item = q.session.current().expect("a current question");
    let question = model.lib.question(item.q);
    item.order
        .iter()
        .enumerate()
        .filter(|(_, f)| question.choices[**f].correct)
        .map(|(p, _)| p)
        .collect()
}

/// Displayed positions of the current question's wrong choices.
pub fn wrong_positions(model: &Model) -> Vec<usize> {
    let right = correct_positions(model);
    let n = question(model).choice_count(&model.lib);
    (0..n).filter(|p| !right.contains(p)).collect()
}

/// The letter key of a displayed position.
pub fn letter(pos: usize) -> char {
    char::from(b'a' + u8::try_from(pos).expect("small"))
}

/// Answers the current question correctly with letter keys (and Enter on a Choose N).
pub fn answer_right(model: &mut Model) -> Vec<Effect> {
    let right = correct_positions(model);
    answer_with(model, &right)
}

/// Answers the current question wrongly: the first wrong choice, plus enough right ones to fill
/// a Choose N.
pub fn answer_wrong(model: &mut Model) -> Vec<Effect> {
    let right = correct_positions(model);
    let mut picks = vec![wrong_positions(model)[0]];
    picks.extend(right.iter().skip(1));
    answer_with(model, &picks)
}

pub fn answer_with(model: &mut Model, positions: &[usize]) -> Vec<Effect> {
    let mut keys: String = positions.iter().map(|&p| letter(p)).collect();
    if positions.len() > 1 {
        keys.push_str("<enter>");
    }
    press(model, &keys)
}

/// The engine's answer to an `Effect::Record`: saved, due in `days`.
pub fn saved(model: &mut Model, days: i64) -> Vec<Effect> {
    update(
        model,
        Msg::Recorded(Ok(Some(NOW + time::Duration::days(days)))),
    )
}

/// Figures of a learner with some history, for the home and stats screens.
pub fn dashboard(lib: &Library) -> Dashboard {
    let stat = |key: &str, total, seen, attempts, accuracy: f64, recall, weakness| TopicStats {
        key: key.to_string(),
        title: lib
            .packs
            .iter()
            .flat_map(|p| {
                p.topics
                    .iter()
                    .map(move |t| (format!("{}/{}", p.id, t.id), t))
            })
            .find(|(k, _)| k == key)
            .map(|(_, t)| t.title.clone())
            .expect("fixture topic"),
        total,
        seen,
        attempts,
        accuracy,
        coverage: seen as f64 / total as f64,
        retrievability: recall,
        recall: 1.0 - weakness,
        lapses: 0,
        weakness,
        not_started: false,
    };
    let queues = stat("tui-decoupling/queues", 1, 1, 6, 0.5, 0.62, 0.7);
    let dead = stat("tui-decoupling/dead-letters", 1, 1, 4, 0.25, 0.4, 0.9);
    let cache = stat("tui-caching/read-cache", 1, 1, 3, 1.0, 0.95, 0.1);
    let mut fanout = stat("tui-decoupling/fanout", 1, 0, 0, 0.0, 0.0, 0.0);
    fanout.not_started = true;
    fanout.coverage = 0.0;
    let activity: Vec<usize> = (0..84)
        .map(|i| [0, 3, 0, 7, 12, 1, 0][i % 7] * (i / 40))
        .collect();
    Dashboard {
        due: DueCounts {
            now: 3,
            today: 5,
            week: 9,
        },
        new_left: 1,
        streak: 4,
        total_answers: activity.iter().sum(),
        topics: vec![queues.clone(), dead.clone(), fanout, cache.clone()],
        weakest: vec![dead, queues, cache],
        forecast: vec![3, 2, 0, 1, 4, 0, 0, 2, 0, 0, 1, 0, 0, 5],
        activity,
        leeches: vec![POISON.to_string()],
        marks: Default::default(),
        exam_scores: vec![610, 700, 760],
        save_problem: None,
        readiness: None,
        exams: Vec::new(),
        leech_lapses: vec![9],
        leech_threshold: 8,
        backlog: (2, 1),
        review_cap: 200,
        learning: (0, None),
        at: Some(NOW),
    }
}

/// Draws the model into a fresh `w`×`h` test terminal.
pub fn render(model: &Model, theme: &Theme, w: u16, h: u16) -> TestBackend {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| view::view(f, model, theme)).expect("draw");
    t.backend().clone()
}

/// The text of a rendered buffer, one `String` per row.
pub fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// Every cell where `text` starts, as `(x, y)`.
pub fn find_all(buf: &Buffer, text: &str) -> Vec<(u16, u16)> {
    let want: Vec<char> = text.chars().collect();
    let mut hits = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let fits = want.iter().enumerate().all(|(i, c)| {
                let cx = x + u16::try_from(i).expect("short");
                cx < buf.area.width && buf[(cx, y)].symbol().chars().eq(std::iter::once(*c))
            });
            if fits {
                hits.push((x, y));
            }
        }
    }
    hits
}

/// One character per cell for the modifiers that carry meaning in the monochrome theme.
fn modifier_char(m: Modifier) -> char {
    if m.contains(Modifier::REVERSED) {
        'R'
    } else if m.contains(Modifier::UNDERLINED) {
        'U'
    } else if m.contains(Modifier::BOLD | Modifier::DIM) {
        'b'
    } else if m.contains(Modifier::BOLD) {
        'B'
    } else if m.contains(Modifier::DIM) {
        'D'
    } else if m.is_empty() {
        '.'
    } else {
        '?'
    }
}

/// A monochrome rendering as text followed by its modifier map. Asserts that no cell has a
/// colour: in the mono theme meaning rests on glyphs and modifiers only.
pub fn mono_view(backend: &TestBackend) -> String {
    let buf = backend.buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert!(
                c.fg == Color::Reset && c.bg == Color::Reset,
                "mono theme used a colour at ({x}, {y}): {c:?}"
            );
        }
    }
    let mut out = format!("{backend}");
    out.push_str("\nmodifiers (R reversed, U underlined, B bold, b bold+dim, D dim, . none):\n");
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| modifier_char(buf[(x, y)].modifier))
            .collect();
        out.push_str(&format!("\"{line}\"\n"));
    }
    out
}
