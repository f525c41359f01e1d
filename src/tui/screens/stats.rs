//! The Stats screen: accuracy and retention per topic, the 14-day due forecast, a 12-week activity
//! heatmap, the weakest topics (drillable), leeches and the mock-exam score trend.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Sparkline, Wrap};

use crate::tui::app::{Dashboard, Effect, Model, Msg, Request, Screen};
use crate::tui::keymap::Action;
use crate::tui::screens::home::DRILL_COUNT;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{fit, truncate};

pub mod exams;

/// The Stats screen's two pages (Tab switches).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Progress,
    /// Readiness and mock exams.
    Exams,
}

#[derive(Debug, Clone, Default)]
pub struct StatsState {
    /// The selected weak topic (progress page).
    pub selected: usize,
    pub page: Page,
    /// The selected past exam, counted from the newest (exams page).
    pub exam: usize,
    /// Tab moves the selection to the leech list (and back).
    pub leech_focus: bool,
    pub leech: usize,
}

impl StatsState {
    /// Keeps the same weak topic selected when fresh figures rank the topics anew (recall
    /// decays while the screen is open); a topic that left the list leaves the cursor in range.
    pub fn keep_selection(&mut self, old: &Dashboard, new: &Dashboard) {
        let key = old.weakest.get(self.selected).map(|t| &t.key);
        self.selected = match key.and_then(|k| new.weakest.iter().position(|t| &t.key == k)) {
            Some(i) => i,
            None => self.selected.min(new.weakest.len().saturating_sub(1)),
        };
    }
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let n = model.dash.weakest.len();
    let exams = model.dash.exams.len();
    let leeches = model.dash.leeches.len();
    let Screen::Stats(s) = &mut model.screen else {
        return Vec::new();
    };
    match msg {
        Msg::Key(Action::FocusNext) => {
            s.leech_focus = false;
            s.page = match s.page {
                Page::Progress => Page::Exams,
                Page::Exams => Page::Progress,
            };
        }
        Msg::Key(Action::LeechList) if s.page == Page::Progress => {
            s.leech_focus = !s.leech_focus && leeches > 0;
        }
        Msg::Key(Action::Up) if s.page == Page::Exams => s.exam = s.exam.saturating_sub(1),
        Msg::Key(Action::Down) if s.page == Page::Exams => {
            s.exam = (s.exam + 1).min(exams.saturating_sub(1));
        }
        Msg::Key(Action::Confirm | Action::Retake) if s.page == Page::Exams => {
            let back = s.clone();
            let Some(e) = exams
                .checked_sub(1 + back.exam)
                .and_then(|i| model.dash.exams.get(i))
            else {
                model.status = Some("No mock exams yet.".into());
                return Vec::new();
            };
            if matches!(msg, Msg::Key(Action::Retake)) {
                let questions: Vec<_> =
                    e.wrong().iter().filter_map(|k| model.lib.find(k)).collect();
                if questions.is_empty() {
                    model.status = Some("No wrong questions to retake in that exam.".into());
                    return Vec::new();
                }
                return vec![Effect::Start(Request::Questions {
                    kind: crate::study::Kind::Retake,
                    questions,
                })];
            }
            let attempt = e.attempt(&model.lib);
            let report = crate::exam::score(&model.lib, &attempt);
            let mut r = crate::tui::screens::exam::report::ReportState::new(report, attempt);
            r.back = Some(back);
            model.screen = Screen::Report(Box::new(r));
        }

        Msg::Key(Action::Up) if s.leech_focus => s.leech = s.leech.saturating_sub(1),
        Msg::Key(Action::Down) if s.leech_focus => {
            s.leech = (s.leech + 1).min(leeches.saturating_sub(1));
        }
        Msg::Key(Action::Up) => s.selected = s.selected.saturating_sub(1),
        Msg::Key(Action::Down) => s.selected = (s.selected + 1).min(n.saturating_sub(1)),
        Msg::Key(Action::Drill) if s.leech_focus => {
            let Some(q) = model
                .dash
                .leeches
                .get(s.leech)
                .and_then(|k| model.lib.find(k))
            else {
                model.status = Some("That question is no longer in any pack.".into());
                return Vec::new();
            };
            return vec![Effect::Start(Request::Questions {
                kind: crate::study::Kind::Practice,
                questions: vec![q],
            })];
        }
        Msg::Key(Action::Drill) if s.page == Page::Progress => {
            let Some(t) = model.dash.weakest.get(s.selected) else {
                model.status = Some("No weak topics yet: answer some questions first.".into());
                return Vec::new();
            };
            return vec![Effect::Start(Request::Drill {
                topic: Some(t.key.clone()),
                count: DRILL_COUNT,
            })];
        }
        Msg::Key(Action::Leeches) => {
            let questions: Vec<_> = model
                .dash
                .leeches
                .iter()
                .filter_map(|k| model.lib.find(k))
                .collect();
            if questions.is_empty() {
                model.status = Some("No leeches to open.".into());
                return Vec::new();
            }
            return vec![Effect::Start(Request::Questions {
                kind: crate::study::Kind::Practice,
                questions,
            })];
        }
        Msg::Key(Action::Back) => model.go_home(),
        Msg::Key(Action::Quit) => {
            return model.quit();
        }
        _ => {}
    }
    Vec::new()
}

