//! Drawing the exam screen: the header with the countdown (always visible; it changes style in the
//! last 10 minutes), the question with its choices (and diagram), the one-line question strip,
//! and the navigator grid overlay. Nothing here says whether an answer is right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::exam::{Attempt, Progress, timer};
use crate::library::Library;
use crate::pack::model::choose_label;
use crate::tui::app::Model;
use crate::tui::screens::exam::review as exam_review;
use crate::tui::screens::exam::take::{ExamState, GRID_COLS, Phase};
use crate::tui::screens::question::view::{choice_lines, diagram_of, panes, render_pane};
use crate::tui::theme::Theme;
use crate::tui::widgets::diagram::DiagramView;

/// Marks of the strip and the navigator: meaning never rests on colour alone.
pub const ANSWERED: &str = "●";
/// A "Choose TWO" with one choice: it scores zero as it is.
pub const INCOMPLETE: &str = "◐";
pub const UNANSWERED: &str = "○";
pub const FLAGGED: &str = "⚑";

pub fn render(f: &mut Frame, area: Rect, model: &Model, e: &ExamState, theme: &Theme) {
    let [head, body, strip] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    render_header(f, head, model, e, theme);
    match e.phase {
        Phase::Review { cursor } => exam_review::render(f, body, model, e, cursor, theme),
        _ => render_question(f, body, model, e, theme),
    }
    render_strip(f, strip, &model.lib, &e.attempt, theme);
    if let Phase::Navigator { cursor, typed } = &e.phase {
        render_navigator(f, area, &model.lib, &e.attempt, *cursor, typed, theme);
    }
}

/// The countdown text and style: from 10 minutes left it turns into a reversed warning with ⚠.
pub fn countdown(a: &Attempt, theme: &Theme) -> Span<'static> {
    let left = a.remaining_ms();
    let text = timer::countdown(left);
    if left < timer::LOW_MS {
        Span::styled(
            format!(" ⚠ {text} left "),
            theme.incorrect.add_modifier(Modifier::REVERSED),
        )
    } else {
        Span::styled(format!(" Time left {text} "), theme.accent)
    }
}

fn render_header(f: &mut Frame, area: Rect, model: &Model, e: &ExamState, theme: &Theme) {
    let a = &e.attempt;
    let mut spans = vec![Span::styled(" Mock exam ", theme.selected)];
    if let Phase::Review { .. } = e.phase {
        spans.push(Span::styled(" Review before submitting ", theme.accent));
    } else if let Some(item) = a.current() {
        spans.push(Span::styled(
            format!(" Question {} of {} ", a.pos + 1, a.items.len()),
            theme.accent,
        ));
        let required = model
            .lib
            .find(&item.key)
            .map_or(1, |r| model.lib.question(r).answer_count());
        if required > 1 {
            spans.push(Span::styled(
                format!(" {} ", choose_label(required)),
                theme.accent,
            ));
        }
        if item.flagged {
            spans.push(Span::styled(format!(" {FLAGGED} flagged "), theme.warning));
        }
    }
    // The title goes last: on a narrow terminal it is what gets cut.
    spans.push(Span::styled(format!(" {}", a.exam.title), theme.muted));
    let clock = countdown(a, theme);
    let w = u16::try_from(clock.width()).unwrap_or(20);
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(w),
    ]));
    f.render_widget(Paragraph::new(Line::from(spans)), left);
    f.render_widget(Paragraph::new(Line::from(clock)), right);
}

fn render_question(f: &mut Frame, area: Rect, model: &Model, e: &ExamState, theme: &Theme) {
    let lib = &model.lib;
    let Some(item) = e.attempt.current() else {
        return;
    };
    let Some(r) = lib.find(&item.key) else {
        return;
    };
    let diagram = diagram_of(lib, r);
    let draw_diagram = |f: &mut Frame, area: Rect| {
        if let Some(d) = diagram {
            let v = DiagramView {
                diagram: d,
                highlight: &[],
                scroll: e.diagram_scroll,
                revealed: false,
                focused: e.zoom,
                theme,
            };
            f.render_widget(v, area);
        }
    };
    if e.zoom && diagram.is_some() {
        draw_diagram(f, area);
        return;
    }
    let picked = e.attempt.shown_chosen(e.attempt.pos);
    let required = lib.question(r).answer_count();
    let build = |w: u16| {
        let width = w.saturating_sub(2) as usize;
        let mut lines = choice_lines(lib, r, &item.order, e.cursor, &picked, width, theme);
        lines.push(Line::default());
        let hint = if required > 1 {
            format!(
                "{}: {} of {required} selected (a letter toggles)",
                choose_label(required),
                picked.len()
            )
        } else {
            "Press a letter to choose; you can change it until you submit.".into()
        };
        // Wrapped at word boundaries: a narrow pane never cuts a hint mid-word.
        lines.extend(crate::tui::widgets::text::plain(&hint, width, theme.muted));
        lines
    };
    let full = build(area.width);
    let (text, side) = panes(
        area,
        diagram.map(|d| crate::tui::widgets::diagram::art_size(&d.art)),
        full.len(),
    );
    let lines = if text.width == area.width {
        full
    } else {
        build(text.width)
    };
    render_pane(f, text, lines, e.scroll, true, theme);
    if let Some(g) = side {
        draw_diagram(f, g);
    }
}

