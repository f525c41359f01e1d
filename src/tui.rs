//! The interactive trainer (ratatui + crossterm), in The Elm Architecture: `app` holds the model,
//! the messages and the pure `update`; `dashboard` the home and stats figures; `screens/` has one
//! module per screen (its state, its update arm and its view), `widgets/` the pieces several
//! screens draw (diagram, answer list, wrapped text); `effects` runs the work `update` asks for
//! and answers with messages; `runtime` owns the terminal, the event loop and signals.

pub mod app;
pub mod dashboard;
pub mod effects;
pub mod keymap;
pub mod runtime;
pub mod screens;
pub mod theme;
pub mod view;
pub mod widgets;
