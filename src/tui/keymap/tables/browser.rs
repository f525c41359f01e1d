//! The bindings of the question browser: its list, its search and a question opened from it.

use ratatui::crossterm::event::KeyCode;

use super::super::{Action, Binding, Key};
use super::*;
use Key::{Char as C, Code as K};

pub const BROWSER: &[Binding] = &[
    UP,
    DOWN,
    MOVE,
    PGUP,
    PGDN,
    TOP,
    BOTTOM,
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "open the question",
        Action::Confirm,
        true,
    ),
    SEARCH,
    b(
        &[C('p')],
        "p",
        "practise the questions listed",
        Action::Practise,
        true,
    ),
    b(
        &[C('P')],
        "P",
        "filter by pack (cycles)",
        Action::FilterPack,
        false,
    ),
    b(
        &[C('t')],
        "t",
        "filter by topic (cycles)",
        Action::FilterTopic,
        false,
    ),
    b(
        &[C('D')],
        "D",
        "filter by exam domain (cycles)",
        Action::FilterDomain,
        false,
    ),
    b(
        &[C('s')],
        "s",
        "filter by state: new, learning, review, leech",
        Action::FilterState,
        false,
    ),
    b(
        &[C('w')],
        "w",
        "filter by last result: right, wrong, none",
        Action::FilterLast,
        false,
    ),
    b(
        &[C('f')],
        "f",
        "flagged questions only (on/off)",
        Action::Flag,
        false,
    ),
    b(
        &[C('x')],
        "x",
        "clear the filters",
        Action::ClearFilters,
        true,
    ),
    b(
        &[K(KeyCode::Esc)],
        "Esc",
        "clear the filters, then back",
        Action::Back,
        false,
    ),
    HELP,
    QUIT,
    CTRL_C,
];

pub const BROWSER_SEARCH: &[Binding] = &[
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "keep the search",
        Action::Confirm,
        true,
    ),
    CLEAR_SEARCH,
    CTRL_C,
];

pub const BROWSER_QUESTION: &[Binding] = &[
    SCROLL_DOWN,
    SCROLL_UP,
    PGUP,
    PGDN,
    TOP,
    b(
        &[C('z')],
        "z",
        "the other diagram (situation/fixed)",
        Action::Zoom,
        true,
    ),
    FLAG,
    NOTE,
    b(
        &[K(KeyCode::Esc), K(KeyCode::Enter)],
        "Esc",
        "back to the list",
        Action::Back,
        true,
    ),
    HELP,
    QUIT,
    CTRL_C,
];
