//! Waivers: an item (or a whole section) formally excused for a subject, with a
//! reason, an approver and dates. While in force the item counts in neither the
//! numerator nor the denominator of the score; after `expires` it counts again.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use globset::{Glob, GlobMatcher};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::Problem;
use crate::msg;
use crate::register;
use crate::template::Template;

/// The default file, beside the checklists.
pub const DEFAULT_PATH: &str = "checklists/waivers.toml";

/// A waiver as read and checked.
#[derive(Debug, Clone)]
pub struct Waiver {
    /// A glob over subjects (`Store *`).
    pub subject: String,
    matcher: GlobMatcher,
    pub template: String,
    pub scope: Scope,
    pub reason: String,
    pub approved_by: String,
    pub from: NaiveDate,
    pub expires: NaiveDate,
    /// 1-based line of its table, to tell waivers apart in messages.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Item(String),
    Section(String),
}

impl Scope {
    pub fn id(&self) -> &str {
        match self {
            Scope::Item(id) | Scope::Section(id) => id,
        }
    }
}

/// Where a waiver stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// `from` is still ahead.
    Pending,
    InForce,
    Expired,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Pending => "pending",
            Standing::InForce => "active",
            Standing::Expired => "expired",
        }
    }
}

impl Waiver {
    pub fn standing(&self, day: NaiveDate) -> Standing {
        if day < self.from {
            Standing::Pending
        } else if day > self.expires {
            Standing::Expired
        } else {
            Standing::InForce
        }
    }

    /// Whether it is about this subject and template.
    pub fn covers(&self, subject: &str, template: &str) -> bool {
        self.template == template && self.matcher.is_match(subject)
    }

    /// The item ids it excuses in `template`.
    pub fn items(&self, template: &Template) -> Vec<String> {
        match &self.scope {
            Scope::Item(id) => vec![id.clone()],
            Scope::Section(id) => template
                .sections
                .iter()
                .filter(|s| s.id == *id)
                .flat_map(|s| s.items.iter().map(|i| i.id.clone()))
                .collect(),
        }
    }

    /// The record a report keeps of it.
    pub fn applied(&self, template: &Template) -> Applied {
        Applied {
            subject: self.subject.clone(),
            scope: self.scope.clone(),
            items: self.items(template),
            reason: self.reason.clone(),
            approved_by: self.approved_by.clone(),
            from: self.from,
            expires: self.expires,
        }
    }
}

/// A waiver applied to an inspection, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub subject: String,
    #[serde(flatten)]
    pub scope: Scope,
    /// The items it took out of the score.
    pub items: Vec<String>,
    pub reason: String,
    pub approved_by: String,
    pub from: NaiveDate,
    pub expires: NaiveDate,
}

/// The item ids the applied waivers take out of the score.
pub fn waived_items(applied: &[Applied]) -> BTreeSet<String> {
    applied
        .iter()
        .flat_map(|a| a.items.iter().cloned())
        .collect()
}

/// For one inspection: the waivers in force and those that expired.
#[derive(Debug, Clone, Default)]
pub struct Decision<'w> {
    pub in_force: Vec<&'w Waiver>,
    pub expired: Vec<&'w Waiver>,
}

/// Which waivers of the register apply to an inspection of `subject` on `day`.
pub fn decide<'w>(
    waivers: &'w [Waiver],
    subject: &str,
    template: &str,
    day: NaiveDate,
) -> Decision<'w> {
    let mut decision = Decision::default();
    for waiver in waivers.iter().filter(|w| w.covers(subject, template)) {
        match waiver.standing(day) {
            Standing::InForce => decision.in_force.push(waiver),
            Standing::Expired => decision.expired.push(waiver),
            Standing::Pending => {}
        }
    }
    decision
}

#[derive(Deserialize)]
struct WaiverFile {
    subject: Spanned<String>,
    template: Spanned<String>,
    #[serde(default)]
    item: Option<Spanned<String>>,
    #[serde(default)]
    section: Option<Spanned<String>>,
    reason: Spanned<String>,
    approved_by: Spanned<String>,
    from: Spanned<toml::value::Datetime>,
    expires: Spanned<toml::value::Datetime>,
}

const FIELDS: &[&str] = &[
    "subject",
    "template",
    "item",
    "section",
    "reason",
    "approved_by",
    "from",
    "expires",
];

