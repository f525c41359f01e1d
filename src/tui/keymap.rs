//! The one keymap: which key does what on which screen. Dispatch, the footer hints and the `?`
//! help overlay are all generated from these tables, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod tables;
pub use tables::*;

/// What a key asks for. Screens interpret actions; keys never reach `update` directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Confirm,
    Toggle,
    /// A choice picked by its letter or number (displayed position).
    Pick(usize),
    Unsure,
    /// Take back the answer just given and ask the question again.
    Undo,
    Next,
    Back,
    Quit,
    ForceQuit,
    Help,
    FocusNext,
    Zoom,
    Edit,
    Reload,
    Search,
    Mouse,
    Retake,
    Drill,
    /// Open the leeches listed on the stats screen.
    Leeches,
    /// Stats: move the selection between the weak topics and the leech list.
    LeechList,
    Flag,
    Navigator,
    Submit,
    More,
    Less,
    Filter,
    /// Picker: keep only the highlighted pack or topic selected.
    Only,
    /// Picker: select nothing.
    SelectNone,
    /// Picker: select everything.
    SelectAll,
    /// The question browser.
    Browse,
    FilterPack,
    FilterTopic,
    FilterDomain,
    FilterState,
    FilterLast,
    ClearFilters,
    /// Practise the questions listed.
    Practise,
    /// A personal note on the question on screen, in $EDITOR.
    Note,
    /// An errata report on the question on screen.
    Report,
}

/// A key pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
    /// `a`–`f` and `1`–`6`: pick a choice.
    ChoiceKeys,
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the key is written in hints, e.g. "j/↓".
    pub label: &'static str,
    pub help: &'static str,
    pub action: Action,
    /// Shown in the footer (the help overlay shows every binding).
    pub footer: bool,
}

/// Which table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Picker,
    Answering,
    Feedback,
    Summary,
    Tips,
    TipsSearch,
    Browser,
    BrowserSearch,
    BrowserQuestion,
    Stats,
    /// The Stats screen's readiness and mock exams page.
    StatsExams,
    ExamPicker,
    Exam,
    /// The exam's "go to question" grid.
    ExamNavigator,
    ExamReview,
    Report,
    /// One question of the report, with answers and explanations.
    ReportQuestion,
    Resume,
    Confirm,
}

pub fn table(cx: Context) -> &'static [Binding] {
    match cx {
        Context::Home => HOME,
        Context::Picker => PICKER,
        Context::Answering => ANSWERING,
        Context::Feedback => FEEDBACK,
        Context::Summary => SUMMARY,
        Context::Browser => BROWSER,
        Context::BrowserSearch => BROWSER_SEARCH,
        Context::BrowserQuestion => BROWSER_QUESTION,
        Context::Tips => TIPS,
        Context::TipsSearch => TIPS_SEARCH,
        Context::Stats => STATS,
        Context::StatsExams => STATS_EXAMS,
        Context::ExamPicker => EXAM_PICKER,
        Context::Exam => EXAM,
        Context::ExamNavigator => EXAM_NAVIGATOR,
        Context::ExamReview => EXAM_REVIEW,
        Context::Report => REPORT,
        Context::ReportQuestion => REPORT_QUESTION,
        Context::Resume => RESUME,
        Context::Confirm => CONFIRM,
    }
}

/// Finds the action of a key press in a context.
pub fn lookup(cx: Context, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if alt {
        return None;
    }
    // Named keys win over choice letters (the exam's `f` flags rather than picking choice F).
    for binding in table(cx) {
        for k in binding.keys {
            let hit = match (*k, key.code) {
                (Key::Ctrl(c), KeyCode::Char(x)) => ctrl && x.eq_ignore_ascii_case(&c),
                (Key::Char(c), KeyCode::Char(x)) => !ctrl && x == c,
                (Key::Code(code), other) => !ctrl && code == other,
                _ => false,
            };
            if hit {
                return Some(binding.action);
            }
        }
    }
    let choices = table(cx).iter().any(|b| b.keys.contains(&Key::ChoiceKeys));
    match key.code {
        KeyCode::Char(x) if choices && !ctrl => choice_index(x).map(Action::Pick),
        _ => None,
    }
}

/// `a`–`f` or `1`–`6` → displayed choice position.
pub fn choice_index(c: char) -> Option<usize> {
    match c {
        'a'..='f' => Some(c as usize - 'a' as usize),
        '1'..='6' => Some(c as usize - '1' as usize),
        _ => None,
    }
}

/// The footer hints of a context: `(key label, description)`.
pub fn hints(cx: Context) -> Vec<(&'static str, &'static str)> {
    hints_without(cx, &[])
}

/// The footer hints minus those of `hidden` actions (e.g. zoom when there is no diagram).
pub fn hints_without(cx: Context, hidden: &[Action]) -> Vec<(&'static str, &'static str)> {
    table(cx)
        .iter()
        .filter(|b| b.footer && !hidden.contains(&b.action))
        .map(|b| (b.label, short(b.help)))
        .collect()
}

/// Footer text: the help text up to its first parenthesis, e.g. "pick a choice".
fn short(help: &'static str) -> &'static str {
    help.split(" (").next().unwrap_or(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn letters_pick_choices_while_answering() {
        assert_eq!(
            lookup(Context::Answering, press('b')),
            Some(Action::Pick(1))
        );
        assert_eq!(
            lookup(Context::Answering, press('3')),
            Some(Action::Pick(2))
        );
        assert_eq!(lookup(Context::Answering, press('j')), Some(Action::Down));
        assert_eq!(lookup(Context::Answering, press('q')), Some(Action::Quit));
        assert_eq!(lookup(Context::Exam, press('f')), Some(Action::Flag));
        assert_eq!(lookup(Context::Exam, press('e')), Some(Action::Pick(4)));
        assert_eq!(lookup(Context::Exam, press('6')), Some(Action::Pick(5)));
        assert_eq!(lookup(Context::Exam, press('S')), Some(Action::Submit));
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(lookup(Context::Exam, enter), Some(Action::Next));
        // The navigator leaves digits to be typed as a question number.
        assert_eq!(lookup(Context::ExamNavigator, press('1')), None);
        assert_eq!(
            lookup(Context::ExamNavigator, press('f')),
            Some(Action::Flag)
        );
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let k = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for cx in [
            Context::Home,
            Context::Answering,
            Context::Exam,
            Context::TipsSearch,
            Context::Confirm,
        ] {
            assert_eq!(lookup(cx, k), Some(Action::ForceQuit), "{cx:?}");
        }
    }

    #[test]
    fn every_context_has_help_or_is_modal() {
        for cx in [
            Context::Home,
            Context::Answering,
            Context::Feedback,
            Context::Stats,
        ] {
            assert!(hints(cx).iter().any(|(k, _)| *k == "?"));
        }
    }
}
