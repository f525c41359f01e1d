//! The bindings of the mock exam screens: picker, the exam, its navigator and review, the
//! report and the resume prompt.

use ratatui::crossterm::event::KeyCode;

use super::super::{Action, Binding, Key};
use super::*;
use Key::{Char as C, Code as K, Ctrl};

pub const EXAM_PICKER: &[Binding] = &[
    UP,
    DOWN,
    MOVE,
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "start the exam",
        Action::Confirm,
        true,
    ),
    BACK,
    HELP,
    QUIT,
    CTRL_C,
];

pub const EXAM: &[Binding] = &[
    b(
        &[Key::ChoiceKeys],
        "a-e",
        "choose (a-e or 1-6; toggles on Choose TWO)",
        Action::Pick(0),
        true,
    ),
    b(&[C('S')], "S", "review and submit", Action::Submit, true),
    UP,
    DOWN,
    b(
        &[C(' ')],
        "Space",
        "choose/toggle the highlighted choice",
        Action::Toggle,
        false,
    ),
    b(
        &[C('n'), C(']'), K(KeyCode::Right), C('l'), K(KeyCode::Enter)],
        "n/→",
        "next (after the last question: the review)",
        Action::Next,
        true,
    ),
    b(
        &[C('p'), C('['), K(KeyCode::Left), C('h')],
        "p/←",
        "previous (question)",
        Action::Left,
        true,
    ),
    b(
        &[C('f')],
        "f",
        "flag (for review before submitting)",
        Action::Flag,
        true,
    ),
    b(
        &[C('g')],
        "g",
        "navigator (go to a question by number)",
        Action::Navigator,
        true,
    ),
    b(&[C('z')], "z", "zoom the diagram", Action::Zoom, false),
    PGUP,
    PGDN,
    b(
        &[C('q'), K(KeyCode::Esc)],
        "q",
        "pause and quit (resume at the next start; the clock stops)",
        Action::Quit,
        false,
    ),
    HELP,
    CTRL_C,
];

pub const EXAM_NAVIGATOR: &[Binding] = &[
    b(
        &[],
        "0-9",
        "number (type a question number)",
        Action::Confirm,
        true,
    ),
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "go there (the typed or highlighted question)",
        Action::Confirm,
        true,
    ),
    UP,
    DOWN,
    b(
        &[C('h'), K(KeyCode::Left)],
        "h/←",
        "move left",
        Action::Left,
        false,
    ),
    b(
        &[C('l'), K(KeyCode::Right)],
        "l/→",
        "move right",
        Action::Right,
        false,
    ),
    b(&[], "hjkl", "move", Action::Down, true),
    b(
        &[C('f')],
        "f",
        "flag (or unflag the highlighted question)",
        Action::Flag,
        true,
    ),
    b(
        &[K(KeyCode::Esc), C('g')],
        "Esc",
        "close (the navigator)",
        Action::Back,
        true,
    ),
    HELP,
    CTRL_C,
];

pub const EXAM_REVIEW: &[Binding] = &[
    UP,
    DOWN,
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "go to the selected question",
        Action::Confirm,
        true,
    ),
    b(&[C('S')], "S", "submit the exam", Action::Submit, true),
    b(
        &[K(KeyCode::Esc)],
        "Esc",
        "back to the exam",
        Action::Back,
        true,
    ),
    HELP,
    CTRL_C,
];

pub const REPORT: &[Binding] = &[
    UP,
    DOWN,
    b(
        &[K(KeyCode::PageUp), Ctrl('u')],
        "PgUp",
        "scroll the breakdown up",
        Action::PageUp,
        false,
    ),
    b(
        &[K(KeyCode::PageDown), Ctrl('d')],
        "PgDn",
        "scroll the breakdown down",
        Action::PageDown,
        false,
    ),
    b(
        &[K(KeyCode::Enter), C('l')],
        "Enter",
        "open the selected question",
        Action::Confirm,
        true,
    ),
    b(
        &[C('r')],
        "r",
        "retake the wrong questions",
        Action::Retake,
        true,
    ),
    b(
        &[C('w')],
        "w",
        "filter: all / wrong / flagged",
        Action::Filter,
        true,
    ),
    b(
        &[K(KeyCode::Esc)],
        "Esc",
        "back to home",
        Action::Back,
        true,
    ),
    HELP,
    QUIT,
    CTRL_C,
];

pub const REPORT_QUESTION: &[Binding] = &[
    SCROLL_DOWN,
    SCROLL_UP,
    PGUP,
    PGDN,
    TOP,
    BOTTOM,
    b(
        &[C('n'), C('l'), K(KeyCode::Right)],
        "n/p",
        "next/previous question",
        Action::Next,
        true,
    ),
    b(
        &[C('p'), C('h'), K(KeyCode::Left)],
        "p",
        "previous question",
        Action::Left,
        false,
    ),
    b(&[C('z')], "z", "zoom the diagram", Action::Zoom, false),
    b(
        &[C('r')],
        "r",
        "retake the wrong questions",
        Action::Retake,
        false,
    ),
    b(
        &[K(KeyCode::Esc), K(KeyCode::Enter)],
        "Esc",
        "back to the report",
        Action::Back,
        true,
    ),
    HELP,
    QUIT,
    CTRL_C,
];

pub const RESUME: &[Binding] = &[
    b(
        &[C('r'), K(KeyCode::Enter)],
        "r",
        "resume the exam",
        Action::Confirm,
        true,
    ),
    b(
        &[C('a')],
        "a",
        "abandon it (kept in history as abandoned)",
        Action::Back,
        true,
    ),
    b(
        &[C('q')],
        "q",
        "quit and decide at the next start",
        Action::Quit,
        true,
    ),
    CTRL_C,
];
