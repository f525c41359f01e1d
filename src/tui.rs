//! The interactive trainer (ratatui + crossterm): Elm-style `app` core, one file per screen,
//! and a `runtime` that owns the terminal and all effects.

pub mod app;
pub mod data;
pub mod diagram;
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
