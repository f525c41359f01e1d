//! Drawing the Question screen and its Feedback: text pane beside (≥ 120 columns) or above the
//! diagram, a zoomed diagram, and the feedback with every choice's why, explanation and tips.

use ratatui::Frame;

use crate::pack::model::Text;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::library::{Library, QRef};
use crate::pack::Diagram;
use crate::pack::model::choose_label;
use crate::tui::app::Model;
use crate::tui::screens::question::{Pane, QuestionState};
use crate::tui::theme::Theme;
use crate::tui::widgets::diagram::{DiagramView, art_size};
use crate::tui::widgets::text::plain;

pub use crate::tui::widgets::answer_list::{
    answer_lines, choice_lines, choice_lines_ranged, correct_letters,
};

/// Width from which the diagram sits beside the question.
pub const SIDE_BY_SIDE: u16 = 120;

pub fn render(f: &mut Frame, area: Rect, model: &Model, q: &QuestionState, theme: &Theme) {
    let Some(item) = q.session.current() else {
        return;
    };
    let question = model.lib.question(item.q);
    let pack = model.lib.pack_of(item.q);
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let topic = model
        .lib
        .topic_of(item.q)
        .map_or(question.topic.as_str(), |t| t.title.as_str());
    let mut header = vec![
        Span::styled(format!(" {} ", q.session.kind.title()), theme.selected),
        Span::styled(
            format!(" {}/{} ", q.session.pos + 1, q.session.items.len()),
            theme.accent,
        ),
    ];
    // What to do comes before where the question is from: the topic and pack are what gets cut.
    if question.answer_count() > 1 {
        header.push(Span::styled(
            format!(" {} ", choose_label(question.answer_count())),
            theme.accent,
        ));
    }
    if q.unsure && q.feedback.is_none() {
        header.push(Span::styled(" [unsure] ", theme.warning));
    }
    let key = model.lib.key(item.q);
    if model.dash.marks.is_flagged(&key) {
        header.push(Span::styled("  ⚑ flagged", theme.warning));
    }
    if model.dash.marks.note(&key).is_some() && q.feedback.is_none() {
        header.push(Span::styled("  ✎ note", theme.accent));
    }
    header.push(Span::styled(
        format!(" {topic} · {}", pack.title),
        theme.muted,
    ));
    f.render_widget(Paragraph::new(Line::from(header)), head);

    let diagram = shown_diagram(&model.lib, item.q, q.feedback.is_some());
    let revealed = q.feedback.is_some() && question.reveal_diagram.is_some();
    let highlight: &[Text] = if q.feedback.is_some() {
        &question.highlight
    } else {
        &[]
    };
    let draw_diagram = |f: &mut Frame, r: Rect| {
        if let Some(d) = diagram {
            let v = DiagramView {
                diagram: d,
                highlight,
                scroll: q.diagram_scroll,
                focused: q.focus == Pane::Diagram || q.zoom,
                revealed,
                theme,
            };
            f.render_widget(v, r);
        }
    };
    if q.zoom && diagram.is_some() {
        draw_diagram(f, body);
        return;
    }
    let placed = place(model, q, body, theme);
    render_text(f, &placed, q, theme);
    if let Some(g) = placed.diagram_area {
        draw_diagram(f, g);
    }
}

/// Where everything of the question screen goes, shared by drawing and mouse clicks.
pub struct Placed {
    pub text_area: Rect,
    pub diagram_area: Option<Rect>,
    pub lines: Vec<Line<'static>>,
    /// Line range of each displayed choice (answering phase only).
    pub choices: Vec<(usize, usize)>,
    /// First visible line of the text pane.
    pub scroll: u16,
}

