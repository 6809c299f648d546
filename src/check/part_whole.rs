//! The `part-whole` rule.

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
pub struct PartWhole;

/// The documentation of [`PartWhole`].
pub const DOC: &str = rule_doc!();

impl Rule for PartWhole {
    fn code(&self) -> &'static str {
        "part-whole"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> &'static str {
        DOC
    }
    fn check(&self, _cx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
