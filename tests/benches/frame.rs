//! Key press to next frame (`cargo bench --bench frame`): one key event through the real keymap
//! and `update`, then a full `view` drawn by ratatui's crossterm backend (escape sequences
//! included, written to a sink) at 120×40, on the Question and Home screens of the built-in packs.

use decouple_quiz::library::{self, Sources};
use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::{Model, Msg, Screen, update};
use decouple_quiz::tui::runtime::to_msg;
use decouple_quiz::tui::theme::Theme;
use decouple_quiz::tui::view;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn main() {
    divan::main();
}

type Term = Terminal<CrosstermBackend<std::io::Sink>>;

fn terminal() -> Term {
    Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        },
    )
    .expect("terminal")
}

fn model(session: bool) -> Model {
    let lib = library::load(&Sources {
        builtin: true,
        dirs: Vec::new(),
        files: Vec::new(),
    })
    .library;
    let now = time::macros::datetime!(2026-11-26 10:00 UTC);
    let mut m = Model::new(lib, Vec::new(), 1, now);
    if session {
        // Questions with diagrams first: the heaviest screen.
        let mut qs: Vec<_> = m.lib.all().collect();
        qs.sort_by_key(|r| m.lib.question(*r).diagram.is_none());
        update(
            &mut m,
            Msg::SessionReady {
                kind: Kind::Practice,
                questions: qs,
            },
        );
        assert!(
            matches!(m.screen, Screen::Question(_)),
            "a question is shown"
        );
    }
    m
}

/// Presses `j` and `k` in turn (move between choices) and draws the frame after each.
fn key_then_frame(bencher: divan::Bencher, session: bool) {
    let mut m = model(session);
    let mut term = terminal();
    let theme = Theme::color();
    term.draw(|f| view::view(f, &m, &theme)).expect("draw");
    let mut down = true;
    bencher.bench_local(|| {
        let c = if down { 'j' } else { 'k' };
        down = !down;
        let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        if let Some(msg) = to_msg(m.context(), &ev) {
            update(&mut m, msg);
        }
        term.draw(|f| view::view(f, &m, &theme)).expect("draw");
    });
}

#[divan::bench(sample_count = 200, sample_size = 10)]
fn question_screen(bencher: divan::Bencher) {
    key_then_frame(bencher, true);
}

#[divan::bench(sample_count = 200, sample_size = 10)]
fn home_screen(bencher: divan::Bencher) {
    key_then_frame(bencher, false);
}

/// A full redraw from an empty screen (what a resize or the first frame costs).
#[divan::bench(sample_count = 100, sample_size = 5)]
fn first_frame_question(bencher: divan::Bencher) {
    let m = model(true);
    let theme = Theme::color();
    bencher.bench_local(|| {
        let mut term = terminal();
        term.draw(|f| view::view(f, &m, &theme)).expect("draw");
    });
}
