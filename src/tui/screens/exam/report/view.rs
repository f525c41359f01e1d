//! Drawing the exam report: the score (scaled, marked as an estimate) with pass/fail, raw score and
//! time; the breakdown by domain and topic with the slowest questions; the question list; and one
//! question in full with your answer, the correct one, the explanations and tips, beside its
//! reveal diagram (the fixed architecture) when it has one, else its diagram.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::exam::score::Tally;
use crate::exam::{Report, scale, timer};
use crate::library::Library;
use crate::tui::app::Model;
use crate::tui::screens::exam::report::ReportState;
use crate::tui::screens::question::view::{
    answer_lines, correct_letters, panes, render_pane, shown_diagram,
};
use crate::tui::theme::Theme;
use crate::tui::widgets::diagram::DiagramView;
use crate::tui::widgets::text::truncate;

pub fn render(f: &mut Frame, area: Rect, model: &Model, r: &ReportState, theme: &Theme) {
    if r.open {
        render_question(f, area, model, r, theme);
        return;
    }
    let [top, rest] = area.layout(&Layout::vertical([
        Constraint::Length(6),
        Constraint::Fill(1),
    ]));
    render_score(f, top, &r.report, theme);
    let [side, list] = rest.layout(&Layout::horizontal([
        Constraint::Percentage(45),
        Constraint::Fill(1),
    ]));
    render_breakdown(f, side, &r.report, r.side_scroll, theme);
    render_list(f, list, &model.lib, r, theme);
}

fn render_score(f: &mut Frame, area: Rect, rep: &Report, theme: &Theme) {
    let (verdict, style) = if rep.passed {
        ("✓ PASS", theme.correct)
    } else {
        ("✗ FAIL", theme.incorrect)
    };
    let unanswered = rep.total() - rep.answered;
    let mut time = format!(
        "Time used {} of {} · {} per question",
        timer::spent(rep.elapsed_ms),
        timer::spent(rep.limit_ms),
        timer::spent(rep.average_ms())
    );
    if rep.elapsed_ms >= rep.limit_ms {
        time.push_str(" · time ran out");
    }
    let lines = vec![
        Line::from(vec![
            Span::styled(verdict, style),
            Span::styled(format!("   Score {} of 1000", rep.scaled), theme.accent),
            Span::raw(" (estimated)"),
            Span::styled(format!(" · pass mark {}", rep.exam.pass), theme.muted),
        ]),
        Line::raw(format!(
            "Raw {} of {} correct ({}%) · {unanswered} unanswered · {} flagged",
            rep.correct,
            rep.total(),
            rep.percent(),
            rep.flagged
        )),
        Line::raw(time),
        Line::styled(
            format!(
                "Estimate: AWS does not publish its scaling; here raw {}% maps to {}.",
                scale::pass_percent(rep.exam.pass),
                rep.exam.pass
            ),
            theme.muted,
        ),
    ];
    let title = format!(" Mock exam report: {} ", rep.exam.title);
    f.render_widget(Paragraph::new(lines).block(theme.block(title)), area);
}

/// "Design Resilient Architectures" → "Resilient": the domain names fit a narrow pane.
fn short_domain(title: &str) -> String {
    title
        .trim_start_matches("Design ")
        .trim_end_matches(" Architectures")
        .to_string()
}

fn tally_line(t: &Tally, w: usize, theme: &Theme) -> Line<'static> {
    let style = if t.correct == t.total {
        theme.correct
    } else if t.percent() < 50 {
        theme.incorrect
    } else {
        theme.base
    };
    Line::from(vec![
        Span::styled(
            format!("{:>4}% {:>2}/{:<2} ", t.percent(), t.correct, t.total),
            style,
        ),
        Span::raw(truncate(&t.title, w.saturating_sub(12))),
    ])
}

fn render_breakdown(f: &mut Frame, area: Rect, rep: &Report, scroll: u16, theme: &Theme) {
    let w = area.width.saturating_sub(2) as usize;
    let mut lines = vec![Line::styled("By domain", theme.title)];
    lines.extend(rep.domains.iter().map(|t| {
        let short = Tally {
            title: short_domain(&t.title),
            ..t.clone()
        };
        tally_line(&short, w, theme)
    }));
    lines.push(Line::styled("By topic (weakest first)", theme.title));
    lines.extend(rep.topics.iter().map(|t| tally_line(t, w, theme)));
    lines.push(Line::styled("Took longest", theme.title));
    if rep.longest.is_empty() {
        lines.push(Line::styled("no time recorded", theme.muted));
    }
    for &i in &rep.longest {
        lines.push(Line::raw(format!(
            "  Q{:<3} {}",
            i + 1,
            timer::spent(rep.results[i].ms)
        )));
    }
    let inner_h = area.height.saturating_sub(2);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let scroll = scroll.min(total.saturating_sub(inner_h));
    let title = if total > inner_h {
        " Breakdown (PgUp/PgDn) ".to_string()
    } else {
        " Breakdown ".to_string()
    };
    f.render_widget(
        Paragraph::new(lines)
            .block(theme.block(title))
            .scroll((scroll, 0)),
        area,
    );
}

