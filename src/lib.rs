//! decouple-quiz: a terminal trainer for AWS architecture exams. The library holds everything;
//! `main.rs` only parses the command line and dispatches.

pub mod cache;
pub mod cli;
pub mod commands;
pub mod engine;
pub mod env;
pub mod exam;
pub mod exam_draw;
pub mod library;
pub mod pack;
pub mod paths;
pub mod plain;
pub mod session;
pub mod start;
pub mod tui;