pub fn render(f: &mut Frame, area: Rect, model: &Model, s: &StatsState, theme: &Theme) {
    if s.page == Page::Exams {
        return exams::render(f, area, model, s.exam, theme);
    }
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(12),
    ]));
    let [topics, forecast] = top.layout(&Layout::horizontal([
        Constraint::Fill(3),
        Constraint::Fill(2),
    ]));
    let [heat, weak, side] = bottom.layout(&Layout::horizontal([
        Constraint::Length(29),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ]));
    render_topics(f, topics, model, theme);
    render_forecast(f, forecast, model, theme);
    render_heatmap(f, heat, &model.dash.activity, model.now.date(), theme);
    render_weak(f, weak, model, s, theme);
    render_side(f, side, model, s, theme);
}

fn render_topics(f: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let w = area.width.saturating_sub(2) as usize;
    let name_w = (w / 2).clamp(8, 34);
    // At least as wide as the "accuracy" header, so the columns line up at 80 columns.
    let bar_w = w.saturating_sub(name_w + 16).max(8);
    let mut lines = vec![Line::styled(
        format!(
            "{:<name_w$} {:<bar_w$} {:>5} {:>6}",
            "Topic", "accuracy", "acc", "recall"
        ),
        theme.muted,
    )];
    // Topics with answers first, so they stay in view when the list is longer than the pane.
    let started = model.dash.topics.iter().filter(|t| !t.not_started);
    let rest = model.dash.topics.iter().filter(|t| t.not_started);
    for t in started.chain(rest) {
        if t.not_started {
            // "not started" spans the bar and accuracy columns (it is wider than the bar).
            lines.push(Line::styled(
                format!(
                    "{} {:<rest$} {:>6}",
                    fit(&t.title, name_w),
                    "not started",
                    "-",
                    rest = bar_w + 6
                ),
                theme.muted,
            ));
            continue;
        }
        let filled = ((t.accuracy * bar_w as f64).round() as usize).min(bar_w);
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", fit(&t.title, name_w))),
            Span::styled("█".repeat(filled), theme.bar),
            Span::styled("░".repeat(bar_w - filled), theme.muted),
            Span::raw(format!(
                " {:>4.0}% {:>5.0}%",
                t.accuracy * 100.0,
                t.retrievability * 100.0
            )),
        ]));
    }
    if model.dash.topics.is_empty() {
        lines.push(Line::styled("No packs loaded.", theme.muted));
    }
    f.render_widget(
        Paragraph::new(lines).block(theme.block(" Accuracy and recall by topic ")),
        area,
    );
}

fn render_forecast(f: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let bars: Vec<Bar> = model
        .dash
        .forecast
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            // Every other day: two-digit labels on 2-column bars would run together.
            Bar::default().value(n as u64).label(Line::from(match i {
                0 => "T".to_string(),
                i if i % 2 == 0 => format!("{i}"),
                _ => String::new(),
            }))
        })
        .collect();
    let total: usize = model.dash.forecast.iter().sum();
    let title = format!(" Due in the next 14 days: {total} ");
    let chart = BarChart::default()
        .block(theme.block(title.as_str()))
        .data(BarGroup::default().bars(&bars))
        .bar_width(2)
        .bar_gap(0)
        .bar_style(theme.bar)
        .value_style(theme.selected);
    f.render_widget(chart, area);
}

/// Heat level 0–4 of a day's answer count relative to the busiest day.
pub fn level(n: usize, max: usize) -> usize {
    if n == 0 || max == 0 {
        0
    } else {
        1 + (n * 4 - 1) / max.max(1)
    }
    .min(4)
}

