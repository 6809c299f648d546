//! The registry of rules: every code a finding can carry, written once.
//!
//! Each rule is declared with [`declare_rule!`](crate::declare_rule) next to the code that
//! reports it (a check rule in its file under `src/check/`, reconcile's in `src/reconcile/`,
//! the suppression rules in `src/suppress.rs`): its code, [`Kind`], default [`Severity`] and
//! documentation (what it checks, why it matters, an example that fires, one that does not, and
//! what it does not check, with an example). The code that reports a finding refers to its
//! entry ([`crate::Diagnostic::of`]); nothing else spells a code. [`ALL`] lists every entry;
//! `figcheck rules`, SARIF's rule table, the language server and `docs/rules.md` (see
//! [`markdown`]) are all made from it.

use crate::diagnostic::Severity;
use serde::Serialize;

/// Which part of figcheck reports a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `figcheck check`: one draft's figures against each other (`src/check/`).
    Check,
    /// `figcheck reconcile`: several sources against each other (`src/reconcile/`).
    Reconcile,
    /// The `figcheck-ignore` comments themselves (`src/suppress.rs`).
    Suppression,
}

impl Kind {
    /// The name used in output: `check`, `reconcile`, `suppression`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Check => "check",
            Kind::Reconcile => "reconcile",
            Kind::Suppression => "suppression",
        }
    }
}

/// One rule's entry in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable kebab-case code.
    pub code: &'static str,
    /// Which part of figcheck reports it.
    pub kind: Kind,
    /// Default severity (a rule may report some findings lower or higher; its doc says when).
    pub severity: Severity,
    /// One line: what it checks.
    pub summary: &'static str,
    /// What it checks (Markdown).
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// Examples that fire.
    pub fires: &'static str,
    /// Examples that are silent.
    pub silent: &'static str,
    /// What it does not check, with an example.
    pub not_checked: &'static str,
    /// The whole documentation, composed from the parts above (Markdown).
    pub doc: &'static str,
}

impl RuleMeta {
    /// Where the rule's documentation is read (its section of `docs/rules.md`).
    pub fn url(&self) -> String {
        doc_url(self.code)
    }
}

/// Where the documentation of the rule `code` is read.
pub fn doc_url(code: &str) -> String {
    format!(
        "https://docs.rs/crate/figcheck/{}/source/docs/rules.md#{code}",
        env!("CARGO_PKG_VERSION")
    )
}

/// Declares a rule's registry entry: a `static` [`RuleMeta`] whose `doc` is composed from the
/// parts at compile time, so the documentation is written once.
///
/// ```
/// figcheck::declare_rule! {
///     pub static TOTAL = {
///         code: "total", kind: Check, severity: Error,
///         summary: "Parts must add up to the total stated for them.",
///         what: "...", why: "...", fires: "...", silent: "...", not_checked: "...",
///     };
/// }
/// assert_eq!(TOTAL.code, "total");
/// assert!(TOTAL.doc.contains("Parts must add up"));
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[$attr:meta])*
        $vis:vis static $name:ident = {
            code: $code:literal,
            kind: $kind:ident,
            severity: $sev:ident,
            summary: $summary:literal,
            what: $what:literal,
            why: $why:literal,
            fires: $fires:literal,
            silent: $silent:literal,
            not_checked: $not:literal $(,)?
        };
    ) => {
        $(#[$attr])*
        #[doc = concat!("The `", $code, "` rule: ", $summary)]
        ///
        #[doc = concat!("**What it checks.** ", $what)]
        ///
        #[doc = concat!("**Why it matters.** ", $why)]
        ///
        #[doc = concat!("**Fires:** ", $fires)]
        ///
        #[doc = concat!("**Silent:** ", $silent)]
        ///
        #[doc = concat!("**What it does not check.** ", $not)]
        $vis static $name: $crate::registry::RuleMeta = $crate::registry::RuleMeta {
            code: $code,
            kind: $crate::registry::Kind::$kind,
            severity: $crate::diagnostic::Severity::$sev,
            summary: $summary,
            what: $what,
            why: $why,
            fires: $fires,
            silent: $silent,
            not_checked: $not,
            doc: concat!(
                $summary,
                "\n\n**What it checks.** ",
                $what,
                "\n\n**Why it matters.** ",
                $why,
                "\n\n**Fires:** ",
                $fires,
                "\n\n**Silent:** ",
                $silent,
                "\n\n**What it does not check.** ",
                $not
            ),
        };
    };
}

/// Every rule, in the order `figcheck rules` and `docs/rules.md` list them: the check rules
/// (in the order they run), then reconcile's, then the suppression rules.
pub static ALL: &[&RuleMeta] = &[
    &crate::check::conversion::CONVERSION,
    &crate::check::total::TOTAL,
    &crate::check::part_whole::PART_WHOLE,
    &crate::check::percent_of::PERCENT_OF,
    &crate::check::percent_change::PERCENT_CHANGE,
    &crate::check::direction::DIRECTION,
    &crate::check::difference::DIFFERENCE,
    &crate::check::multiple::MULTIPLE,
    &crate::check::breakdown::BREAKDOWN,
    &crate::check::weekday::WEEKDAY,
    &crate::check::duration::DURATION,
    &crate::check::elapsed::ELAPSED,
    &crate::check::calendar::CALENDAR,
    &crate::check::age::AGE,
    &crate::check::undated::UNDATED,
    &crate::reconcile::CONFLICT,
    &crate::reconcile::accounting::ACCOUNTING,
    &crate::reconcile::VAGUE,
    &crate::suppress::UNUSED,
    &crate::suppress::NO_REASON,
];

