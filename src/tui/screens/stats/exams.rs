//! The Stats screen's second page, "Readiness and mock exams": the readiness forecast with
//! coverage per domain and the exam-day countdown, a chart of the forecasts and mock scores over
//! time, and every past mock exam (Enter reopens its report, `r` retakes its wrong questions).
//! Also the readiness lines of the home panel.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use crate::engine::utc;
use crate::exam::past::PastExam;
use crate::exam::readiness::Readiness;
use crate::tui::app::Model;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{fit, truncate};

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// A bar of `w` cells filled to `x` (0–1).
fn bar(x: f64, w: usize, theme: &Theme) -> Vec<Span<'static>> {
    let filled = ((x.clamp(0.0, 1.0) * w as f64).round() as usize).min(w);
    vec![
        Span::styled("█".repeat(filled), theme.bar),
        Span::styled("░".repeat(w - filled), theme.muted),
    ]
}

/// The readiness summary: today's forecast, coverage, the exam-day line, and with `domains`
/// one line per domain.
pub fn readiness_lines(
    r: &Readiness,
    width: usize,
    domains: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let f = &r.now;
    let seen: usize = f.domains.iter().map(|d| d.seen).sum();
    let bank: usize = f.domains.iter().map(|d| d.bank).sum();
    let likely = |p: f64| {
        Span::styled(
            format!("pass {}", pct(p)),
            if p >= 0.5 {
                theme.correct
            } else {
                theme.incorrect
            },
        )
    };
    let mut lines = vec![Line::from(vec![
        Span::raw("Today "),
        Span::styled(format!("{}", f.expected), theme.accent),
        Span::raw(format!(" ({}–{}) · ", f.low, f.high)),
        likely(f.pass_probability),
    ])];
    if width >= 50 {
        lines[0].push_span(Span::styled(format!(" (mark {})", f.pass), theme.muted));
    }
    match &r.exam_day {
        None if width >= 60 => lines.push(Line::styled(
            format!("Seen {seen}/{bank} · set [review] exam_date for a countdown"),
            theme.muted,
        )),
        None => lines.push(Line::styled(
            format!("Seen {seen}/{bank} of the mock's questions"),
            theme.muted,
        )),
        Some(d) => {
            lines.push(match &d.forecast {
                Some(x) => Line::from(vec![
                    Span::raw(format!("Exam in {} d: ", d.days_left)),
                    Span::styled(format!("{}", x.expected), theme.accent),
                    Span::raw(format!(" ({}–{}) · ", x.low, x.high)),
                    likely(x.pass_probability),
                ]),
                None => Line::styled(format!("Exam date {} has passed", d.date), theme.muted),
            });
            let mut text = format!("Seen {seen}/{bank} · exam {}", d.date);
            if width >= 50 {
                text.push_str(&format!(" · {:.1} new/day", d.new_per_day));
            }
            lines.push(Line::styled(text, theme.muted));
        }
    }
    if domains {
        let name_w = width.saturating_sub(24).clamp(6, 36);
        let bar_w = width.saturating_sub(name_w + 16).clamp(4, 20);
        for d in &f.domains {
            let title = d.title.trim_start_matches("Design ");
            let mut spans = vec![Span::raw(format!("{} ", fit(title, name_w)))];
            spans.extend(bar(d.seen as f64 / d.bank.max(1) as f64, bar_w, theme));
            spans.push(Span::raw(format!(
                " {:>3}/{:<3} {:>4}",
                d.seen,
                d.bank,
                pct(d.chance)
            )));
            lines.push(Line::from(spans));
        }
    }
    lines
}

pub fn render(f: &mut Frame, area: Rect, model: &Model, selected: usize, theme: &Theme) {
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Percentage(55),
        Constraint::Fill(1),
    ]));
    let [left, right] = top.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Fill(1),
    ]));
    let d = &model.dash;
    let (title, lines) = match &d.readiness {
        Some(r) => (
            format!(" Readiness: {} ", r.now.exam),
            readiness_lines(r, left.width.saturating_sub(2) as usize, true, theme),
        ),
        None => (
            " Readiness ".to_string(),
            vec![Line::styled(
                "No forecast: no loaded mock exam can be drawn from the loaded packs.",
                theme.muted,
            )],
        ),
    };
    f.render_widget(
        Paragraph::new(lines)
            .block(theme.block(title))
            .wrap(ratatui::widgets::Wrap { trim: false }),
        left,
    );
    render_chart(f, right, model, theme);
    render_list(f, bottom, &d.exams, selected, theme);
}

