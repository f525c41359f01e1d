//! Pieces several screens draw: the diagram pane, the answer list, wrapped text.

pub mod answer_list;
pub mod diagram;
pub mod text;
