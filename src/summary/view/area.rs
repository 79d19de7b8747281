//! `--by area`: each template's sections, with the mean, spread and share below the
//! pass mark.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::answer::clean;
use crate::locale::Lang;
use crate::summary::output::{bar, pct, share};
use crate::summary::{Context, Entry, Output, Stat, Table, View};

#[derive(Debug, Clone, Default)]
pub struct Area {
    /// Template id → its areas, in the order first seen.
    templates: BTreeMap<String, Vec<AreaStat>>,
}

#[derive(Debug, Clone, PartialEq)]
struct AreaStat {
    section: String,
    title: String,
    /// The date of the report the title was taken from: the latest wins.
    title_date: NaiveDate,
    /// The latest title seen in each language (tag → date, title).
    titles: BTreeMap<String, (NaiveDate, String)>,
    stat: Stat,
}

/// (date, title) of the latest title in each language (tag).
type Titles = BTreeMap<String, (NaiveDate, String)>;

impl Area {
    /// Areas aggregated elsewhere (the team store's SQL): (template, section, latest
    /// title and its date, the latest title per language, figures), each template's
    /// areas in the order given.
    pub fn from_figures(
        figures: impl IntoIterator<Item = (String, String, String, NaiveDate, Titles, Stat)>,
    ) -> Area {
        let mut area = Area::default();
        for (template, section, title, title_date, titles, stat) in figures {
            area.templates.entry(template).or_default().push(AreaStat {
                section,
                title,
                title_date,
                titles,
                stat,
            });
        }
        area
    }
}

impl AreaStat {
    fn see_title(&mut self, language: &str, date: NaiveDate, title: &str) {
        let seen = self.titles.get(language).is_some_and(|(d, _)| *d > date);
        if !seen {
            self.titles
                .insert(language.to_owned(), (date, title.to_owned()));
        }
    }

    /// The title in the interface language: from a report in that language, else from
    /// the built-in template of that id in it, else the latest title.
    fn title_in<'a>(&'a self, lang: Lang, builtin: &'a BTreeMap<String, String>) -> &'a str {
        self.titles
            .iter()
            .filter(|(tag, _)| Lang::from_tag(tag) == Some(lang))
            .max_by_key(|(_, (date, _))| *date)
            .map(|(_, (_, title))| title.as_str())
            .or_else(|| builtin.get(&self.section).map(String::as_str))
            .unwrap_or(&self.title)
    }
}

/// Section id → title of the built-in template `id` in `lang`, if opscheck ships one.
fn builtin_titles(id: &str, lang: Lang) -> BTreeMap<String, String> {
    crate::template::BUILTIN
        .iter()
        .filter(|b| b.id == id && Lang::from_tag(b.language) == Some(lang))
        .filter_map(|b| crate::template::check(b.text).template)
        .flat_map(|t| t.sections.into_iter().map(|s| (s.id, s.title)))
        .collect()
}

impl View for Area {
    fn name(&self) -> &'static str {
        "area"
    }

    fn add(&mut self, e: Entry) {
        let pass_mark = e.overall.pass_mark;
        let areas = self.templates.entry(e.template.id).or_default();
        for s in e.sections {
            let at = match areas.iter().position(|a| a.section == s.id) {
                Some(at) => at,
                None => {
                    areas.push(AreaStat {
                        section: s.id,
                        title: s.title.clone(),
                        title_date: e.date,
                        titles: BTreeMap::new(),
                        stat: Stat::default(),
                    });
                    areas.len() - 1
                }
            };
            let area = &mut areas[at];
            area.see_title(&e.template.language, e.date, &s.title);
            if s.percent.is_some() {
                let passed = s.percent.is_some_and(|p| p >= pass_mark);
                area.stat
                    .add(s.percent, s.points, s.max_points, passed, pass_mark);
            }
            if e.date > area.title_date {
                area.title = s.title;
                area.title_date = e.date;
            }
        }
    }

    fn merge(&mut self, other: Self) {
        for (template, areas) in other.templates {
            let mine = self.templates.entry(template).or_default();
            for area in areas {
                match mine.iter_mut().find(|m| m.section == area.section) {
                    Some(m) => {
                        m.stat.merge(&area.stat);
                        for (language, (date, title)) in &area.titles {
                            m.see_title(language, *date, title);
                        }
                        if area.title_date > m.title_date {
                            m.title = area.title;
                            m.title_date = area.title_date;
                        }
                    }
                    None => mine.push(area),
                }
            }
        }
    }

    fn output(self, context: &Context<'_>) -> Output {
        let t = |k: &str| {
            if k.is_empty() {
                String::new()
            } else {
                context.lang.text(k)
            }
        };
        let mut table = Table {
            headers: [
                "col-template",
                "col-area",
                "summary-mean",
                "summary-min",
                "summary-max",
                "summary-below",
                "summary-reports",
                "",
            ]
            .map(t)
            .to_vec(),
            rows: Vec::new(),
            right: vec![2, 3, 4, 5, 6],
        };
        let mut groups = Vec::new();
        for (template, areas) in self.templates {
            let builtin = builtin_titles(&template, context.lang);
            let mut rows = Vec::new();
            for a in &areas {
                let m = a.stat.mean(context.mean);
                let title = a.title_in(context.lang, &builtin);
                table.rows.push(vec![
                    template.clone(),
                    clean(title).into_owned(),
                    pct(m),
                    pct(a.stat.min),
                    pct(a.stat.max),
                    share(a.stat.below_share()),
                    a.stat.scored.to_string(),
                    bar(m),
                ]);
                rows.push(json!({
                    "section": a.section, "title": title, "reports": a.stat.scored, "mean": m,
                    "min": a.stat.min, "max": a.stat.max, "below_pass_mark": a.stat.below_share(),
                }));
            }
            let versions: Vec<&String> = context
                .common
                .versions
                .get(&template)
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            groups.push(json!({ "template": template, "versions": versions, "areas": rows }));
        }
        Output {
            json: json!({ "groups": Value::Array(groups) }),
            table,
            notes: Vec::new(),
        }
    }
}
