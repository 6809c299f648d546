//! Findings: what `check` and `reconcile` return. Plain data with byte spans; the binary
//! renders them (human, JSON, SARIF, GitHub).

use crate::quantity::Span;
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information; never fails a run by default.
    Note,
    /// Probably wrong.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// The name used in output and configuration.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    /// Parses `note`, `warning` or `error`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "note" => Some(Severity::Note),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A secondary location: a figure the finding was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// The document's name.
    pub file: String,
    /// Where.
    pub span: Span,
    /// What this figure contributes ("stated total", "converted from").
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable kebab-case rule code ("conversion", "total", "reconcile-conflict").
    pub code: String,
    /// Severity after configuration.
    pub severity: Severity,
    /// The document's name.
    pub file: String,
    /// The figure that is wrong.
    pub span: Span,
    /// What is wrong, with the working: "−25 °C is −13 °F; the text says −11 °F".
    pub message: String,
    /// The figures it was computed from.
    pub related: Vec<Related>,
    /// The corrected figure or what to do, when known.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity, with no related spans and no help.
    pub fn of(
        rule: &crate::registry::RuleMeta,
        file: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(rule.code, rule.severity, file, span, message)
    }
    /// A finding with no related spans and no help.
    pub fn new(
        code: &str,
        severity: Severity,
        file: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: code.to_string(),
            severity,
            file: file.to_string(),
            span,
            message: message.into(),
            related: Vec::new(),
            help: None,
        }
    }
    /// Adds a related span.
    pub fn with_related(
        mut self,
        file: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.related.push(Related {
            file: file.to_string(),
            span,
            message: message.into(),
        });
        self
    }
    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}
