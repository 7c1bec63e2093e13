//! ImportRule: a payee/memo pattern that sets the payee and category of imported lines — the
//! thing that makes importing bearable. Rules apply in `position` order (then id); for each of
//! payee and category the first matching rule that sets it wins. Matching is case-insensitive
//! on the trimmed text: `CONTAINS` (default), `EXACT` or `STARTS_WITH`; `field` says what is
//! matched (the bank's payee by default, the memo, or either).

use crate::entity::kind_rules::required_text;
use crate::entity::{EntityKind, FieldError};
use crate::values::Id;

crate::field_enum! {
    /// What an import rule's pattern is matched against.
    pub enum ImportMatchField {
        /// The payee as the bank file names it (the default).
        Payee,
        /// The memo.
        Memo,
        /// Either of them.
        Either,
    }
}

crate::field_enum! {
    /// How an import rule's pattern matches (case-insensitive).
    pub enum ImportMatch {
        /// The text contains the pattern (the default).
        Contains,
        /// The text is the pattern.
        Exact,
        /// The text starts with the pattern.
        StartsWith,
    }
}

/// ImportRule's declaration (see `kind::declare`).
#[macro_export]
macro_rules! import_rule_kind {
    ($then:path) => { $then! {
        /// A pattern that sets payee and category on imported transactions.
        kind ImportRule (ImportRuleKind, ImportRuleFields) in finance { type: "ImportRule", table: "import_rules", one: import_rule, many: import_rules, api: crud }
        groups []
        key []
        fields {
            /// Rules apply in ascending position (then by id).
            position: opt i32 [filter],
            /// The text to look for.
            pattern: req String [search],
            /// What is matched.
            field: opt $crate::finance::import_rule::ImportMatchField,
            /// How it matches.
            match_type: opt $crate::finance::import_rule::ImportMatch,
            /// Only lines imported into this account (null: any account).
            account_id: opt Option<$crate::values::Id> [references("Account"), filter],
            /// The payee matching lines get.
            set_payee_id: opt Option<$crate::values::Id> [references("Payee")],
            /// The category matching lines get (else the payee's default category).
            set_category_id: opt Option<$crate::values::Id> [references("Category")],
        }
    } };
}
crate::import_rule_kind!(crate::declare_kind);

impl EntityKind for ImportRuleKind {
    fn validate(f: &ImportRuleFields) -> Result<(), FieldError> {
        required_text("pattern", &f.pattern, 500)
    }
}

impl ImportRuleFields {
    /// Whether this rule matches a line with this bank payee and memo, imported into `account`.
    pub fn matches(&self, payee: &str, memo: &str, account: &str) -> bool {
        if self.account_id.as_ref().is_some_and(|a| a.as_str() != account) {
            return false;
        }
        let pattern = self.pattern.trim().to_lowercase();
        let hit = |text: &str| {
            let text = text.trim().to_lowercase();
            match self.match_type {
                ImportMatch::Contains => text.contains(&pattern),
                ImportMatch::Exact => text == pattern,
                ImportMatch::StartsWith => text.starts_with(&pattern),
            }
        };
        match self.field {
            ImportMatchField::Payee => hit(payee),
            ImportMatchField::Memo => hit(memo),
            ImportMatchField::Either => hit(payee) || hit(memo),
        }
    }
}

/// The payee and category the rules (already in order) give a line.
pub fn apply<'r>(rules: impl IntoIterator<Item = &'r ImportRuleFields>, payee: &str, memo: &str, account: &str) -> (Option<Id>, Option<Id>) {
    let (mut set_payee, mut set_category) = (None, None);
    for rule in rules.into_iter().filter(|r| r.matches(payee, memo, account)) {
        set_payee = set_payee.or_else(|| rule.set_payee_id.clone());
        set_category = set_category.or_else(|| rule.set_category_id.clone());
    }
    (set_payee, set_category)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(pattern: &str, match_type: ImportMatch, payee: Option<&str>, category: Option<&str>) -> ImportRuleFields {
        ImportRuleFields {
            pattern: pattern.into(),
            match_type,
            set_payee_id: payee.and_then(Id::parse),
            set_category_id: category.and_then(Id::parse),
            ..Default::default()
        }
    }

    #[test]
    fn the_first_matching_rule_sets_each_of_payee_and_category() {
        let p = "01J00000000000000000000PA1";
        let c1 = "01J00000000000000000000CA1";
        let c2 = "01J00000000000000000000CA2";
        let rules = [rule("REWE", ImportMatch::Contains, Some(p), None), rule("rewe markt", ImportMatch::StartsWith, None, Some(c1)),
                     rule("rewe", ImportMatch::Contains, None, Some(c2))];
        let (payee, category) = apply(&rules, "  Rewe Markt 123 Berlin ", "", "A");
        assert_eq!((payee.as_ref().map(Id::as_str), category.as_ref().map(Id::as_str)), (Some(p), Some(c1)));
        assert_eq!(apply(&rules, "Aldi", "", "A"), (None, None));
        assert!(!rule("rewe", ImportMatch::Exact, None, None).matches("rewe markt", "", "A"));
    }
}
