//! The interactive trainer (ratatui + crossterm): Elm-style `app` core, one file per screen,
//! and a `runtime` that owns the terminal and all effects.

pub mod answer_view;
pub mod app;
pub mod data;
pub mod diagram;
pub mod exam_io;
pub mod exam_picker;
pub mod exam_report;
pub mod exam_report_view;
pub mod exam_resume;
pub mod exam_review;
pub mod exam_take;
pub mod exam_view;
pub mod home;
pub mod keymap;
pub mod picker;
pub mod question;
pub mod question_view;
pub mod runtime;
pub mod stats;
pub mod summary;
pub mod text;
pub mod theme;
pub mod tips;
pub mod view;

#[cfg(test)]
mod exam_tests;

#[cfg(test)]
mod exam_snapshots;