/// The entry of a code.
pub fn get(code: &str) -> Option<&'static RuleMeta> {
    ALL.iter().copied().find(|r| r.code == code)
}

/// Every code, in registry order.
pub fn codes() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|r| r.code)
}

/// The entries of one kind, in registry order.
pub fn of_kind(kind: Kind) -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().copied().filter(move |r| r.kind == kind)
}

/// The text of `docs/rules.md`, generated from the registry (a test keeps the file equal to
/// it; run `FIGCHECK_UPDATE_DOCS=1 cargo test --test check_fixtures docs_rules_md` to rewrite it).
pub fn markdown() -> String {
    let mut s = String::new();
    s.push_str(concat!(
        "# Rules\n\n",
        "<!-- Generated from the rule registry (src/registry.rs and each rule's `declare_rule!`); do\n",
        "not edit by hand. -->\n\n",
        "Every code a finding can carry. `figcheck rules` lists them, `figcheck rules CODE` prints one\n",
        "rule's documentation, and each finding links to its rule's section here. Check rules run in\n",
        "`figcheck check`; each lives in its own file under `src/check/` and has firing and clean\n",
        "fixtures under `fixtures/check/<code>/` (`cargo test <code>` runs them). Reconcile's rules run\n",
        "in `figcheck reconcile` (see [reconcile.md](reconcile.md)); the suppression rules report on the\n",
        "`figcheck-ignore` comments themselves (see [ci.md](ci.md)). Any of them can be set to another\n",
        "severity or `off` in `figcheck.toml`'s `[rules]`, or chosen with `--select` / `--ignore`.\n",
        "Tolerances are described in [tolerance.md](tolerance.md).\n",
        "\n",
    ));
    s.push_str("| code | kind | default severity | checks |\n|---|---|---|---|\n");
    for r in ALL {
        s.push_str(&format!(
            "| [`{c}`](#{c}) | {} | {} | {} |\n",
            r.kind.as_str(),
            r.severity.as_str(),
            r.summary,
            c = r.code
        ));
    }
    for r in ALL {
        s.push_str(&format!(
            "\n<a id=\"{c}\"></a>\n\n## `{c}` ({}, {})\n\n{}\n",
            r.kind.as_str(),
            r.severity.as_str(),
            r.doc,
            c = r.code
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_kebab_case_and_every_doc_has_its_parts() {
        let codes: BTreeSet<_> = codes().collect();
        assert_eq!(codes.len(), ALL.len());
        for r in ALL {
            assert!(
                !r.code.is_empty()
                    && r.code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !r.code.starts_with('-')
                    && !r.code.ends_with('-'),
                "{}",
                r.code
            );
            for (part, text) in [
                ("summary", r.summary),
                ("what", r.what),
                ("why", r.why),
                ("fires", r.fires),
                ("silent", r.silent),
                ("not_checked", r.not_checked),
            ] {
                assert!(!text.trim().is_empty(), "{}: empty {part}", r.code);
            }
            // Examples are quoted copy.
            for (part, text) in [
                ("fires", r.fires),
                ("silent", r.silent),
                ("not_checked", r.not_checked),
            ] {
                assert!(text.contains('`'), "{}: {part} has no example", r.code);
            }
            assert!(r.doc.starts_with(r.summary), "{}", r.code);
            assert!(r.doc.contains(r.not_checked), "{}", r.code);
            assert!(!r.summary.contains('\n'), "{}: summary is one line", r.code);
            assert_eq!(get(r.code), Some(*r));
        }
        assert_eq!(get("no-such-rule"), None);
    }

    #[test]
    fn the_check_rules_are_the_registry_entries_of_kind_check_in_order() {
        let run: Vec<&str> = crate::check::RULES.iter().map(|r| r.meta().code).collect();
        let listed: Vec<&str> = of_kind(Kind::Check).map(|r| r.code).collect();
        assert_eq!(run, listed);
        // Kinds come in blocks: checks, then reconcile, then suppressions.
        let kinds: Vec<Kind> = ALL.iter().map(|r| r.kind).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted);
        assert!(of_kind(Kind::Reconcile).count() >= 3);
        assert!(of_kind(Kind::Suppression).count() >= 2);
    }

    #[test]
    fn the_page_has_a_section_and_an_anchor_per_rule() {
        let page = markdown();
        for r in ALL {
            assert!(page.contains(&format!("<a id=\"{}\"></a>", r.code)));
            assert!(page.contains(&format!("## `{}` (", r.code)));
            assert!(page.contains(r.doc));
            assert!(r.url().ends_with(&format!("rules.md#{}", r.code)));
        }
    }
}
