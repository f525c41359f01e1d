//! Content packs: the TOML format, its loader, its validator and located diagnostics.

pub mod builtin;
pub mod diag;
pub mod form;
pub mod giveaway;
pub mod load;
pub mod model;
pub mod raw;
pub mod shared;
pub mod strings;
pub mod unknown;
pub mod validate;

pub use diag::{Diagnostic, Lint, Severity};
pub use model::{Choice, Diagram, Domain, Exam, Pack, PackSource, Question, Region, Tip, Topic};
