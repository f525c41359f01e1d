//! The binding tables, one per context: the single source of the keys, the footer hints and
//! the `?` help. Order matters only for the footer (hints that do not fit are dropped in order).

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
    b(&[C('z')], "z", "zoom the diagram", Action::Zoom, true),
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
    b(
        &[K(KeyCode::Esc)],
        "Esc",
        "back to home (answers are kept)",
        Action::Back,
        false,
    ),
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
    b(
        &[C('j'), K(KeyCode::Down)],
        "j/k",
        "scroll",
        Action::Down,
        true,
    ),
    b(
        &[C('k'), K(KeyCode::Up)],
        "k/↑",
        "scroll up",
        Action::Up,
        false,
    ),
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
    b(&[C('z')], "z", "zoom the diagram", Action::Zoom, true),
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
    b(
        &[K(KeyCode::Esc)],
        "Esc",
        "back to home (answers are kept)",
        Action::Back,
        false,
    ),
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
    b(&[C('/')], "/", "search", Action::Search, true),
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
    b(&[C('/')], "/", "search", Action::Search, true),
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
    b(
        &[K(KeyCode::Esc)],
        "Esc",
        "clear the search",
        Action::Back,
        true,
    ),
    CTRL_C,
];

pub const BROWSER_QUESTION: &[Binding] = &[
    b(
        &[C('j'), K(KeyCode::Down)],
        "j/k",
        "scroll",
        Action::Down,
        true,
    ),
    b(
        &[C('k'), K(KeyCode::Up)],
        "k/↑",
        "scroll up",
        Action::Up,
        false,
    ),
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

pub const TIPS_SEARCH: &[Binding] = &[
    b(
        &[K(KeyCode::Enter)],
        "Enter",
        "keep the filter",
        Action::Confirm,
        true,
    ),
    b(
        &[K(KeyCode::Esc)],
        "Esc",
        "clear the search",
        Action::Back,
        true,
    ),
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
    b(
        &[C('j'), K(KeyCode::Down)],
        "j/k",
        "scroll",
        Action::Down,
        true,
    ),
    b(
        &[C('k'), K(KeyCode::Up)],
        "k/↑",
        "scroll up",
        Action::Up,
        false,
    ),
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