/// Lays out the question body (everything below the header line).
pub fn place(model: &Model, q: &QuestionState, body: Rect, theme: &Theme) -> Placed {
    let room = q
        .session
        .current()
        .and_then(|item| diagram_room(&model.lib, item.q, q.feedback.is_some()));
    let build = |width: u16| -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
        let w = width.saturating_sub(2) as usize;
        if q.feedback.is_some() {
            (feedback_lines(model, q, w, theme), Vec::new())
        } else {
            question_lines(&model.lib, q, w, theme)
        }
    };
    // Stacked, the question gets the room it needs and the diagram what is left (`z` zooms it).
    let full = build(body.width);
    let (text_area, diagram_area) = panes(body, room, full.0.len());
    let (lines, choices) = if text_area.width == body.width {
        full
    } else {
        build(text_area.width)
    };
    let inner_h = text_area.height.saturating_sub(2);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let mut scroll = q.scroll.min(total.saturating_sub(inner_h));
    // Keep the highlighted choice in view while answering.
    if let Some(&(start, end)) = choices.get(q.cursor) {
        let (start, end) = (
            u16::try_from(start).unwrap_or(0),
            u16::try_from(end).unwrap_or(0),
        );
        if end > scroll + inner_h {
            scroll = end.saturating_sub(inner_h);
        }
        if start < scroll {
            scroll = start;
        }
    }
    Placed {
        text_area,
        diagram_area,
        lines,
        choices,
        scroll,
    }
}

/// The displayed choice at a screen position, if the click landed on one.
pub fn choice_at(placed: &Placed, col: u16, row: u16) -> Option<usize> {
    let inner = placed.text_area;
    if col <= inner.x
        || col + 1 >= inner.x + inner.width
        || row <= inner.y
        || row + 1 >= inner.y + inner.height
    {
        return None;
    }
    let line = usize::from(row - inner.y - 1) + usize::from(placed.scroll);
    placed
        .choices
        .iter()
        .position(|&(s, e)| (s..e).contains(&line))
}

/// The body rectangle of the question screen in a frame of `size` (see `view::view`).
pub fn body_of(size: (u16, u16)) -> Rect {
    Rect::new(0, 1, size.0, size.1.saturating_sub(3))
}

fn render_text(f: &mut Frame, placed: &Placed, q: &QuestionState, theme: &Theme) {
    let focused = q.focus == Pane::Text;
    render_pane(
        f,
        placed.text_area,
        placed.lines.clone(),
        placed.scroll,
        focused,
        theme,
    );
}

fn question_lines(
    lib: &Library,
    q: &QuestionState,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let Some(item) = q.session.current() else {
        return (Vec::new(), Vec::new());
    };
    let question = lib.question(item.q);
    let multi = question.answer_count() > 1;
    let (mut lines, ranges) =
        choice_lines_ranged(lib, item.q, &item.order, q.cursor, &q.picked, width, theme);
    lines.push(Line::default());
    let hint = if multi {
        format!(
            "{}: {} of {} selected — Enter submits",
            choose_label(question.answer_count()),
            q.picked.len(),
            question.answer_count()
        )
    } else {
        "Press a letter to answer, or move and press Enter".to_string()
    };
    lines.extend(plain(&hint, width, theme.muted));
    (lines, ranges)
}

