# Issue 15 parts 3 and 4: integrations and the dashboard.

validate-rule-help = run `opscheck validate FILE` to see the problem under its source line; `opscheck schema` describes the template format
html-no-score = no score
man-exists = `{ $path }` exists; `man --out` never writes over a page: remove it or choose another directory
man-unknown = no command `{ $name }`; pages exist for: { $names }

# The dashboard: summary --format html
dash-title = Inspection dashboard
dash-overview = { $count ->
    [one] 1 inspection
   *[other] { $count } inspections
}, mean { $mean }, { $pass_rate } passed
dash-today = dashboard of { $today }
dash-filters = Filters
dash-filter-paths = Reports from
dash-filter-since = Since
dash-filter-until = Until
dash-filter-subject = Subjects
dash-filter-template = Template
dash-filter-inspector = Inspector
dash-filter-result = Result
dash-filter-any = all
dash-filter-mean = Mean
dash-mean-inspections = mean of the inspection percents (each inspection counts the same)
dash-mean-pooled = pooled points (Σ points / Σ maximum points)
dash-filter-today = Overdue counted from
dash-per-month = Inspections per month
dash-trend = Mean percent per month, by template
dash-areas = Areas: mean and spread
dash-spread = Lowest to highest, and the mean
dash-min-max = Range
dash-subjects = Subjects ranked by their latest inspection
dash-rank = Rank
dash-findings = Items failed most often
dash-actions = Overdue corrective actions
dash-none = nothing in these reports
dash-one-page = the dashboard shows every view on one page: leave out `--by`, `--findings` and `--actions` with `--format html`
dash-more-actions = … and { $count } more overdue: `opscheck summary --actions` lists every action
dash-due = Inspections due
dash-no-sites = no sites file (`--sites`, by default checklists/sites.toml): schedules are set there, see `opscheck due --help`
dash-more-due = … and { $count } more: `opscheck due` lists every schedule
