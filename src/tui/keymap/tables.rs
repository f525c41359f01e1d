//! The binding tables, one per context: the single source of the keys, the footer hints and
//! the `?` help. Order matters only for the footer (hints that do not fit are dropped in order).
//! This file holds the bindings several contexts share; `study`, `browser` and `exam` the
//! tables of their screens.

use ratatui::crossterm::event::KeyCode;

use super::{Action, Binding, Key};

const fn b(
    keys: &'static [Key],
    label: &'static str,
    help: &'static str,
    action: Action,
    footer: bool,
) -> Binding {
    Binding {
        keys,
        label,
        help,
        action,
        footer,
    }
}

use Key::{Char as C, Code as K, Ctrl};

mod browser;
mod exam;
mod study;
pub use browser::*;
pub use exam::*;
pub use study::*;

const UP: Binding = b(
    &[C('k'), K(KeyCode::Up)],
    "k/↑",
    "move up",
    Action::Up,
    false,
);
const DOWN: Binding = b(
    &[C('j'), K(KeyCode::Down)],
    "j/↓",
    "move down",
    Action::Down,
    false,
);
const MOVE: Binding = b(&[], "j/k", "move", Action::Down, true);
const PGUP: Binding = b(
    &[K(KeyCode::PageUp), Ctrl('u')],
    "PgUp",
    "scroll up a page",
    Action::PageUp,
    false,
);
const PGDN: Binding = b(
    &[K(KeyCode::PageDown), Ctrl('d')],
    "PgDn",
    "scroll down a page",
    Action::PageDown,
    false,
);
const TOP: Binding = b(
    &[C('g'), K(KeyCode::Home)],
    "g",
    "go to the top",
    Action::Top,
    false,
);
const BOTTOM: Binding = b(
    &[C('G'), K(KeyCode::End)],
    "G",
    "go to the bottom",
    Action::Bottom,
    false,
);
const BACK: Binding = b(
    &[K(KeyCode::Esc), C('h'), K(KeyCode::Left)],
    "Esc",
    "back",
    Action::Back,
    true,
);
const QUIT: Binding = b(&[C('q')], "q", "quit", Action::Quit, true);
const CTRL_C: Binding = b(&[Ctrl('c')], "Ctrl-C", "quit now", Action::ForceQuit, false);
const HELP: Binding = b(&[C('?'), K(KeyCode::F(1))], "?", "help", Action::Help, true);
const MOUSE: Binding = b(
    &[C('m')],
    "m",
    "mouse capture on/off (off keeps copy and paste)",
    Action::Mouse,
    false,
);
/// Diagram art may be wider than its pane (up to 100 columns); arrows and `h`/`l` mean other
/// things on the question screen, so sideways scrolling has keys of its own.
const DIAGRAM_LEFT: Binding = b(
    &[C('<')],
    "<",
    "scroll the diagram left",
    Action::Left,
    false,
);
const DIAGRAM_RIGHT: Binding = b(
    &[C('>')],
    ">",
    "scroll the diagram right",
    Action::Right,
    false,
);
const RELOAD: Binding = b(
    &[C('r')],
    "r",
    "reload packs from disk",
    Action::Reload,
    false,
);

/// `f` in any study session (choice F stays on `6`).
const FLAG: Binding = b(
    &[C('f')],
    "f",
    "flag/unflag the question",
    Action::Flag,
    false,
);

const NOTE: Binding = b(
    &[C('n')],
    "n",
    "your note on it ($EDITOR)",
    Action::Note,
    false,
);

/// Scrolls the text pane of a question or a report (the footer names both keys).
const SCROLL_DOWN: Binding = b(
    &[C('j'), K(KeyCode::Down)],
    "j/k",
    "scroll",
    Action::Down,
    true,
);
const SCROLL_UP: Binding = b(
    &[C('k'), K(KeyCode::Up)],
    "k/↑",
    "scroll up",
    Action::Up,
    false,
);
const ZOOM: Binding = b(&[C('z')], "z", "zoom the diagram", Action::Zoom, true);
const SEARCH: Binding = b(&[C('/')], "/", "search", Action::Search, true);
const CLEAR_SEARCH: Binding = b(
    &[K(KeyCode::Esc)],
    "Esc",
    "clear the search",
    Action::Back,
    true,
);
/// Esc in a study session: back home, with every answer given already saved.
const BACK_HOME_KEPT: Binding = b(
    &[K(KeyCode::Esc)],
    "Esc",
    "back to home (answers are kept)",
    Action::Back,
    false,
);

pub const CONFIRM: &[Binding] = &[
    b(
        &[C('y'), K(KeyCode::Enter)],
        "y",
        "yes",
        Action::Confirm,
        true,
    ),
    b(&[C('n'), K(KeyCode::Esc)], "n", "no", Action::Back, true),
    CTRL_C,
];