fn feedback_lines(
    model: &Model,
    q: &QuestionState,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let (lib, now) = (&model.lib, model.now);
    let (Some(item), Some(fb)) = (q.session.current(), &q.feedback) else {
        return Vec::new();
    };
    let o = &fb.outcome;
    let mut lines = Vec::new();
    if o.correct {
        let extra = if o.unsure {
            "  (marked unsure: graded Hard)"
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled("✓ Correct", theme.correct),
            Span::styled(extra, theme.muted),
        ]));
    } else {
        lines.push(Line::from(vec![
            Span::styled("✗ Incorrect", theme.incorrect),
            Span::styled(
                format!(" — answer: {}", correct_letters(lib, item.q, &item.order)),
                theme.accent,
            ),
        ]));
    }
    match &fb.saved {
        None => lines.push(Line::styled("saving…", theme.muted)),
        Some(Ok(Some(due))) => lines.push(Line::styled(
            format!("Next review {}", crate::study::until(now, *due)),
            theme.accent,
        )),
        Some(Ok(None)) => lines.push(Line::styled("Saved.", theme.muted)),
        // Wrapped: the OS error at the end is the useful part.
        Some(Err(e)) => lines.extend(plain(
            &format!("⚠ progress could not be saved: {e}"),
            width,
            theme.warning,
        )),
    }
    // The stem with its qualifier ("LEAST operational overhead"), as the exam report shows it.
    lines.push(Line::default());
    lines.extend(plain(&lib.question(item.q).stem, width, theme.base));
    if let Some(note) = model.dash.marks.note(&lib.key(item.q)) {
        lines.push(Line::default());
        lines.push(Line::styled("✎ Your note (n to edit)", theme.accent));
        for para in note.lines() {
            lines.extend(plain(para, width, theme.muted));
        }
    }
    lines.push(Line::default());
    lines.extend(answer_lines(
        lib,
        item.q,
        &item.order,
        &o.chosen,
        width,
        theme,
    ));
    lines
}

/// The diagram a question shows while it is being answered (the problem), if any.
pub fn diagram_of(lib: &Library, r: QRef) -> Option<&Diagram> {
    let id = lib.question(r).diagram.as_ref()?;
    lib.pack_of(r).diagrams.iter().find(|d| &d.id == id)
}

/// The diagram to draw: after the verdict the question's reveal diagram (the fixed
/// architecture) when it has one, else the diagram shown with the question.
pub fn shown_diagram(lib: &Library, r: QRef, after_verdict: bool) -> Option<&Diagram> {
    let reveal = lib
        .question(r)
        .reveal_diagram
        .as_ref()
        .filter(|_| after_verdict);
    match reveal {
        Some(id) => lib.pack_of(r).diagrams.iter().find(|d| &d.id == id),
        None => diagram_of(lib, r),
    }
}

/// The room a question's diagrams take: the larger of the problem and the reveal diagram, so
/// that the panes stay where they are when the verdict swaps one for the other.
pub fn diagram_room(lib: &Library, r: QRef, after_verdict: bool) -> Option<(u16, u16)> {
    let shown = art_size(&shown_diagram(lib, r, after_verdict)?.art);
    let other = shown_diagram(lib, r, !after_verdict).map_or(shown, |d| art_size(&d.art));
    Some((shown.0.max(other.0), shown.1.max(other.1)))
}

/// Splits a question's body into the text pane and, when there is a diagram (`room`: its rows
/// and columns), the diagram pane: beside the text from `SIDE_BY_SIDE` columns, below it
/// otherwise (`text_rows` is how many rows the text would like; the diagram gets what is left,
/// at least 5 rows).
pub fn panes(body: Rect, room: Option<(u16, u16)>, text_rows: usize) -> (Rect, Option<Rect>) {
    let Some((rows, cols)) = room else {
        return (body, None);
    };
    if body.width >= SIDE_BY_SIDE {
        // The art keeps its full width when the question still gets 46 columns.
        let w = (cols + 2).min(body.width.saturating_sub(46));
        let [t, g] = body.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(w),
        ]));
        (t, Some(g))
    } else {
        let need = u16::try_from(text_rows)
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let h = (rows + 2).min(body.height.saturating_sub(need).max(5));
        let [t, g] = body.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(h),
        ]));
        (t, Some(g))
    }
}

/// A bordered, scrollable text pane; the bottom border tells which lines show when not all fit.
pub fn render_pane(
    f: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    scroll: u16,
    focused: bool,
    theme: &Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        });
    let inner_h = area.height.saturating_sub(2);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let scroll = scroll.min(total.saturating_sub(inner_h));
    let block = if total > inner_h {
        block.title_bottom(
            Line::from(format!(
                " {}–{} of {} lines ",
                scroll + 1,
                (scroll + inner_h).min(total),
                total
            ))
            .right_aligned(),
        )
    } else {
        block
    };
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
