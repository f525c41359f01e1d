//! The whole frame: the current screen, the status/notice line, the key hints footer, and the
//! help and confirmation overlays. Also the "terminal too small" screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::app::{Model, Overlay, Screen};
use crate::tui::keymap::{self, Context};
use crate::tui::screens::exam::picker as exam_picker;
use crate::tui::screens::exam::report::view as exam_report_view;
use crate::tui::screens::exam::resume as exam_resume;
use crate::tui::screens::exam::take::view as exam_view;
use crate::tui::screens::home;
use crate::tui::screens::picker;
use crate::tui::screens::question::view as question_view;
use crate::tui::screens::stats;
use crate::tui::screens::summary;
use crate::tui::screens::tips;
use crate::tui::theme::Theme;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the model. Reads only.
pub fn view(f: &mut Frame, model: &Model, theme: &Theme) {
    draw(f, model, theme);
    scrub(f);
}

/// The last line of defence for the terminal: no cell keeps a character that is not safe
/// (`crate::text`). Zero-width ones (bidi controls, invisibles) are dropped from the cell they
/// joined; anything else becomes `?`.
fn scrub(f: &mut Frame) {
    for cell in &mut f.buffer_mut().content {
        let sym = cell.symbol();
        if sym.chars().any(crate::text::is_unsafe) {
            let kept: String = sym
                .chars()
                .filter(|&c| !crate::text::is_bidi(c) && !crate::text::is_invisible(c))
                .map(|c| if crate::text::is_unsafe(c) { '?' } else { c })
                .collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn draw(f: &mut Frame, model: &Model, theme: &Theme) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(f, area, &model.overlay, theme);
        // The help is one of the few keys that work here; it draws over the notice.
        if model.overlay == Overlay::Help {
            help(f, area, model.context(), theme);
        }
        return;
    }
    let [body, status, footer] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    match &model.screen {
        Screen::Home(h) => home::render(f, body, model, h, theme),
        Screen::Picker(p) => picker::render(f, body, p, theme),
        Screen::Question(q) => question_view::render(f, body, model, q, theme),
        Screen::Summary(s) => summary::render(f, body, model, s, theme),
        Screen::Tips(t) => tips::render(f, body, model, t, theme),
        Screen::Stats(s) => stats::render(f, body, model, s, theme),
        Screen::Browser(b) => crate::tui::screens::browser::view::render(f, body, model, b, theme),
        Screen::ExamPicker(p) => exam_picker::render(f, body, p, theme),
        Screen::Exam(e) => exam_view::render(f, body, model, e, theme),
        Screen::Report(r) => exam_report_view::render(f, body, model, r, theme),
        Screen::Resume(r) => exam_resume::render(f, body, r, theme),
    }
    render_status(f, status, model, theme);
    render_footer(f, footer, model, theme);
    match model.overlay {
        Overlay::None => {}
        Overlay::Help => help(f, area, model.context(), theme),
        Overlay::ConfirmQuit => confirm(f, area, matches!(model.screen, Screen::Exam(_)), theme),
    }
}

fn render_status(f: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let line = if let Some(s) = &model.status {
        Line::styled(format!(" {s}"), theme.accent)
    } else if let Some(p) = model.save_problem.as_ref().or(model.exam_problem.as_ref()) {
        Line::styled(format!(" ⚠ Progress cannot be saved: {p}"), theme.warning)
    } else if let (Screen::Home(_), Some(n)) = (&model.screen, model.notices.first()) {
        let more = if model.notices.len() > 1 {
            format!(" (+{} more)", model.notices.len() - 1)
        } else {
            String::new()
        };
        // One line only: the notices box on the home screen shows them in full.
        let first = n.lines().next().unwrap_or_default();
        Line::styled(format!(" ⚠ {first}{more}"), theme.warning)
    } else {
        Line::default()
    };
    // A fixed clock (`--now`) is shown at the right end of the line, unless a message needs the
    // whole line.
    let busy = line.width() > 0 && (line.width() + 48) as u16 > area.width;
    let area = if model.fixed_clock && !busy {
        let at = model
            .now
            .format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .unwrap_or_default();
        let text = format!("clock fixed at {at} (--now) ");
        let w = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
        let [left, right] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(w.min(area.width)),
        ]));
        f.render_widget(Paragraph::new(Line::styled(text, theme.accent)), right);
        left
    } else {
        area
    };
    f.render_widget(Paragraph::new(line), area);
}

