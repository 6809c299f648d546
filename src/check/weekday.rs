//! The `weekday` rule.

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
pub struct Weekday;

/// The documentation of [`Weekday`].
pub const DOC: &str = rule_doc!();

impl Rule for Weekday {
    fn code(&self) -> &'static str {
        "weekday"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> &'static str {
        DOC
    }
    fn check(&self, _cx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