/// The answer mark of question `i`: answered, incomplete (Choose TWO with one) or not.
pub fn mark(lib: &Library, a: &Attempt, i: usize) -> &'static str {
    match a.progress(lib, i) {
        Progress::Answered => ANSWERED,
        Progress::Incomplete => INCOMPLETE,
        Progress::Unanswered => UNANSWERED,
    }
}

/// "40/65 answered · 1 incomplete · 2 flagged" (incomplete only when there are some).
pub fn counts(lib: &Library, a: &Attempt) -> String {
    let part = a.incomplete(lib).len();
    let part = if part > 0 {
        format!(" · {part} incomplete")
    } else {
        String::new()
    };
    format!(
        "{}/{} answered{part} · {} flagged",
        a.complete(lib),
        a.items.len(),
        a.flagged()
    )
}

/// One mark per question, the current one reversed, a flagged one underlined (its mark still
/// says whether it is answered). When they do not all fit, a window around the current one
/// with `‹` or `›` where marks are cut.
fn render_strip(f: &mut Frame, area: Rect, lib: &Library, a: &Attempt, theme: &Theme) {
    let counts = format!(" {} ", counts(lib, a));
    let total = a.items.len();
    let mut room = usize::from(area.width)
        .saturating_sub(counts.chars().count() + 2)
        .max(1);
    let cut = total > room;
    if cut {
        room = room.saturating_sub(2).max(1);
    }
    let first = a
        .pos
        .saturating_sub(room / 2)
        .min(total.saturating_sub(room));
    let mut spans = vec![Span::raw(" ")];
    if cut {
        spans.push(Span::styled(
            if first > 0 { "‹" } else { " " },
            theme.accent,
        ));
    }
    for i in (first..total).take(room) {
        let item = &a.items[i];
        let mut style = if i == a.pos {
            theme.selected
        } else if item.flagged {
            theme.warning
        } else if item.answered() {
            theme.base
        } else {
            theme.muted
        };
        if item.flagged {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        spans.push(Span::styled(mark(lib, a, i), style));
    }
    if cut {
        let more = first + room < total;
        spans.push(Span::styled(if more { "›" } else { " " }, theme.accent));
    }
    spans.push(Span::styled(counts, theme.muted));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Cells of the navigator grid: ` 12●⚑ `.
const CELL: u16 = 7;

fn render_navigator(
    f: &mut Frame,
    area: Rect,
    lib: &Library,
    a: &Attempt,
    cursor: usize,
    typed: &str,
    theme: &Theme,
) {
    let rows = a.items.len().div_ceil(GRID_COLS);
    let mut lines = Vec::new();
    for row in 0..rows {
        let mut spans = Vec::new();
        for i in row * GRID_COLS..((row + 1) * GRID_COLS).min(a.items.len()) {
            let item = &a.items[i];
            let answered = mark(lib, a, i);
            let flag = if item.flagged { FLAGGED } else { " " };
            let mut style = if i == cursor {
                theme.selected
            } else {
                Style::new()
            };
            if i == a.pos {
                style = style.add_modifier(Modifier::UNDERLINED);
            }
            spans.push(Span::styled(
                format!(" {:>3}{answered}{flag} ", i + 1),
                style,
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            "{ANSWERED} answered {INCOMPLETE} incomplete {UNANSWERED} unanswered {FLAGGED} flagged _ current"
        ),
        theme.muted,
    ));
    lines.push(Line::from(vec![
        Span::raw("Go to question: "),
        Span::styled(format!("{typed}▏"), theme.accent),
        Span::styled("  (type a number, Enter)", theme.muted),
    ]));
    let w = (CELL * GRID_COLS as u16 + 2).min(area.width);
    let h = (u16::try_from(lines.len()).unwrap_or(20) + 2).min(area.height);
    let [v] = area.layout(&Layout::vertical([Constraint::Length(h)]).flex(Flex::Center));
    let [r] = v.layout(&Layout::horizontal([Constraint::Length(w)]).flex(Flex::Center));
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(format!(" Navigator · {} ", counts(lib, a)))
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), r);
}
