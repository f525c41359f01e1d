//! The bindings of the study screens: home, practice picker, a question and its verdict, the
//! session summary, tips and stats.

use ratatui::crossterm::event::KeyCode;

use super::super::{Action, Binding, Key};
use super::*;
use Key::{Char as C, Code as K};

pub const HOME: &[Binding] = &[
    UP,
    DOWN,
    MOVE,
    b(
        &[K(KeyCode::Enter), C('l'), K(KeyCode::Right)],
        "Enter",
        "start",
        Action::Confirm,
        true,
    ),
    b(&[C('d')], "d", "drill weak topics", Action::Drill, false),
    b(&[C('t')], "t", "exam tips", Action::Filter, false),
    b(&[C('b')], "b", "question browser", Action::Browse, false),
    RELOAD,
    MOUSE,
    HELP,
    QUIT,
    CTRL_C,
];

pub const PICKER: &[Binding] = &[
    UP,
    DOWN,
    MOVE,
    b(
        &[C(' '), C('x')],
        "Space",
        "include/exclude pack or topic",
        Action::Toggle,
        true,
    ),
    b(
        &[C('o')],
        "o",
        "only this pack or topic",
        Action::Only,
        true,
    ),
    b(&[C('n')], "n", "select none", Action::SelectNone, false),
    b(&[C('A')], "A", "select all", Action::SelectAll, false),
    b(
        &[C('+'), C('='), C('l'), K(KeyCode::Right)],
        "+/-",
        "more/fewer questions",
        Action::More,
        true,
    ),
    b(
        &[C('-'), K(KeyCode::Left)],
        "-",
        "fewer questions",
        Action::Less,
        false,
    ),
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "start practice",
        Action::Confirm,
        true,
    ),
    b(&[K(KeyCode::Esc)], "Esc", "back", Action::Back, true),
    HELP,
    QUIT,
    CTRL_C,
];

pub const ANSWERING: &[Binding] = &[
    b(
        &[Key::ChoiceKeys],
        "a-e/1-5",
        "answer (toggle on Choose TWO)",
        Action::Pick(0),
        true,
    ),
    UP,
    DOWN,
    b(
        &[C(' ')],
        "Space",
        "select/toggle the highlighted choice",
        Action::Toggle,
        false,
    ),
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "submit",
        Action::Confirm,
        true,
    ),
    b(
        &[C('u')],
        "u",
        "mark unsure (graded Hard when right)",
        Action::Unsure,
        true,
    ),
    b(
        &[K(KeyCode::Tab)],
        "Tab",
        "switch pane (question/diagram)",
        Action::FocusNext,
        false,
    ),
    ZOOM,
    FLAG,
    NOTE,
    DIAGRAM_LEFT,
    DIAGRAM_RIGHT,
    PGUP,
    PGDN,
    b(
        &[C('E')],
        "E",
        "edit pack in $EDITOR (at this question)",
        Action::Edit,
        false,
    ),
    RELOAD,
    MOUSE,
    BACK_HOME_KEPT,
    HELP,
    QUIT,
    CTRL_C,
];

pub const FEEDBACK: &[Binding] = &[
    b(
        &[K(KeyCode::Enter), C(' '), C('l'), K(KeyCode::Right)],
        "Enter",
        "next question",
        Action::Next,
        true,
    ),
    SCROLL_DOWN,
    SCROLL_UP,
    PGUP,
    PGDN,
    TOP,
    BOTTOM,
    b(
        &[K(KeyCode::Tab)],
        "Tab",
        "switch pane (feedback/diagram)",
        Action::FocusNext,
        false,
    ),
    ZOOM,
    FLAG,
    NOTE,
    b(
        &[C('!')],
        "!",
        "report a problem with this question",
        Action::Report,
        false,
    ),
    b(
        &[C('u')],
        "u",
        "undo this answer and answer again",
        Action::Undo,
        false,
    ),
    DIAGRAM_LEFT,
    DIAGRAM_RIGHT,
    b(
        &[C('e'), C('E')],
        "e",
        "edit pack in $EDITOR (at this question)",
        Action::Edit,
        true,
    ),
    RELOAD,
    MOUSE,
    BACK_HOME_KEPT,
    HELP,
    QUIT,
    CTRL_C,
];

pub const SUMMARY: &[Binding] = &[
    UP,
    DOWN,
    b(
        &[C('r')],
        "r",
        "retake the missed questions",
        Action::Retake,
        true,
    ),
    b(
        &[K(KeyCode::Enter), K(KeyCode::Esc)],
        "Enter",
        "back to home",
        Action::Back,
        true,
    ),
    HELP,
    QUIT,
    CTRL_C,
];

pub const TIPS: &[Binding] = &[
    UP,
    DOWN,
    MOVE,
    PGUP,
    PGDN,
    TOP,
    BOTTOM,
    SEARCH,
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "practise the questions of this tip",
        Action::Confirm,
        true,
    ),
    BACK,
    HELP,
    QUIT,
    CTRL_C,
];

pub const TIPS_SEARCH: &[Binding] = &[
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "keep the filter",
        Action::Confirm,
        true,
    ),
    CLEAR_SEARCH,
    CTRL_C,
];

pub const STATS: &[Binding] = &[
    UP,
    DOWN,
    MOVE,
    b(
        &[C('d'), K(KeyCode::Enter)],
        "d",
        "drill the selected weak topic",
        Action::Drill,
        true,
    ),
    b(
        &[K(KeyCode::Tab)],
        "Tab",
        "readiness and mock exams",
        Action::FocusNext,
        true,
    ),
    b(
        &[C('l')],
        "l",
        "select in the leech list (Enter opens the question) / back",
        Action::LeechList,
        false,
    ),
    b(
        &[C('o')],
        "o",
        "open all the leeches (practise them, most lapses first)",
        Action::Leeches,
        false,
    ),
    BACK,
    HELP,
    QUIT,
    CTRL_C,
];

pub const STATS_EXAMS: &[Binding] = &[
    UP,
    DOWN,
    MOVE,
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "open the report",
        Action::Confirm,
        true,
    ),
    b(&[C('r')], "r", "retake wrong ones", Action::Retake, true),
    b(
        &[K(KeyCode::Tab)],
        "Tab",
        "progress",
        Action::FocusNext,
        true,
    ),
    BACK,
    HELP,
    QUIT,
    CTRL_C,
];