/// Reads a waiver file. `lookup` finds a template by id, to check item and section
/// ids; a template it cannot find is a problem. Every problem is returned at once.
pub fn read(text: &str, lookup: &dyn Fn(&str) -> Option<Template>) -> (Vec<Waiver>, Vec<Problem>) {
    let (root, mut problems) = register::parse(text);
    let Some(root) = root else {
        return (Vec::new(), problems);
    };
    let lines = crate::diagnostic::Lines::new(text);
    let mut waivers = Vec::new();
    let entries: Vec<(_, WaiverFile)> = register::entries(
        &root,
        "waivers",
        &["waivers"],
        &[],
        &|_| FIELDS,
        &mut problems,
    );
    let mut templates: std::collections::HashMap<String, Option<Template>> = Default::default();
    for (table, file) in entries {
        let before = problems.len();
        let matcher = match Glob::new(file.subject.get_ref()) {
            Ok(glob) => Some(glob.compile_matcher()),
            Err(e) => {
                problems.push(Problem::error(
                    file.subject.span(),
                    msg!(
                        "summary-bad-glob",
                        glob = file.subject.get_ref(),
                        reason = e.kind().to_string()
                    ),
                ));
                None
            }
        };
        let template_id = file.template.get_ref();
        let template = templates
            .entry(template_id.clone())
            .or_insert_with(|| lookup(template_id));
        if template.is_none() {
            problems.push(Problem::error(
                file.template.span(),
                msg!("register-unknown-template", template = template_id),
            ));
        }
        let scope = match (&file.item, &file.section) {
            (Some(item), None) => {
                if let Some(t) = template.as_ref()
                    && t.find_item(item.get_ref()).is_none()
                {
                    problems.push(register::unknown(
                        item.span(),
                        msg!(
                            "waiver-unknown-item",
                            item = item.get_ref(),
                            template = template_id
                        ),
                        item.get_ref(),
                        t.items().map(|(_, i)| i.id.as_str()),
                    ));
                }
                Some(Scope::Item(item.get_ref().clone()))
            }
            (None, Some(section)) => {
                if let Some(t) = template.as_ref()
                    && !t.sections.iter().any(|s| s.id == *section.get_ref())
                {
                    problems.push(register::unknown(
                        section.span(),
                        msg!(
                            "waiver-unknown-section",
                            section = section.get_ref(),
                            template = template_id
                        ),
                        section.get_ref(),
                        t.sections.iter().map(|s| s.id.as_str()),
                    ));
                }
                Some(Scope::Section(section.get_ref().clone()))
            }
            _ => {
                problems.push(
                    Problem::error(table.span(), msg!("waiver-item-or-section"))
                        .help(msg!("waiver-item-or-section-help")),
                );
                None
            }
        };
        let from = register::date(&file.from, &mut problems);
        let expires = register::date(&file.expires, &mut problems);
        if let (Some(f), Some(e)) = (from, expires)
            && e < f
        {
            problems.push(
                Problem::error(
                    file.expires.span(),
                    msg!(
                        "waiver-expires-before-from",
                        expires = e.to_string(),
                        from = f.to_string()
                    ),
                )
                .related(file.from.span(), msg!("waiver-from-here")),
            );
        }
        for (value, key) in [(&file.reason, "reason"), (&file.approved_by, "approved_by")] {
            if value.get_ref().trim().is_empty() {
                problems.push(Problem::error(
                    value.span(),
                    msg!("register-empty", key = key),
                ));
            }
        }
        if problems.len() > before {
            continue;
        }
        if let (Some(matcher), Some(scope), Some(from), Some(expires)) =
            (matcher, scope, from, expires)
        {
            waivers.push(Waiver {
                subject: file.subject.into_inner(),
                matcher,
                template: file.template.into_inner(),
                scope,
                reason: file.reason.into_inner(),
                approved_by: file.approved_by.into_inner(),
                from,
                expires,
                line: lines.locate(table.span().start).line,
            });
        }
    }
    (waivers, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> Template {
        crate::template::check(crate::template::BUILTIN[0].text)
            .template
            .unwrap()
    }

    fn lookup(id: &str) -> Option<Template> {
        let t = template();
        (t.id == id).then_some(t)
    }

    #[test]
    fn reads_checks_and_decides() {
        let t = template();
        let item = &t.sections[0].items[0].id;
        let text = format!(
            "[[waivers]]\nsubject = \"Store *\"\ntemplate = \"{}\"\nitem = \"{item}\"\nreason = \"refit\"\napproved_by = \"Zhao\"\nfrom = 2026-10-01\nexpires = 2026-10-31\n",
            t.id
        );
        let (waivers, problems) = read(&text, &lookup);
        assert!(problems.is_empty(), "{problems:?}");
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let d = decide(&waivers, "Store 12", &t.id, day("2026-10-15"));
        assert_eq!((d.in_force.len(), d.expired.len()), (1, 0));
        let d = decide(&waivers, "Store 12", &t.id, day("2026-11-01"));
        assert_eq!((d.in_force.len(), d.expired.len()), (0, 1));
        assert!(
            decide(&waivers, "Depot 1", &t.id, day("2026-10-15"))
                .in_force
                .is_empty()
        );
    }

    #[test]
    fn every_problem_at_its_place() {
        let t = template();
        let text = format!(
            "[[waivers]]\nsubject = \"Store *\"\ntemplate = \"{}\"\nitem = \"nope\"\nreason = \"x\"\napproved_by = \"Zhao\"\nfrom = 2026-10-31\nexpires = 2026-10-01\nreson = 1\n",
            t.id
        );
        let (waivers, problems) = read(&text, &lookup);
        assert!(waivers.is_empty());
        let keys: Vec<_> = problems.iter().map(|p| p.message.key).collect();
        assert!(keys.contains(&"waiver-unknown-item"), "{keys:?}");
        assert!(keys.contains(&"waiver-expires-before-from"), "{keys:?}");
        assert!(keys.contains(&"check-unknown-key"), "{keys:?}");
    }
}
