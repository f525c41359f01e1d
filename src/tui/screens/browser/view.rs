//! Drawing the question browser: the filter line, the list with search matches highlighted, and
//! the read-only question (diagram, choices with the key, explanation, tips, your answers, due
//! date, note).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::library::Library;
use crate::study::browse::{self, Last, Row, State};
use crate::study::{letter, until};
use crate::tui::app::Model;
use crate::tui::screens::browser::{BrowserState, Open};
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{plain, wrap};

pub fn render(f: &mut Frame, area: Rect, model: &Model, b: &BrowserState, theme: &Theme) {
    match b.open {
        Some(o) => question(f, area, model, b, o, theme),
        None => list(f, area, model, b, theme),
    }
}

/// `text` as spans, with the search words highlighted.
fn marked(text: &str, words: &[String], style: Style, theme: &Theme) -> Vec<Span<'static>> {
    let hl = theme.accent.add_modifier(Modifier::REVERSED);
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b) in browse::highlights(text, words) {
        if a > at {
            out.push(Span::styled(text[at..a].to_string(), style));
        }
        out.push(Span::styled(text[a..b].to_string(), hl));
        at = b;
    }
    if at < text.len() {
        out.push(Span::styled(text[at..].to_string(), style));
    }
    out
}

fn filter_line(model: &Model, b: &BrowserState, shown: usize, theme: &Theme) -> Line<'static> {
    let f = &b.filter;
    let one = |v: &[String]| v.first().cloned().unwrap_or_else(|| "any".into());
    let mut spans = vec![Span::styled(
        format!("{shown} of {} ", b.rows.len()),
        theme.accent,
    )];
    let parts = [
        ("P", "pack", one(&f.packs)),
        ("t", "topic", one(&f.topics)),
        ("D", "domain", one(&f.domains)),
        (
            "s",
            "state",
            f.states.first().map_or("any", |s| s.as_str()).to_string(),
        ),
        (
            "w",
            "last",
            f.last.first().map_or("any", |l| l.as_str()).to_string(),
        ),
        (
            "f",
            "flagged",
            if f.flagged { "only" } else { "any" }.to_string(),
        ),
    ];
    for (key, name, value) in parts {
        let style = if value == "any" {
            theme.muted
        } else {
            theme.warning
        };
        spans.push(Span::styled(format!(" {key}"), theme.key));
        spans.push(Span::styled(format!(" {name}:{value}"), style));
    }
    let _ = model;
    Line::from(spans)
}

