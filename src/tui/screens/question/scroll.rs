//! Scrolling on the question screen: the text pane, the diagram pane (both ways), kept within
//! what the current layout shows, and where a diagram's highlighted regions are.

use crate::library::{Library, QRef};
use crate::tui::app::{Model, Screen};
use crate::tui::keymap::Action;

use super::view;
use super::{Pane, QuestionState, state};

pub(super) fn scroll(q: &mut QuestionState, a: Action) {
    let (by, target) = match a {
        Action::Up => (-1, q.focus),
        Action::Down => (1, q.focus),
        Action::PageUp => (-10, q.focus),
        Action::PageDown => (10, q.focus),
        Action::Top => (-10_000, q.focus),
        Action::Bottom => (10_000, q.focus),
        Action::Left | Action::Right => {
            let d: i32 = if a == Action::Left { -4 } else { 4 };
            q.diagram_scroll.1 = add(q.diagram_scroll.1, d);
            return;
        }
        _ => return,
    };
    match target {
        Pane::Text => q.scroll = add(q.scroll, by),
        Pane::Diagram => q.diagram_scroll.0 = add(q.diagram_scroll.0, by),
    }
}

/// Keeps the scroll offsets within the content as laid out at the current terminal size, so
/// `k` right after `G` (or after scrolling past the end) moves at once.
pub(super) fn clamp_scroll(model: &mut Model) {
    use crate::tui::widgets::diagram::{art_size, max_scroll};
    let Screen::Question(q) = &model.screen else {
        return;
    };
    let body = crate::tui::screens::question::view::body_of(model.size);
    let placed = crate::tui::screens::question::view::place(
        model,
        q,
        body,
        &crate::tui::theme::Theme::mono(),
    );
    let text_h = placed.text_area.height.saturating_sub(2);
    let lines = u16::try_from(placed.lines.len()).unwrap_or(u16::MAX);
    let max_text = max_scroll(lines, text_h);
    let diagram = q
        .session
        .current()
        .and_then(|item| view::shown_diagram(&model.lib, item.q, q.feedback.is_some()));
    let pane = if q.zoom {
        Some(body)
    } else {
        placed.diagram_area
    };
    let max_diagram = match (diagram, pane) {
        (Some(d), Some(r)) => {
            let (rows, cols) = art_size(&d.art);
            (
                max_scroll(rows, r.height.saturating_sub(2)),
                max_scroll(cols, r.width.saturating_sub(2)),
            )
        }
        _ => (0, 0),
    };
    let q = state(model);
    q.scroll = q.scroll.min(max_text);
    q.diagram_scroll = (
        q.diagram_scroll.0.min(max_diagram.0),
        q.diagram_scroll.1.min(max_diagram.1),
    );
}

/// Saturating signed add; `clamp_scroll` then keeps it within the content.
fn add(v: u16, by: i32) -> u16 {
    u16::try_from((i32::from(v) + by).clamp(0, i32::from(u16::MAX))).unwrap_or(0)
}

/// Where to scroll a stacked diagram so that its highlighted regions show: the problem diagram
/// before the verdict, the reveal diagram (if the question has one) after it, from its top when
/// nothing in it is highlighted.
pub fn highlight_scroll(lib: &Library, r: QRef, after_verdict: bool) -> Option<(u16, u16)> {
    let question = lib.question(r);
    let revealed = after_verdict && question.reveal_diagram.is_some();
    let top = view::shown_diagram(lib, r, after_verdict).and_then(|d| {
        d.regions
            .iter()
            .filter(|g| question.highlight.contains(&g.id))
            .map(|g| g.row)
            .min()
    });
    match top {
        Some(row) => Some((u16::try_from(row.saturating_sub(1)).unwrap_or(0), 0)),
        None if revealed => Some((0, 0)),
        None => None,
    }
}
