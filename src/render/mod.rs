//! Rendering: the only place that turns library data into text.

pub mod claims;
pub mod concise;
pub mod diagnostic;
pub mod findings;
pub mod github;
pub mod html;
pub mod json;
pub mod reconcile;
pub mod sarif;
pub mod style;
pub mod table;
