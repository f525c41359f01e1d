//! One module per screen: its state, its part of `update`, and its view.

pub mod browser;
pub mod exam;
pub mod home;
pub mod picker;
pub mod question;
pub mod stats;
pub mod summary;
pub mod tips;
