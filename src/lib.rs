//! figcheck: checks the numbers in news prose.
//!
//! Data flows one way: [`source`] (text, Markdown, HTML → prose with byte offsets into the
//! original file) → [`grammar`] (nom productions → [`Quantity`]) → claims → `check` rules
//! and `reconcile` → diagnostics. The library returns plain data with byte spans; the
//! `figcheck` binary renders it.

pub mod analysis;
pub mod baseline;
pub mod check;
pub mod claim;
pub mod config;
pub mod diagnostic;
pub mod grammar;
pub mod json;
pub mod ledger;
pub mod lsp;
pub mod precision;
pub mod quantity;
pub mod reconcile;
pub mod registry;
pub mod serve;
pub mod source;
pub mod suppress;

pub use analysis::Analysis;
pub use check::{CheckOptions, check, rules};
pub use claim::{Claim, ClaimKey, Interval};
pub use diagnostic::{Diagnostic, Related, Severity};
pub use grammar::extract;
pub use quantity::{Bound, Dimension, Direction, Figure, Quantity, Span};
pub use reconcile::{Reconciliation, Status, reconcile, reconcile_with};
pub use registry::{Kind, RuleMeta};
pub use source::{Document, Format, SourceError};
