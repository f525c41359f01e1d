//! The mock exam's screens: the picker, taking the exam (with its navigator), the review before
//! submitting, the score report, and the prompt to resume an unfinished attempt.

pub mod picker;
pub mod report;
pub mod resume;
pub mod review;
pub mod take;
