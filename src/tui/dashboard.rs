//! The figures the home and stats screens show (computed by the effects from the engine) and
//! when they have grown too old to show.

use time::OffsetDateTime;

use crate::engine::{DueCounts, TopicStats};
use crate::tui::app::{Model, Screen};

/// Engine figures the screens show, computed by the runtime after every change.
#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    pub due: DueCounts,
    pub new_left: usize,
    pub streak: u32,
    pub total_answers: usize,
    pub topics: Vec<TopicStats>,
    pub weakest: Vec<TopicStats>,
    pub forecast: Vec<usize>,
    pub activity: Vec<usize>,
    /// Leech keys, most lapses first, and their lapses (in review and drill).
    pub leeches: Vec<String>,
    pub leech_lapses: Vec<u32>,
    /// `leech_lapses` of the config.
    pub leech_threshold: u32,
    pub exam_scores: Vec<u32>,
    /// Why answers are not being saved, if they are not (the engine's read-only or failed state).
    pub save_problem: Option<String>,
    /// The full-length mock's forecast (`None` when no loaded exam can be drawn).
    pub readiness: Option<crate::exam::readiness::Readiness>,
    /// Scored mock exams, oldest first.
    pub exams: Vec<crate::exam::past::PastExam>,
    /// Flags and notes on questions (outside exams).
    pub marks: crate::engine::marks::Marks,
    /// Reviews due today and the study days they take at `max_reviews_per_day`.
    pub backlog: (usize, usize),
    /// `max_reviews_per_day`.
    pub review_cap: usize,
    /// Questions in learning and when the first comes back.
    pub learning: (usize, Option<OffsetDateTime>),
    /// When these figures were computed (`None`: never, they are placeholders).
    pub at: Option<OffsetDateTime>,
}

/// How old the figures on the home and stats screens may grow while they are shown: left open,
/// learning questions come back and the study day turns over.
pub const MAX_AGE: time::Duration = time::Duration::seconds(30);

/// Whether the screen shows figures older than [`MAX_AGE`].
pub fn is_stale(model: &Model) -> bool {
    matches!(model.screen, Screen::Home(_) | Screen::Stats(_))
        && model.dash.at.is_some_and(|at| model.now - at >= MAX_AGE)
}
