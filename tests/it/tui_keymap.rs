//! Keys to messages through `tui::runtime::to_msg`: the bindings of every context, choice letters,
//! typing in the tips search, key releases and Alt chords ignored, mouse and resize events, and
//! the keymap tables' own consistency (no binding shadowed by an earlier one).

use decouple_quiz::tui::app::Msg;
use decouple_quiz::tui::keymap::{self, Action, Context, Key};
use decouple_quiz::tui::runtime::to_msg;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const ALL: [Context; 15] = [
    Context::Home,
    Context::Picker,
    Context::Answering,
    Context::Feedback,
    Context::Summary,
    Context::Tips,
    Context::TipsSearch,
    Context::Stats,
    Context::StatsExams,
    Context::ExamPicker,
    Context::Exam,
    Context::ExamReview,
    Context::Report,
    Context::Resume,
    Context::Confirm,
];

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

/// The message as text, since `Msg` has no `PartialEq` (it carries a whole library on reload).
fn msg(cx: Context, ev: &Event) -> String {
    format!("{:?}", to_msg(cx, ev))
}

fn action(cx: Context, ev: &Event) -> Option<Action> {
    match to_msg(cx, ev) {
        Some(Msg::Key(a)) => Some(a),
        None => None,
        Some(other) => panic!("{cx:?}: expected a key action, got {other:?}"),
    }
}

#[test]
fn each_screen_maps_its_keys() {
    use Action::*;
    let cases: &[(Context, Event, Option<Action>)] = &[
        (Context::Home, ch('j'), Some(Down)),
        (Context::Home, key(KeyCode::Up), Some(Up)),
        (Context::Home, key(KeyCode::Enter), Some(Confirm)),
        (Context::Home, ch('l'), Some(Confirm)),
        (Context::Home, ch('d'), Some(Drill)),
        (Context::Home, ch('t'), Some(Filter)),
        (Context::Home, ch('r'), Some(Reload)),
        (Context::Home, ch('m'), Some(Mouse)),
        (Context::Home, ch('?'), Some(Help)),
        (Context::Home, key(KeyCode::F(1)), Some(Help)),
        (Context::Home, ch('q'), Some(Quit)),
        (Context::Home, key(KeyCode::Esc), None),
        (Context::Home, ch('a'), None),
        (Context::Picker, ch(' '), Some(Toggle)),
        (Context::Picker, ch('x'), Some(Toggle)),
        (Context::Picker, ch('+'), Some(More)),
        (Context::Picker, key(KeyCode::Right), Some(More)),
        (Context::Picker, ch('-'), Some(Less)),
        (Context::Picker, key(KeyCode::Enter), Some(Confirm)),
        (Context::Picker, key(KeyCode::Esc), Some(Back)),
        (Context::Answering, ch('a'), Some(Pick(0))),
        (Context::Answering, ch('1'), Some(Pick(0))),
        (Context::Answering, ch('6'), Some(Pick(5))),
        (Context::Answering, ch('7'), None),
        (Context::Answering, ch('g'), None),
        (Context::Answering, ch('A'), None),
        (Context::Answering, ch(' '), Some(Toggle)),
        (Context::Answering, key(KeyCode::Enter), Some(Confirm)),
        (Context::Answering, ch('u'), Some(Unsure)),
        (Context::Answering, key(KeyCode::Tab), Some(FocusNext)),
        (Context::Answering, ch('z'), Some(Zoom)),
        (Context::Answering, ch('E'), Some(Edit)),
        (Context::Answering, ch('<'), Some(Left)),
        (Context::Answering, ch('>'), Some(Right)),
        (Context::Feedback, ch('<'), Some(Left)),
        (Context::Feedback, ch('>'), Some(Right)),
        (Context::Answering, key(KeyCode::PageDown), Some(PageDown)),
        (Context::Answering, key(KeyCode::Esc), Some(Back)),
        (Context::Answering, ch('q'), Some(Quit)),
        (Context::Feedback, key(KeyCode::Enter), Some(Next)),
        (Context::Feedback, ch(' '), Some(Next)),
        (Context::Feedback, ch('n'), Some(Note)),
        (Context::Feedback, ch('f'), Some(Flag)),
        (Context::Feedback, ch('!'), Some(Report)),
        (Context::Answering, ch('f'), Some(Flag)),
        (Context::Answering, ch('n'), Some(Note)),
        (Context::Answering, ch('6'), Some(Pick(5))),
        (Context::Feedback, key(KeyCode::Right), Some(Next)),
        (Context::Feedback, ch('a'), None),
        (Context::Feedback, ch('e'), Some(Edit)),
        (Context::Feedback, ch('G'), Some(Bottom)),
        (Context::Feedback, ch('g'), Some(Top)),
        (Context::Summary, ch('r'), Some(Retake)),
        (Context::Summary, key(KeyCode::Enter), Some(Back)),
        (Context::Summary, key(KeyCode::Esc), Some(Back)),
        (Context::Tips, ch('/'), Some(Search)),
        (Context::Tips, key(KeyCode::Enter), Some(Confirm)),
        (Context::Tips, ch('h'), Some(Back)),
        (Context::TipsSearch, key(KeyCode::Enter), Some(Confirm)),
        (Context::TipsSearch, key(KeyCode::Esc), Some(Back)),
        (Context::Stats, ch('d'), Some(Drill)),
        (Context::Stats, key(KeyCode::Enter), Some(Drill)),
        (Context::Stats, key(KeyCode::Tab), Some(FocusNext)),
        (Context::StatsExams, key(KeyCode::Enter), Some(Confirm)),
        (Context::StatsExams, ch('r'), Some(Retake)),
        (Context::StatsExams, ch('d'), None),
        (Context::StatsExams, key(KeyCode::Tab), Some(FocusNext)),
        (Context::Stats, key(KeyCode::Esc), Some(Back)),
        (Context::Confirm, ch('y'), Some(Confirm)),
        (Context::Confirm, key(KeyCode::Enter), Some(Confirm)),
        (Context::Confirm, ch('n'), Some(Back)),
        (Context::Confirm, key(KeyCode::Esc), Some(Back)),
        (Context::Confirm, ch('q'), None),
    ];
    for (cx, ev, want) in cases {
        assert_eq!(action(*cx, ev), *want, "{cx:?} {ev:?}");
    }
}

