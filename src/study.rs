//! The study layer shared by the TUI and plain mode: what a session asks ([`select`]), the
//! session itself ([`session`]), and what it writes to the history ([`record`]). Nothing here
//! draws or reads the terminal.

pub mod browse;
pub mod errata;
pub mod record;
pub mod select;
pub mod session;
mod until;

pub use select::{Plan, select};
pub use session::{Item, Kind, Outcome, Session, letter, practice_pool, shuffled};
pub use until::until;
