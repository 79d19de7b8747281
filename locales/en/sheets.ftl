# Excel workbooks (.xlsx) and XLSForm import/export.

xlsx-terminal = an .xlsx workbook is binary and would garble the terminal; write it with `-o FILE` or redirect stdout (`> FILE.xlsx`)
output-exists = `{ $path }` exists; opscheck never writes over a file: choose another name or remove it
xlsx-sheet-overview = Overview
xlsx-sheet-actions = Action plan
xlsx-sheet-inspections = Inspections
xlsx-sheet-subjects = Subjects
xlsx-sheet-inspectors = Inspectors
xlsx-sheet-months = Months
xlsx-summary-title = opscheck summary: { $view }
xlsx-export-title = opscheck export: one row per answer
xlsx-field = Field
xlsx-value = Value
xlsx-template-id = Template id
xlsx-template-version = Template version
xlsx-pass-mark = Pass mark
xlsx-max-points = Max points
xlsx-section-id = Area id
xlsx-weight = Weight
xlsx-item-id = Item id
xlsx-kind = Kind
xlsx-previous = Previous %
xlsx-change-points = Change (points)
xlsx-latest-note-date = Latest note date
xlsx-overdue-days = Days overdue

xlsx-sheet-action-list = Actions
xlsx-sheet-due = Due inspections
xlsx-sheet-waivers = Waivers
xlsx-days-left = Days left
xlsx-due-upcoming = upcoming
# XLSForm import: every message names what was left out and what became of the rest.
xlsform-unreadable = it cannot be read as an XLSForm workbook or CSV ({ $reason })
xlsform-no-survey = no `survey` sheet: an XLSForm needs one (sheet names are case-insensitive)
xlsform-no-type = the survey sheet has no `type` column in its first row
xlsform-nothing = no question could be imported: nothing was written
xlsform-invalid = the imported template does not pass `validate` ({ $problems }); please report this as a bug
xlsform-strict = { $count ->
    [one] --strict: 1 thing would be dropped; nothing was written
   *[other] --strict: { $count } things would be dropped; nothing was written
}
xlsform-header = Imported from the XLSForm `{ $file }` by `opscheck import`.
xlsform-imported = imported `{ $file }`: { $templates ->
    [one] 1 template
   *[other] { $templates } templates
} of { $items ->
    [one] 1 item
   *[other] { $items } items
}; { $dropped ->
    [0] nothing dropped
    [one] 1 thing dropped (listed above)
   *[other] { $dropped } things dropped (listed above)
}
xlsform-language = language `{ $name }` has no code such as `(en)`: its texts are written with the language tag `{ $tag }`
xlsform-drop-column = column `{ $column }` dropped: opscheck does not use it
xlsform-drop-choice-filter = column `choice_filter` dropped: every option is always offered
xlsform-drop-type = `{ $kind }` question `{ $name }` dropped: opscheck has no such item kind
xlsform-drop-calculate = calculation `{ $name }` dropped: opscheck does not compute fields
xlsform-drop-repeat = repeat `{ $name }` dropped with { $count ->
    [one] its 1 question
   *[other] its { $count } questions
}: opscheck asks every item once
xlsform-drop-relevant = condition `{ $expression }` dropped, the item is always asked: only `${"{"}q{"}"} = 'value'` on an earlier yes/no or scored choice item becomes `when`
xlsform-drop-group-relevant = group condition `{ $expression }` dropped: the area is always asked
xlsform-drop-or-other = the "or other" answer of `{ $name }` dropped: only the listed options are offered
xlsform-nested-group = group `{ $name }` inside `{ $outer }`: its questions are kept in `{ $outer }`
xlsform-no-label = `{ $name }` has no label: its name is used as the question
xlsform-no-score = list `{ $list }` has no `score` column: `{ $name }` is kept as an unscored text item (add scores 0–1 to make it a choice)
xlsform-few-options = list `{ $list }` has fewer than two options: `{ $name }` dropped
xlsform-unknown-list = list `{ $list }` is not on the choices sheet: `{ $name }` dropped
xlsform-number-no-target = `{ $name }` has no simple range such as `. >= 0 and . <= 4`: kept as an unscored text item
xlsform-strict-bound = `{ $expression }`: a strict bound is read as inclusive (>= or <=)
xlsform-bad-range = `{ $name }`: range parameters must be whole `start=… end=…` with step 1: dropped
xlsform-bad-score = score `{ $value }` is not a number from 0 to 1: 0 is used
xlsform-bad-number = `{ $column }` value `{ $value }` is out of range: the default is used
xlsform-bad-flag = `{ $column }` value `{ $value }` is not yes or no: the default is used
xlsform-required = `required` value `{ $value }` is not yes or no: the item is optional
xlsform-empty-group = group `{ $name }` has no question left: dropped
xlsx-sheet-templates = Templates