fn list(f: &mut Frame, area: Rect, model: &Model, b: &BrowserState, theme: &Theme) {
    let [filters, search, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let visible = b.visible(&model.lib);
    f.render_widget(
        Paragraph::new(filter_line(model, b, visible.len(), theme)),
        filters,
    );
    let prompt = if b.searching {
        Line::from(vec![
            Span::styled("/", theme.key),
            Span::raw(b.filter.search.clone()),
            Span::styled("█", theme.accent),
        ])
    } else if b.filter.search.is_empty() {
        Line::styled(
            "/ search stems, choices, explanations and tips",
            theme.muted,
        )
    } else {
        Line::styled(
            format!("matching \"{}\" · / edits", b.filter.search),
            theme.accent,
        )
    };
    f.render_widget(Paragraph::new(prompt), search);
    let words = browse::words(&b.filter.search);
    let inner_w = body.width.saturating_sub(2) as usize;
    let h = body.height.saturating_sub(2) as usize;
    let top = b.selected.saturating_sub(h.saturating_sub(1));
    let mut lines = Vec::new();
    for (pos, &i) in visible.iter().enumerate().skip(top).take(h) {
        let row = &b.rows[i];
        let sel = pos == b.selected;
        let style = if sel { theme.selected } else { theme.base };
        let mut spans = vec![
            Span::styled(if sel { "▶" } else { " " }, style),
            Span::styled(if row.flagged { "⚑" } else { " " }, theme.warning),
            Span::styled(if row.note.is_some() { "✎" } else { " " }, theme.accent),
            Span::styled(
                format!(" {:<8}", row.state.as_str()),
                state_style(row.state, theme),
            ),
            Span::styled(
                format!("{:<6}", last_mark(row.last)),
                last_style(row.last, theme),
            ),
        ];
        let key_w = 28.min(inner_w / 3);
        let key: String = row.key.chars().take(key_w).collect();
        spans.push(Span::styled(format!("{key:<key_w$} "), style));
        let used = 3 + 9 + 6 + key_w + 1;
        let stem: String = model
            .lib
            .question(row.q)
            .stem
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let room = inner_w.saturating_sub(used);
        let cut: String = stem.chars().take(room).collect();
        spans.extend(marked(&cut, &words, style, theme));
        lines.push(Line::from(spans));
    }
    if visible.is_empty() {
        lines.push(Line::styled(
            "No question matches these filters (x clears them).",
            theme.muted,
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Questions ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), body);
}

fn last_mark(l: Last) -> &'static str {
    match l {
        Last::Right => "✓",
        Last::Wrong => "✗",
        Last::None => "·",
    }
}

fn last_style(l: Last, theme: &Theme) -> Style {
    match l {
        Last::Right => theme.correct,
        Last::Wrong => theme.incorrect,
        Last::None => theme.muted,
    }
}

fn state_style(s: State, theme: &Theme) -> Style {
    match s {
        State::New => theme.muted,
        State::Leech => theme.incorrect,
        _ => theme.base,
    }
}

/// The lines of an opened question.
pub fn question_lines(
    model: &Model,
    b: &BrowserState,
    o: Open,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let lib: &Library = &model.lib;
    let row: &Row = &b.rows[o.row];
    let q = lib.question(row.q);
    let pack = lib.pack_of(row.q);
    let words = browse::words(&b.filter.search);
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(row.key.clone(), theme.title)];
    head.push(Span::styled(
        format!("  {} v{}", pack.title, pack.version),
        theme.muted,
    ));
    if row.flagged {
        head.push(Span::styled("  ⚑ flagged", theme.warning));
    }
    lines.push(Line::from(head));
    let due = match row.due {
        Some(d) => format!("due {}", until(model.now, d)),
        None => "not studied yet".into(),
    };
    lines.push(Line::styled(
        format!("{} · {due}", row.state.as_str()),
        theme.accent,
    ));
    lines.push(Line::default());
    let diagram_id = if o.reveal {
        q.reveal_diagram.as_ref()
    } else {
        q.diagram.as_ref()
    };
    if let Some(d) = diagram_id.and_then(|id| pack.diagrams.iter().find(|d| &d.id == id)) {
        let which = if o.reveal {
            "fixed architecture"
        } else {
            "the situation"
        };
        lines.push(Line::styled(
            format!("Diagram: {} ({which})", d.title),
            theme.muted,
        ));
        for art in d.art.lines() {
            lines.push(Line::styled(art.to_string(), theme.base));
        }
        lines.push(Line::default());
    }
    for para in q.stem.lines() {
        for l in plain(para, width, theme.base) {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            lines.push(Line::from(marked(&text, &words, theme.base, theme)));
        }
    }
    lines.push(Line::default());
    for (i, c) in q.choices.iter().enumerate() {
        let mark = if c.correct { "✓" } else { " " };
        let style = if c.correct { theme.correct } else { theme.base };
        let text = format!("{}. {}", letter(i), c.text);
        for l in wrap(&text, width, Span::raw(format!("{mark} ")), "  ", style) {
            let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            lines.push(Line::from(marked(&t, &words, style, theme)));
        }
        for l in wrap(&c.why, width, Span::raw("     "), "     ", theme.muted) {
            let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            lines.push(Line::from(marked(&t, &words, theme.muted, theme)));
        }
    }
    lines.push(Line::default());
    for l in plain(
        &format!("Explanation: {}", q.explanation),
        width,
        theme.base,
    ) {
        let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        lines.push(Line::from(marked(&t, &words, theme.base, theme)));
    }
    for tip in pack.tips.iter().filter(|t| q.tips.contains(&t.id)) {
        for l in plain(&format!("Exam tip: {}", tip.text), width, theme.accent) {
            let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            lines.push(Line::from(marked(&t, &words, theme.accent, theme)));
        }
    }
    if let Some(note) = &row.note {
        lines.push(Line::default());
        lines.push(Line::styled("✎ Your note", theme.accent));
        for para in note.lines() {
            lines.extend(plain(para, width, theme.muted));
        }
    }
    lines.push(Line::default());
    if row.history.is_empty() {
        lines.push(Line::styled("Your answers: none yet", theme.muted));
    } else {
        lines.push(Line::styled(
            format!("Your answers ({}):", row.history.len()),
            theme.title,
        ));
        for (at, right) in row.history.iter().rev().take(20) {
            let day = crate::engine::utc::format(crate::engine::utc::from_datetime(*at));
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", &day[..16.min(day.len())]), theme.muted),
                Span::styled(
                    if *right { "✓ right" } else { "✗ wrong" },
                    if *right {
                        theme.correct
                    } else {
                        theme.incorrect
                    },
                ),
            ]));
        }
    }
    lines
}

fn question(f: &mut Frame, area: Rect, model: &Model, b: &BrowserState, o: Open, theme: &Theme) {
    let width = area.width.saturating_sub(2) as usize;
    let lines = question_lines(model, b, o, width, theme);
    let title = if model.lib.question(b.rows[o.row].q).reveal_diagram.is_some() {
        " Question (read-only) · z shows the other diagram "
    } else {
        " Question (read-only) "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title)
        .title_style(theme.title);
    f.render_widget(
        Paragraph::new(lines).block(block).scroll((o.scroll, 0)),
        area,
    );
}
