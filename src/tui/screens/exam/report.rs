//! The score report after an exam: state and pure update. Browse every question (all, wrong or
//! flagged) with your answer, the correct one, the explanations and tips; `r` retakes the wrong
//! ones. Rendering is in `exam_report_view`.

pub mod view;

use crate::exam::{Attempt, Report};
use crate::study::Kind;
use crate::tui::app::{Effect, Model, Msg, Request, Screen};
use crate::tui::keymap::{Action, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Wrong,
    Flagged,
}

impl Filter {
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Wrong => "wrong",
            Filter::Flagged => "flagged",
        }
    }

    fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Wrong,
            Filter::Wrong => Filter::Flagged,
            Filter::Flagged => Filter::All,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReportState {
    pub report: Report,
    /// The submitted attempt: choice orders and answers for browsing.
    pub attempt: Attempt,
    pub filter: Filter,
    /// Selected row of the filtered list.
    pub cursor: usize,
    /// Showing the selected question in full.
    pub open: bool,
    pub scroll: u16,
    pub diagram_scroll: (u16, u16),
    pub zoom: bool,
    /// Scroll of the breakdown pane.
    pub side_scroll: u16,
    /// Reopened from the Stats screen: Esc goes back there.
    pub back: Option<crate::tui::screens::stats::StatsState>,
}

impl ReportState {
    pub fn new(report: Report, attempt: Attempt) -> ReportState {
        ReportState {
            report,
            attempt,
            filter: Filter::All,
            cursor: 0,
            open: false,
            scroll: 0,
            diagram_scroll: (0, 0),
            zoom: false,
            side_scroll: 0,
            back: None,
        }
    }

    pub fn context(&self) -> Context {
        if self.open {
            Context::ReportQuestion
        } else {
            Context::Report
        }
    }

    /// Exam positions shown by the current filter.
    pub fn rows(&self) -> Vec<usize> {
        let r = &self.report.results;
        (0..r.len())
            .filter(|&i| match self.filter {
                Filter::All => true,
                Filter::Wrong => !r[i].correct,
                Filter::Flagged => r[i].flagged,
            })
            .collect()
    }

    /// The exam position of the selected row.
    pub fn selected(&self) -> Option<usize> {
        self.rows().get(self.cursor).copied()
    }

    fn move_to(&mut self, cursor: usize) {
        self.cursor = cursor.min(self.rows().len().saturating_sub(1));
        self.scroll = 0;
        self.diagram_scroll = (0, 0);
        self.zoom = false;
    }
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let Screen::Report(r) = &mut model.screen else {
        return Vec::new();
    };
    let Msg::Key(a) = msg else {
        return Vec::new();
    };
    let n = r.rows().len();
    let before = (r.open, r.selected());
    let fx = report_key(model, a, n);
    // A question just opened (or n/p moved to another): its highlighted regions come into view.
    if let Screen::Report(r) = &mut model.screen
        && r.open
        && (r.open, r.selected()) != before
        && let Some(q) = r
            .selected()
            .and_then(|i| model.lib.find(&r.report.results[i].key))
        && let Some(at) = crate::tui::screens::question::highlight_scroll(&model.lib, q, true)
    {
        r.diagram_scroll = at;
    }
    fx
}

fn report_key(model: &mut Model, a: Action, n: usize) -> Vec<Effect> {
    let Screen::Report(r) = &mut model.screen else {
        return Vec::new();
    };
    match a {
        Action::Retake => return retake(model),
        Action::Quit => {
            return model.quit();
        }
        Action::Back if r.open => r.open = false,
        Action::Back => match r.back.take() {
            Some(s) => model.screen = Screen::Stats(s),
            None => model.go_home(),
        },
        _ if r.open => detail_key(r, a),
        Action::Up => r.cursor = r.cursor.saturating_sub(1),
        Action::Down => r.cursor = (r.cursor + 1).min(n.saturating_sub(1)),
        Action::PageUp => r.side_scroll = r.side_scroll.saturating_sub(5),
        Action::PageDown => r.side_scroll = r.side_scroll.saturating_add(5),
        Action::Confirm if n > 0 => {
            let c = r.cursor;
            r.move_to(c);
            r.open = true;
        }
        Action::Filter => {
            r.filter = r.filter.next();
            r.move_to(0);
            if r.rows().is_empty() {
                model.status = Some(format!("No {} questions.", r.filter.label()));
            }
        }
        _ => {}
    }
    Vec::new()
}

fn detail_key(r: &mut ReportState, a: Action) {
    let scroll = |v: u16, by: i32| {
        u16::try_from((i32::from(v) + by).clamp(0, i32::from(u16::MAX))).unwrap_or(0)
    };
    let target = if r.zoom {
        &mut r.diagram_scroll.0
    } else {
        &mut r.scroll
    };
    match a {
        Action::Up => *target = scroll(*target, -1),
        Action::Down => *target = scroll(*target, 1),
        Action::PageUp => *target = scroll(*target, -10),
        Action::PageDown => *target = scroll(*target, 10),
        Action::Top => *target = 0,
        Action::Bottom => *target = u16::MAX,
        Action::Next => {
            let c = r.cursor + 1;
            r.move_to(c);
        }
        Action::Left => {
            let c = r.cursor.saturating_sub(1);
            r.move_to(c);
        }
        Action::Zoom => r.zoom = !r.zoom,
        _ => {}
    }
}

/// Starts a retake session of the wrong (and unanswered) questions.
fn retake(model: &mut Model) -> Vec<Effect> {
    let Screen::Report(r) = &model.screen else {
        return Vec::new();
    };
    let questions: Vec<_> = r
        .report
        .wrong()
        .into_iter()
        .filter_map(|i| model.lib.find(&r.report.results[i].key))
        .collect();
    if questions.is_empty() {
        model.status = Some("No wrong answers: nothing to retake.".into());
        return Vec::new();
    }
    vec![Effect::Start(Request::Questions {
        kind: Kind::Retake,
        questions,
    })]
}
