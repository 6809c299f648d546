//! figcheck: checks the numbers in news prose.
//!
//! Data flows one way: [`source`] (text, Markdown, HTML → prose with byte offsets into the
//! original file) → [`grammar`] (nom productions → [`Quantity`]) → claims → `check` rules
//! and `reconcile` → diagnostics. The library returns plain data with byte spans; the
//! `figcheck` binary renders it.

pub mod diagnostic;
pub mod grammar;
pub mod quantity;
pub mod source;

pub use diagnostic::{Diagnostic, Related, Severity};
pub use grammar::extract;
pub use quantity::{Bound, Dimension, Direction, Figure, Quantity, Span};
pub use source::{Document, Format, SourceError};
pub mod check;
pub use check::{CheckOptions, RuleInfo, check, rules};
