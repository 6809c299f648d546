//! Rendering: the only place that turns library data into text.

pub mod github;
pub mod json;
pub mod sarif;
pub mod table;