#[test]
fn ctrl_c_is_force_quit_in_every_context() {
    let ev = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    for cx in ALL {
        assert_eq!(action(cx, &ev), Some(Action::ForceQuit), "{cx:?}");
    }
    // A plain `c` picks choice C while answering.
    assert_eq!(action(Context::Answering, &ch('c')), Some(Action::Pick(2)));
}

#[test]
fn typing_in_the_tips_search_is_text() {
    for c in ['q', 'r', 'j', '?', '/', 'x', 'Z', 'é', ' '] {
        assert_eq!(
            msg(Context::TipsSearch, &ch(c)),
            format!("Some(Char({c:?}))")
        );
    }
    assert_eq!(
        msg(Context::TipsSearch, &key(KeyCode::Backspace)),
        "Some(Backspace)"
    );
    // Outside the search, letters are not text.
    assert_eq!(msg(Context::Tips, &ch('x')), "None");
    assert_eq!(msg(Context::Tips, &key(KeyCode::Backspace)), "None");
}

#[test]
fn releases_repeats_are_handled_and_alt_chords_are_ignored() {
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(msg(Context::Home, &Event::Key(release)), "None");
    // Esc followed at once by j arrives as Alt+j: it must not move (or quit).
    let alt = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT));
    for cx in ALL {
        assert_eq!(msg(cx, &alt), "None", "{cx:?}");
    }
    // Shift arrives with the upper-case letter.
    let shift_e = Event::Key(KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT));
    assert_eq!(action(Context::Answering, &shift_e), Some(Action::Edit));
}

#[test]
fn mouse_and_resize_events() {
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 7,
            row: 9,
            modifiers: KeyModifiers::NONE,
        })
    };
    assert_eq!(
        msg(
            Context::Home,
            &mouse(MouseEventKind::Down(MouseButton::Left))
        ),
        "Some(Click { col: 7, row: 9 })"
    );
    assert_eq!(
        action(Context::Tips, &mouse(MouseEventKind::ScrollDown)),
        Some(Action::Down)
    );
    assert_eq!(
        action(Context::Tips, &mouse(MouseEventKind::ScrollUp)),
        Some(Action::Up)
    );
    assert_eq!(
        msg(
            Context::Home,
            &mouse(MouseEventKind::Down(MouseButton::Right))
        ),
        "None"
    );
    assert_eq!(msg(Context::Home, &mouse(MouseEventKind::Moved)), "None");
    assert_eq!(
        msg(Context::Answering, &Event::Resize(60, 20)),
        "Some(Resize(60, 20))"
    );
    assert_eq!(msg(Context::Home, &Event::FocusGained), "None");
}

/// The event a `Key` pattern stands for.
fn event_of(k: Key) -> Option<KeyEvent> {
    Some(match k {
        Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
        Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        Key::ChoiceKeys => return None,
    })
}

#[test]
fn no_binding_is_shadowed_by_an_earlier_one() {
    for cx in ALL {
        for b in keymap::table(cx) {
            for k in b.keys {
                let Some(ev) = event_of(*k) else { continue };
                assert_eq!(
                    keymap::lookup(cx, ev),
                    Some(b.action),
                    "{cx:?}: {k:?} of \"{}\" ({}) reaches another action",
                    b.label,
                    b.help
                );
            }
        }
    }
}

#[test]
fn every_context_has_footer_hints_and_help_on_question_mark() {
    for cx in ALL {
        assert!(!keymap::hints(cx).is_empty(), "{cx:?}");
        let modal = matches!(
            cx,
            Context::TipsSearch | Context::Confirm | Context::Resume | Context::Exam
        );
        let has_help = keymap::hints(cx).iter().any(|(k, _)| *k == "?");
        assert_eq!(has_help, !modal || cx == Context::Exam, "{cx:?}");
    }
}