fn render_footer(f: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    // No zoom hint for a question without a diagram.
    let no_diagram = match &model.screen {
        Screen::Question(q) => q.session.current().is_some_and(|i| {
            crate::tui::screens::question::view::shown_diagram(
                &model.lib,
                i.q,
                q.feedback.is_some(),
            )
            .is_none()
        }),
        _ => false,
    };
    let hidden: &[keymap::Action] = if no_diagram {
        &[keymap::Action::Zoom]
    } else {
        &[]
    };
    // Hints that do not fit are dropped, but "? help" always stays: it lists them all.
    let hints = keymap::hints_without(model.context(), hidden);
    let width = |(k, d): &(&str, &str)| k.chars().count() + d.chars().count() + 3;
    let help = hints.iter().find(|(k, _)| *k == "?").copied();
    let mut room = usize::from(area.width).saturating_sub(help.as_ref().map_or(0, width));
    let mut spans = Vec::new();
    let mut push = |(key, desc): (&str, &str)| {
        spans.push(Span::styled(format!(" {key}"), theme.key));
        spans.push(Span::styled(format!(" {desc} "), theme.muted));
    };
    for h in hints.iter().filter(|(k, _)| *k != "?") {
        if width(h) > room {
            continue;
        }
        room -= width(h);
        push(*h);
    }
    if let Some(h) = help {
        push(h);
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] =
        area.layout(&Layout::vertical([Constraint::Length(h.min(area.height))]).flex(Flex::Center));
    let [c] =
        v.layout(&Layout::horizontal([Constraint::Length(w.min(area.width))]).flex(Flex::Center));
    c
}

fn help(f: &mut Frame, area: Rect, cx: Context, theme: &Theme) {
    let bindings: Vec<_> = keymap::table(cx)
        .iter()
        .filter(|b| !b.keys.is_empty())
        .collect();
    let notes = [
        "Mouse capture off (m): hold Shift to select text.",
        "Esc or ? close this help; any other key closes it and acts.",
    ];
    let room = usize::from(area.height.saturating_sub(2));
    // One column when everything fits; otherwise two, so no key is ever cut off.
    let columns = if bindings.len() + notes.len() < room {
        1
    } else {
        2
    };
    let col_w = if columns == 1 {
        70
    } else {
        usize::from(area.width.saturating_sub(4) / 2)
    };
    let entry = |b: &keymap::Binding| {
        vec![
            Span::styled(format!("{:>10}  ", b.label), theme.key),
            Span::raw(crate::tui::widgets::text::truncate(
                b.help,
                col_w.saturating_sub(13),
            )),
        ]
    };
    let rows = bindings.len().div_ceil(columns);
    let mut lines: Vec<Line> = (0..rows)
        .map(|r| {
            let mut spans = entry(bindings[r]);
            if let Some(b) = bindings.get(r + rows).filter(|_| columns == 2) {
                let used: usize = spans.iter().map(Span::width).sum();
                spans.push(Span::raw(" ".repeat(col_w.saturating_sub(used))));
                spans.extend(entry(b));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::default());
    lines.extend(notes.iter().map(|n| Line::styled(*n, theme.muted)));
    let h = u16::try_from(lines.len()).unwrap_or(20) + 2;
    let w = if columns == 1 { 72 } else { area.width };
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(" Keys ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), r);
}

fn confirm(f: &mut Frame, area: Rect, exam: bool, theme: &Theme) {
    let r = centered(area, if exam { 60 } else { 52 }, 5);
    f.render_widget(Clear, r);
    let saved = if exam {
        "Exam saved: it resumes at the next start, clock stopped."
    } else {
        "Answers you gave are already saved."
    };
    let lines = vec![
        Line::raw("Quit decouple-quiz?"),
        Line::styled(saved, theme.muted),
        Line::from(vec![
            Span::styled(" y", theme.key),
            Span::raw(" quit  "),
            Span::styled("n", theme.key),
            Span::raw(" keep going"),
        ]),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(" Quit ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), r);
}

fn too_small(f: &mut Frame, area: Rect, overlay: &Overlay, theme: &Theme) {
    // `q` mid-session opens the quit dialog, which has no room here: ask in its place.
    let last = if *overlay == Overlay::ConfirmQuit {
        Line::styled("Quit decouple-quiz? y quit, n keep going", theme.accent)
    } else {
        Line::styled("enlarge the window; q quits, ? shows the keys", theme.muted)
    };
    let lines = vec![
        Line::styled("Terminal too small", theme.warning),
        Line::raw(format!(
            "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        )),
        last,
    ];
    let r = centered(area, area.width, 3);
    f.render_widget(Paragraph::new(lines).centered(), r);
}
