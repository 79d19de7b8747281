//! Sites: the subjects inspected on a schedule, with a region, a manager and tags,
//! and when each schedule says the next inspection is due.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Problem;
use crate::msg;
use crate::register;

/// The default file, beside the checklists.
pub const DEFAULT_PATH: &str = "checklists/sites.toml";

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// The subject of its reports (`--subject`).
    pub subject: String,
    pub name: String,
    pub region: String,
    pub manager: Option<String>,
    pub tags: Vec<String>,
    pub schedules: Vec<Schedule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub template: String,
    pub cadence: Cadence,
}

/// How often a template is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cadence {
    Days(u32),
    Weeks(u32),
    Months(u32),
    /// On these weekdays, every week.
    Weekdays(Vec<Weekday>),
}

impl Cadence {
    /// The next due day after an inspection on `last`.
    pub fn next_after(&self, last: NaiveDate) -> NaiveDate {
        let later = match self {
            Cadence::Days(n) => last.checked_add_days(Days::new((*n).into())),
            Cadence::Weeks(n) => last.checked_add_days(Days::new(u64::from(*n) * 7)),
            Cadence::Months(n) => last.checked_add_months(Months::new(*n)),
            Cadence::Weekdays(days) => last
                .iter_days()
                .skip(1)
                .take(7)
                .find(|d| days.contains(&d.weekday())),
        };
        later.unwrap_or(NaiveDate::MAX)
    }

    /// As written in the file: `14d`, `2w`, `1m`, `mon,thu`.
    pub fn to_text(&self) -> String {
        match self {
            Cadence::Days(n) => format!("{n}d"),
            Cadence::Weeks(n) => format!("{n}w"),
            Cadence::Months(n) => format!("{n}m"),
            Cadence::Weekdays(days) => days
                .iter()
                .map(|d| d.to_string().to_lowercase())
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

/// `30d`, `2w`, `1m` (days, weeks, months; `N` from 1).
pub fn parse_every(text: &str) -> Option<Cadence> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let n: u32 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    if n == 0 || n > 3660 {
        return None;
    }
    match unit {
        'd' => Some(Cadence::Days(n)),
        'w' => Some(Cadence::Weeks(n)),
        'm' => Some(Cadence::Months(n)),
        _ => None,
    }
}

#[derive(Deserialize)]
struct SiteFile {
    subject: Spanned<String>,
    #[serde(default)]
    name: Option<String>,
    region: Spanned<String>,
    #[serde(default)]
    manager: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct ScheduleFile {
    template: Spanned<String>,
    #[serde(default)]
    every: Option<Spanned<String>>,
    #[serde(default)]
    weekdays: Option<Spanned<Vec<Spanned<String>>>>,
}

const SITE_FIELDS: &[&str] = &["subject", "name", "region", "manager", "tags", "schedules"];
const SCHEDULE_FIELDS: &[&str] = &["template", "every", "weekdays"];

/// Reads a sites file; `known_template` says whether a template id exists.
pub fn read(text: &str, known_template: &dyn Fn(&str) -> bool) -> (Vec<Site>, Vec<Problem>) {
    let (root, mut problems) = register::parse(text);
    let Some(root) = root else {
        return (Vec::new(), problems);
    };
    let entries: Vec<(_, SiteFile)> = register::entries(
        &root,
        "sites",
        &["sites"],
        &["schedules"],
        &|_| SITE_FIELDS,
        &mut problems,
    );
    let mut sites: Vec<Site> = Vec::new();
    let mut seen: std::collections::HashMap<String, std::ops::Range<usize>> = Default::default();
    for (table, file) in entries {
        let before = problems.len();
        if let Some(first) = seen.get(file.subject.get_ref()) {
            problems.push(
                Problem::error(
                    file.subject.span(),
                    msg!("site-duplicate", subject = file.subject.get_ref()),
                )
                .related(first.clone(), msg!("site-first-here")),
            );
        } else {
            seen.insert(file.subject.get_ref().clone(), file.subject.span());
        }
        if file.region.get_ref().trim().is_empty() {
            problems.push(Problem::error(
                file.region.span(),
                msg!("register-empty", key = "region"),
            ));
        }
        let mut schedules = Vec::new();
        for schedule_table in crate::template::document::tables(&table, "schedules", &mut problems)
        {
            let Some(s) = crate::template::document::read::<ScheduleFile>(
                &schedule_table,
                &[],
                &|_| SCHEDULE_FIELDS,
                &mut problems,
            ) else {
                continue;
            };
            if !known_template(s.template.get_ref()) {
                problems.push(Problem::error(
                    s.template.span(),
                    msg!("register-unknown-template", template = s.template.get_ref()),
                ));
            }
            let cadence = match (&s.every, &s.weekdays) {
                (Some(every), None) => parse_every(every.get_ref()).or_else(|| {
                    problems.push(
                        Problem::error(
                            every.span(),
                            msg!("site-bad-every", value = every.get_ref()),
                        )
                        .help(msg!("site-every-help")),
                    );
                    None
                }),
                (None, Some(days)) => {
                    let mut parsed = Vec::new();
                    for day in days.get_ref() {
                        match day.get_ref().parse::<Weekday>() {
                            Ok(d) if !parsed.contains(&d) => parsed.push(d),
                            Ok(_) => {}
                            Err(_) => problems.push(Problem::error(
                                day.span(),
                                msg!("site-bad-weekday", value = day.get_ref()),
                            )),
                        }
                    }
                    if days.get_ref().is_empty() {
                        problems.push(Problem::error(days.span(), msg!("site-no-weekdays")));
                    }
                    parsed.sort_by_key(|d| d.num_days_from_monday());
                    (!parsed.is_empty()).then_some(Cadence::Weekdays(parsed))
                }
                _ => {
                    problems.push(
                        Problem::error(schedule_table.span(), msg!("site-every-or-weekdays"))
                            .help(msg!("site-every-help")),
                    );
                    None
                }
            };
            if let Some(cadence) = cadence {
                schedules.push(Schedule {
                    template: s.template.into_inner(),
                    cadence,
                });
            }
        }
        if problems.len() > before {
            continue;
        }
        let subject = file.subject.into_inner();
        sites.push(Site {
            name: file.name.unwrap_or_else(|| subject.clone()),
            subject,
            region: file.region.into_inner(),
            manager: file.manager,
            tags: file.tags,
            schedules,
        });
    }
    (sites, problems)
}

/// One schedule of one site, with its latest inspection and next due day.
pub struct Due<'s> {
    pub site: &'s Site,
    pub template: &'s str,
    pub cadence: String,
    pub last: Option<chrono::NaiveDate>,
    pub next: Option<chrono::NaiveDate>,
}

/// Every schedule of the sites `keep` accepts that falls due by `horizon` (all when
/// none): never inspected first, then the most overdue.
pub fn schedule<'s>(
    sites: &'s [Site],
    latest: &std::collections::HashMap<(String, String), chrono::NaiveDate>,
    horizon: Option<chrono::NaiveDate>,
    keep: impl Fn(&Site) -> bool,
) -> Vec<Due<'s>> {
    let mut rows: Vec<Due<'_>> = Vec::new();
    for site in sites.iter().filter(|s| keep(s)) {
        for schedule in &site.schedules {
            let last = latest
                .get(&(site.subject.clone(), schedule.template.clone()))
                .copied();
            let next = last.map(|d| schedule.cadence.next_after(d));
            if let (Some(h), Some(n)) = (horizon, next)
                && n > h
            {
                continue;
            }
            rows.push(Due {
                site,
                template: &schedule.template,
                cadence: schedule.cadence.to_text(),
                last,
                next,
            });
        }
    }
    rows.sort_by(|a, b| {
        (a.next.is_some(), a.next, &a.site.subject, a.template).cmp(&(
            b.next.is_some(),
            b.next,
            &b.site.subject,
            b.template,
        ))
    });
    rows
}