fn render_list(f: &mut Frame, area: Rect, lib: &Library, r: &ReportState, theme: &Theme) {
    let rows = r.rows();
    let w = area.width.saturating_sub(2) as usize;
    let inner_h = usize::from(area.height.saturating_sub(2));
    let first = r.cursor.saturating_sub(inner_h.saturating_sub(1));
    let mut lines = Vec::new();
    for (row, &i) in rows.iter().enumerate().skip(first).take(inner_h) {
        let res = &r.report.results[i];
        let mark = match (res.answered(), res.correct) {
            (_, true) => "✓",
            (true, false) => "✗",
            (false, false) => "○",
        };
        let flag = if res.flagged { "⚑" } else { " " };
        let stem = lib.find(&res.key).map_or_else(
            || res.key.clone(),
            |q| lib.question(q).stem.replace('\n', " "),
        );
        let sel = row == r.cursor;
        let head = format!("{}{mark}{flag}{:>3} ", if sel { "▶" } else { " " }, i + 1);
        let text = truncate(stem.trim(), w.saturating_sub(head.chars().count()));
        let style = if sel {
            theme.selected
        } else if res.correct {
            theme.base
        } else {
            theme.incorrect
        };
        lines.push(Line::from(vec![
            Span::styled(head, style),
            Span::styled(text, if sel { theme.selected } else { theme.base }),
        ]));
    }
    if rows.is_empty() {
        lines.push(Line::styled(
            format!("No {} questions (w changes the filter).", r.filter.label()),
            theme.muted,
        ));
    }
    let title = format!(" Questions: {} ({}) ", r.filter.label(), rows.len());
    let legend = Line::from(" ✓ right ✗ wrong ○ unanswered ⚑ flagged ").right_aligned();
    f.render_widget(
        Paragraph::new(lines).block(theme.block(title).title_bottom(legend)),
        area,
    );
}

fn render_question(f: &mut Frame, area: Rect, model: &Model, r: &ReportState, theme: &Theme) {
    let lib = &model.lib;
    let Some(i) = r.selected() else {
        return;
    };
    let res = &r.report.results[i];
    let item = &r.attempt.items[i];
    let Some(q) = lib.find(&res.key) else {
        return;
    };
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let (verdict, style) = match (res.answered(), res.correct) {
        (_, true) => ("✓ Correct", theme.correct),
        (true, false) => ("✗ Incorrect", theme.incorrect),
        (false, false) => ("○ Unanswered", theme.incorrect),
    };
    let topic = lib.topic_of(q).map_or("", |t| t.title.as_str());
    let mut spans = vec![
        Span::styled(
            format!(" Question {} of {} ", i + 1, r.report.total()),
            theme.selected,
        ),
        Span::raw(" "),
        Span::styled(verdict, style),
    ];
    if !res.correct {
        spans.push(Span::styled(
            format!(" — answer: {}", correct_letters(lib, q, &item.order)),
            theme.accent,
        ));
    }
    if res.flagged {
        spans.push(Span::styled("  ⚑ flagged", theme.warning));
    }
    spans.push(Span::styled(
        format!("  {} · {topic}", timer::spent(res.ms)),
        theme.muted,
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), head);

    // The report comes after the verdict: the fixed architecture when the question has one.
    let diagram = shown_diagram(lib, q, true);
    let revealed = lib.question(q).reveal_diagram.is_some();
    let draw_diagram = |f: &mut Frame, area: Rect| {
        if let Some(d) = diagram {
            let v = DiagramView {
                diagram: d,
                highlight: &lib.question(q).highlight,
                scroll: r.diagram_scroll,
                focused: r.zoom,
                revealed,
                theme,
            };
            f.render_widget(v, area);
        }
    };
    if r.zoom && diagram.is_some() {
        draw_diagram(f, body);
        return;
    }
    let build = |w: u16| {
        let width = w.saturating_sub(2) as usize;
        let mut lines = crate::tui::widgets::text::plain(&lib.question(q).stem, width, theme.base);
        lines.push(Line::default());
        lines.extend(answer_lines(lib, q, &item.order, &res.chosen, width, theme));
        lines
    };
    let full = build(body.width);
    let (text, side) = panes(
        body,
        diagram.map(|d| crate::tui::widgets::diagram::art_size(&d.art)),
        full.len(),
    );
    let lines = if text.width == body.width {
        full
    } else {
        build(text.width)
    };
    render_pane(f, text, lines, r.scroll, true, theme);
    if let Some(g) = side {
        draw_diagram(f, g);
    }
}
