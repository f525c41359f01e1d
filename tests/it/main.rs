//! The one integration-test binary: every behaviour test of the crate, as modules, so the suite
//! links once. Shared helpers live in `support/`.

mod support {
    pub mod cli;
    #[path = "../../tools/genlib.rs"]
    pub mod genlib;
    pub mod helpers;
    pub mod pty;
    pub mod tui;
}

mod cache_first_frame;
mod cache_history;
mod cache_library;
mod check_commands;
mod check_docs;
mod check_errors_content;
mod check_errors_exams;
mod check_errors_file;
mod check_form;
mod check_warnings;
mod content_shape;
mod e2e_editor;
mod e2e_trainer_keys;
mod e2e_tui;
mod engine_cli;
mod engine_concurrency;
mod engine_golden;
mod engine_history;
mod engine_queue;
mod engine_schedule;
mod engine_speed;
mod exam_cli;
mod exam_e2e;
mod files_safety;
mod hardening_cli;
mod hardening_pty;
mod history_merge;
mod layers;
mod loader_fixtures;
mod loader_props;
mod marks_e2e;
mod plain_mode;
mod plain_terminal;
mod readiness_calibration;
mod readiness_cli;
mod report_cli;
mod study_exam_runup;
mod study_loop;
mod trainer_retake;
mod tui_browser;
mod tui_exam_snapshots;
mod tui_exam_update;
mod tui_home_fold;
mod tui_keymap;
mod tui_readiness;
mod tui_snapshots_question;
mod tui_snapshots_screens;
mod tui_styles;
mod tui_trainer_hardening;
mod tui_update_answering;
mod tui_update_global;
mod tui_update_home;
mod tui_update_scrolling;
mod tui_update_session_flow;
mod tui_update_tips_stats;
