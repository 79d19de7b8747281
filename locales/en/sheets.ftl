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
