//! The `duration` rule.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

macro_rules! rule_doc {
    () => {
        "TODO

**Why it matters.**

**Fires:**

**Silent:**"
    };
}

#[doc = rule_doc!()]
pub struct Duration;

/// The documentation of [`Duration`].
pub const DOC: &str = rule_doc!();

impl Rule for Duration {
    fn code(&self) -> &'static str {
        "duration"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn doc(&self) -> &'static str {
        DOC
    }
    fn check(&self, _cx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