/// `never`, `overdue`, `due` or `upcoming`, and the days overdue.
pub fn due_state(row: &Due<'_>, today: chrono::NaiveDate) -> (&'static str, Option<i64>) {
    let days = row.next.map(|n| (today - n).num_days());
    let state = match days {
        None => "never",
        Some(d) if d > 0 => "overdue",
        Some(0) => "due",
        Some(_) => "upcoming",
    };
    (state, days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    #[test]
    fn cadences() {
        let last = day("2026-01-31");
        assert_eq!(
            parse_every("14d").unwrap().next_after(last),
            day("2026-02-14")
        );
        assert_eq!(
            parse_every("2w").unwrap().next_after(last),
            day("2026-02-14")
        );
        assert_eq!(
            parse_every("1m").unwrap().next_after(last),
            day("2026-02-28")
        );
        // 2026-01-31 is a Saturday: the next Monday or Thursday is Monday 2 February.
        let weekly = Cadence::Weekdays(vec![Weekday::Mon, Weekday::Thu]);
        assert_eq!(weekly.next_after(last), day("2026-02-02"));
        assert_eq!(weekly.next_after(day("2026-02-02")), day("2026-02-05"));
        for bad in ["", "0d", "3x", "d", "-1w"] {
            assert_eq!(parse_every(bad), None, "{bad}");
        }
    }

    #[test]
    fn problems_at_their_place() {
        let text = "[[sites]]\nsubject = \"Store 12\"\nregion = \"East\"\n[[sites.schedules]]\ntemplate = \"nope\"\nevery = \"fortnightly\"\n[[sites]]\nsubject = \"Store 12\"\nregion = \"West\"\nregoin = 1\n";
        let (sites, problems) = read(text, &|id| id == "ops");
        assert!(sites.is_empty());
        let keys: Vec<_> = problems.iter().map(|p| p.message.key).collect();
        for key in [
            "register-unknown-template",
            "site-bad-every",
            "site-duplicate",
            "check-unknown-key",
        ] {
            assert!(keys.contains(&key), "{key} in {keys:?}");
        }
    }
}
