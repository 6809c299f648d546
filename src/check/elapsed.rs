//! The `elapsed` rule.

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
pub struct Elapsed;

/// The documentation of [`Elapsed`].
pub const DOC: &str = rule_doc!();

impl Rule for Elapsed {
    fn code(&self) -> &'static str {
        "elapsed"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn doc(&self) -> &'static str {
        DOC
    }
    fn check(&self, _cx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
