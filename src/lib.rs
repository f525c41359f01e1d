//! decouple-quiz: a terminal trainer for AWS architecture exams. The library holds everything;
//! `main.rs` only parses the command line and hands it to [`commands::run`].
//!
//! # Layers
//! Modules are arranged in layers, and a module only imports from its own layer or the layers
//! below it (`tests/it/layers.rs` enforces it; `docs/architecture.md` says where each kind of
//! change goes):
//!
//! ```text
//! main.rs
//!   └─ commands          every subcommand and the study launcher; builds the Env
//!        └─ tui, plain       the two front ends (the TUI is The Elm Architecture)
//!             └─ study, exam     sessions (what to ask, what to record); timed mock exams
//!                  └─ engine         progress (history store, events, config) and scheduling
//!                       │            (FSRS-6, queues, weak topics), with its progress cache
//!                       └─ pack, library, env    content: pack format, loader, validator,
//!                            │                   the library (+ its cache, exam draws)
//!                            └─ cli, paths, cache, text    base: arguments, XDG paths, the
//!                                                          cache file format, safe text
//! ```

pub mod cache;
pub mod cli;
pub mod commands;
pub mod engine;
pub mod env;
pub mod exam;

pub mod library;
pub mod pack;
pub mod paths;
pub mod plain;
pub mod study;
pub mod text;
pub mod tui;