/// Days since the Unix epoch of an RFC 3339 time.
fn day_of(at: &str) -> Option<f64> {
    utc::parse(at).map(|ms| ms as f64 / utc::DAY_MS as f64)
}

fn render_chart(f: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let d = &model.dash;
    let now = utc::from_datetime(model.now) as f64 / utc::DAY_MS as f64;
    let scores: Vec<(f64, f64)> = d
        .exams
        .iter()
        .filter_map(|e| Some((day_of(&e.at)?, f64::from(e.scaled))))
        .collect();
    let mut forecasts: Vec<(f64, f64)> = d
        .exams
        .iter()
        .filter_map(|e| {
            let fc = e.forecast.as_ref()?;
            Some((day_of(&fc.at)?, f64::from(fc.expected)))
        })
        .collect();
    if let Some(r) = &d.readiness {
        forecasts.push((now, f64::from(r.now.expected)));
    }
    let first = scores
        .iter()
        .chain(&forecasts)
        .map(|p| p.0)
        .fold(now, f64::min)
        .min(now - 7.0)
        .floor();
    let pass = d
        .readiness
        .as_ref()
        .map_or(720.0, |r| f64::from(r.now.pass));
    let pass_line = [(first, pass), (now, pass)];
    let datasets = vec![
        Dataset::default()
            .name("pass mark")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.muted)
            .data(&pass_line),
        Dataset::default()
            .name("forecast")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent)
            .data(&forecasts),
        Dataset::default()
            .name("mock score")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.bar)
            .data(&scores),
    ];
    let date = |x: f64| utc::format((x * utc::DAY_MS as f64) as i64)[5..10].to_string();
    let chart = Chart::new(datasets)
        .block(theme.block(" Forecast and mock scores "))
        .x_axis(
            Axis::default()
                .style(theme.muted)
                .bounds([first, now])
                .labels([date(first), date(now)]),
        )
        .y_axis(
            Axis::default()
                .style(theme.muted)
                .bounds([100.0, 1000.0])
                .labels(["100", "550", "1000"]),
        )
        .legend_position(Some(ratatui::widgets::LegendPosition::BottomRight))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)));
    f.render_widget(chart, area);
}

fn render_list(f: &mut Frame, area: Rect, exams: &[PastExam], selected: usize, theme: &Theme) {
    let w = area.width.saturating_sub(2) as usize;
    let title = format!(" Mock exams: {} ", exams.len());
    if exams.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "None yet: take one from the home screen (Mock exam…).",
                theme.muted,
            ))
            .block(theme.block(title)),
            area,
        );
        return;
    }
    let bar_w = 5;
    let mut lines = vec![Line::styled(
        format!(
            "  {:<10} {:<w2$} {:>5} {:<4} {:>9}  secure resil. perf. cost",
            "date",
            "exam",
            "score",
            "",
            "forecast",
            w2 = w.saturating_sub(63).max(8)
        ),
        theme.muted,
    )];
    // Newest first; the selection counts from the newest.
    let rows = area.height.saturating_sub(3) as usize;
    let start = selected.saturating_sub(rows.saturating_sub(1));
    for (i, e) in exams.iter().rev().enumerate().skip(start).take(rows) {
        let sel = i == selected;
        let base = if sel { theme.selected } else { theme.base };
        let mut spans = vec![
            Span::styled(if sel { "▶ " } else { "  " }, base),
            Span::styled(
                format!(
                    "{:<10} {:<w2$} {:>5} ",
                    &e.at[..e.at.len().min(10)],
                    truncate(&e.exam, w.saturating_sub(63).max(8)),
                    e.scaled,
                    w2 = w.saturating_sub(63).max(8)
                ),
                base,
            ),
            if e.passed {
                Span::styled("pass", theme.correct)
            } else {
                Span::styled("fail", theme.incorrect)
            },
            Span::raw(format!(
                " {:>9}  ",
                e.forecast
                    .as_ref()
                    .map_or("-".into(), |f| format!("{}", f.expected))
            )),
        ];
        for id in ["secure", "resilient", "performant", "cost"] {
            match e.domains.iter().find(|t| t.id == id) {
                Some(t) => {
                    spans.extend(bar(t.correct as f64 / t.total.max(1) as f64, bar_w, theme))
                }
                None => spans.push(Span::styled("  -  ", theme.muted)),
            }
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(
        Paragraph::new(lines)
            .style(Style::default())
            .block(theme.block(title)),
        area,
    );
}