fn render_heatmap(f: &mut Frame, area: Rect, activity: &[usize], today: time::Date, theme: &Theme) {
    // Columns are weeks (oldest left), rows are days; the last cell is today. Each row is
    // labelled with its weekday and each column where a month starts with the month.
    const SHADES: [&str; 5] = ["· ", "░░", "▒▒", "▓▓", "██"];
    let max = activity.iter().copied().max().unwrap_or(0);
    let weeks = activity.len().div_ceil(7);
    let first = today - time::Duration::days(activity.len().saturating_sub(1) as i64);
    let mut months = vec![' '; 3 + 2 * weeks];
    let mut free = 0;
    let mut last_month = None;
    for w in 0..weeks {
        let m = (first + time::Duration::days(7 * w as i64)).month();
        let at = 3 + 2 * w;
        if last_month != Some(m) && at >= free && at + 3 <= months.len() {
            for (k, c) in format!("{m}").chars().take(3).enumerate() {
                months[at + k] = c;
            }
            free = at + 4;
        }
        last_month = Some(m);
    }
    let months: String = months.into_iter().collect();
    let mut lines = vec![Line::styled(months, theme.muted)];
    for row in 0..7 {
        let day: String = format!("{}", (first + time::Duration::days(row as i64)).weekday())
            .chars()
            .take(2)
            .collect();
        let mut spans = vec![Span::styled(format!("{day} "), theme.muted)];
        for w in 0..weeks {
            let i = w * 7 + row;
            match activity.get(i) {
                Some(&n) => {
                    let l = level(n, max);
                    spans.push(Span::styled(SHADES[l], theme.heat[l]));
                }
                None => spans.push(Span::raw("  ")),
            }
        }
        lines.push(Line::from(spans));
    }
    let total: usize = activity.iter().sum();
    lines.push(Line::styled(
        format!("{total} answers · max {max}/day"),
        theme.muted,
    ));
    f.render_widget(
        Paragraph::new(lines).block(theme.block(" Last 12 weeks ")),
        area,
    );
}

fn render_weak(f: &mut Frame, area: Rect, model: &Model, s: &StatsState, theme: &Theme) {
    let w = area.width.saturating_sub(10) as usize;
    let mut lines: Vec<Line> = model
        .dash
        .weakest
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let style = if i == s.selected {
                theme.selected
            } else {
                theme.base
            };
            let cursor = if i == s.selected { "▶" } else { " " };
            Line::styled(
                format!("{cursor} {} {:>4.0}%", fit(&t.title, w), t.recall * 100.0),
                style,
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            "None yet: answer some questions.",
            theme.muted,
        ));
    } else {
        lines.push(Line::styled("d drills the selected topic", theme.muted));
    }
    f.render_widget(
        Paragraph::new(lines)
            .block(theme.block(" Weakest topics "))
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn render_side(f: &mut Frame, area: Rect, model: &Model, s: &StatsState, theme: &Theme) {
    let [leech, exams] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(4),
    ]));
    let w = leech.width.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = model
        .dash
        .leeches
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let lapses = model.dash.leech_lapses.get(i).copied().unwrap_or(0);
            let text = model
                .lib
                .find(key)
                .map_or_else(|| key.clone(), |r| model.lib.question(r).stem.to_string());
            let line = format!("{lapses:>2}× {}", truncate(&text, w.saturating_sub(4)));
            if s.leech_focus && i == s.leech {
                Line::styled(line, theme.selected)
            } else {
                Line::raw(line)
            }
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            format!(
                "No leeches (≥ {} lapses).",
                match model.dash.leech_threshold {
                    0 => crate::engine::StudyConfig::default().leech_lapses,
                    n => n,
                }
            ),
            theme.muted,
        ));
    } else {
        lines.push(Line::styled("Tab select · Enter open · o all", theme.muted));
    }
    let title = format!(
        " Leeches: {} · streak {} d · {} answers ",
        model.dash.leeches.len(),
        model.dash.streak,
        model.dash.total_answers
    );
    f.render_widget(
        Paragraph::new(lines)
            .block(theme.block(title.as_str()))
            .wrap(Wrap { trim: false }),
        leech,
    );
    let scores: Vec<u64> = model
        .dash
        .exam_scores
        .iter()
        .map(|&s| u64::from(s))
        .collect();
    let title = match model.dash.exam_scores.last() {
        Some(last) => format!(" Mock exams: last {last}/1000 "),
        None => " Mock exams: none yet ".to_string(),
    };
    f.render_widget(
        Sparkline::default()
            .block(theme.block(title.as_str()))
            .data(&scores)
            .max(1000)
            .style(theme.bar),
        exams,
    );
}

#[cfg(test)]
mod tests {
    use super::level;

    #[test]
    fn heat_levels() {
        assert_eq!(level(0, 10), 0);
        assert_eq!(level(1, 10), 1);
        assert_eq!(level(10, 10), 4);
        assert_eq!(level(5, 10), 2);
    }
}
