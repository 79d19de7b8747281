# opscheck — English interface text.
# Keys are grouped by where they are shown. Arguments are in { $braces }.

## Shared

detail-separator = {": "}
list-separator = {", "}
diagnostic-error = error
diagnostic-warning = warning
diagnostic-help = help
result-pass = PASS
result-fail = FAIL
result-no-score = NO SCORE
severity-critical = critical
severity-failed = failed
severity-minor = minor
priority-high = high
priority-medium = medium
priority-low = low
answer-na = N/A
answer-skipped = skipped
col-template = Template
col-subject = Subject
col-inspector = Inspector
col-date = Date
col-area = Area
col-percent = Percent
col-answered = Answered
col-na = N/A
col-failed = Failed
col-item = Item
col-answer = Answer
col-score = Score

## Errors that stop a command

error-read = cannot read `{ $path }`
error-write = cannot write `{ $path }`
error-not-found = `{ $path }` does not exist
error-bad-now = `{ $variable }` must be a time like `2026-11-29T10:00:00+08:00` (RFC 3339), not `{ $value }`: { $reason }
error-unreadable = { $count ->
    [one] 1 path could not be read
   *[other] { $count } paths could not be read
}
error-template-not-found = no template `{ $name }`: it is not a file, a template in `checklists/`, or a built-in
error-template-invalid = template `{ $origin }` has { $count ->
    [one] 1 error
   *[other] { $count } errors
}; `opscheck validate { $origin }` shows them all
error-answers-invalid = answers file `{ $path }` has { $count ->
    [one] 1 error
   *[other] { $count } errors
}
error-draft = cannot continue the draft `{ $path }`
draft-in-use = another opscheck run is using it
journal-empty = it is empty
journal-no-header = its first line is not an opscheck journal header
journal-format = it is format `{ $format }`, which this opscheck does not read
journal-damaged = line { $line } is damaged ({ $reason })
journal-io = { $reason }

## Template problems (validate)

toml-error = { $detail }
check-unknown-key = unknown key `{ $key }`
check-did-you-mean = did you mean `{ $key }`?
check-expected-keys = expected one of: { $keys }
check-array-of-tables = `{ $key }` must be an array of tables
check-array-of-tables-help = write each entry under a `[[{ $key }]]` header
check-entry-table = each entry of `{ $key }` must be a table
check-no-sections = the template has no sections
check-no-sections-help = add at least one `[[sections]]` table with `[[sections.items]]` under it
check-missing = { $what ->
    [template] the template
    [section] a section
   *[item] an item
} has no `{ $key }`
check-missing-help = add `{ $key } = { $example }`
check-format = unsupported template format { $format }
check-format-help = this opscheck reads `format = { $format }`; a newer opscheck may read this file
check-language = `{ $language }` is not a language tag
check-language-help = use a BCP 47 tag such as `en`, `zh-CN` or `de-AT`
check-id = `{ $id }` is not a valid id
check-id-label = ids are lowercase letters, digits and `-`, starting with a letter or digit
check-empty = `{ $key }` is empty
check-range = { $key } { $value } is outside { $range }
check-write-as = write it as `{ $example }`
check-band-fields = a band needs both `min` and `label`
check-band-order = bands must be in strictly descending order of `min`
check-band-order-label = { $min } is not below the previous band's { $previous }
check-band-zero = no band starts at 0, so a low percent would have no rating
check-band-zero-help = add a last band `{"{"} min = 0, label = "Unsatisfactory" {"}"}`
check-duplicate-section = duplicate section id `{ $id }`
check-duplicate-item = duplicate item id `{ $id }`
check-duplicate-item-help = item ids must be unique across the whole template
check-used-again = used again here
check-first-used = first used here
check-empty-section = section `{ $id }` has no items
check-empty-section-help = add `[[sections.items]]` tables after the section, or remove it
check-weight = weight { $value } must be a finite number greater than 0
check-no-kind = an item has no `kind`
check-no-kind-help = add `kind = "yes_no"` (or scale, choice, number, text, date)
check-no-guidance = item `{ $id }` has no guidance
check-no-guidance-help = add `guidance = "…"`: what to look at, shown when the inspector presses `?`
check-critical-na = critical item `{ $id }` allows N/A
check-critical-na-help = an N/A answer can never fail it; add `na = false` if it always applies
check-not-for-kind = `{ $key }` does not apply to a { $kind } item
check-not-for-kind-help = remove it, or change `kind`
check-scale-bounds = a scale item needs `min` and `max`
check-scale-bounds-help = add `min = 1` and `max = 5`
check-scale-order = scale min { $min } is not below max { $max }
check-max = max
check-scale-wide = a scale from { $min } to { $max } is too wide
check-scale-wide-help = a scale spans at most { $count } values; use a number item for wider ranges
check-scale-labels = a scale from { $min } to { $max } needs { $expected } labels, found { $found }
check-scale-labels-help = give one label per value, or remove `labels`
check-no-options = a choice item needs `options`
check-no-options-help = add `options = [{"{"} label = "Yes", score = 1.0 {"}"}, {"{"} label = "No", score = 0.0 {"}"}]`
check-few-options = a choice item needs at least 2 options, found { $found }
check-option-fields = an option needs both `label` and `score`
check-duplicate-option = duplicate option label `{ $label }`
check-no-target = a number item needs a `target`
check-no-target-help = add `target = {"{"} min = 0, max = 4 {"}"}`; either bound may be left out
check-target-finite = target { $key } must be a finite number
check-target-bounds = a number target needs `min`, `max` or both
check-target-order = target min { $min } is above max { $max }
check-when-fields = `when` needs both `item` and `is`
check-when-later = `when` names `{ $item }`, which is not an earlier item
check-when-unknown = `when` names an unknown item `{ $item }`
check-when-unknown-help = name an item that comes earlier in the template
check-when-kind = `when` can only follow a yes_no or choice item; `{ $item }` is a { $kind } item
check-when-value = `{ $item }` can never be answered `{ $value }`
check-when-value-help = use one of: { $values }
check-not-utf8 = the file is not valid UTF-8
check-not-utf8-help = save the template as UTF-8
validate-summary = checked { $files ->
    [one] 1 file
   *[other] { $files } files
}: { $valid } valid, { $invalid } invalid ({ $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
})

## Answers

answer-na-not-allowed = N/A is not allowed for this item: answer y or n
answer-yes-no = answer y or n{ $na ->
    [yes] , or na
   *[no] {""}
}
answer-scale = answer a whole number from { $min } to { $max }{ $na ->
    [yes] , or na
   *[no] {""}
}
answer-choice = answer an option number from 1 to { $count } or its exact label{ $na ->
    [yes] , or na
   *[no] {""}
}
answer-number = answer a number such as 12 or 3.5{ $na ->
    [yes] , or na
   *[no] {""}
}
answer-date = answer a date as YYYY-MM-DD{ $na ->
    [yes] , or na
   *[no] {""}
}
answer-empty = the answer is empty
answer-priority = `{ $value }` is not a priority: use low, medium or high
answer-due = `{ $value }` is not a due date: use YYYY-MM-DD, +7d or +2w
answers-under-table = put every answer under `[answers]`
answers-not-table = `answers` must be a table
answers-unknown-item = unknown item `{ $item }`
answers-unknown-item-help = `opscheck show { $template }` lists the item ids
answers-answer-keys = an answer takes `answer`, `note`, `action` and `evidence`
answers-no-answer = `{ $item }` has no `answer`
answers-answer-type = an answer is a string, a number, a boolean or a date
answers-invalid = invalid answer for `{ $item }`
answers-action-table = `action` must be a table
answers-action-keys = an action takes `text`, `owner`, `due` and `priority`
answers-action-text = an action needs `text`: what is to be done
answers-string = `{ $key }` must be a string

## The run, in both modes

prompt-current = (current answer: { $answer })
prompt-not-utf8 = that line is not valid UTF-8; type the answer again
prompt-no-guidance = no guidance for this item
prompt-first-item = this is the first item
prompt-required = an answer is required; type ? for guidance
prompt-number = number
prompt-text = text
prompt-target = target { $range }
prompt-enter-skips = Enter to skip
run-no-draft = no draft to resume for template `{ $template }` under `{ $out }`; `opscheck drafts --out { $out }` lists the drafts
run-no-draft-subject = no draft to resume for template `{ $template }` and subject `{ $subject }` under `{ $out }`; `opscheck drafts --out { $out }` lists the drafts
run-template-changed = it was started with another version of `{ $template }` (sha256 { $sha256 }…); restore that template to finish it
run-resuming = resuming `{ $path }`: { $count ->
    [one] 1 answer saved
   *[other] { $count } answers saved
}
run-ask = { $what ->
    [subject] What is inspected (site, team, store)?
   *[inspector] Inspector:
}
run-flag-required = the { $what } is required when answers come from a pipe: add `--{ $what } …`
run-flag-empty = the { $what } cannot be empty
run-input-ended = input ended before the last item
run-interrupted = interrupted
run-progress-saved = progress saved in `{ $path }`
run-resume-with = resume with: { $command }
run-verdict = { $result ->
    [pass] PASS
    [fail] FAIL
   *[other] { $result }
}: { $percent }% ({ $rating }), { $findings ->
    [one] 1 finding
   *[other] { $findings } findings
}, { $critical } critical
run-no-score = nothing was scored

## Terminal mode

term-note-prompt = Note:
term-note-label = Note:
term-action-label = Action:
term-answer-first = answer this item first
term-required = this item is required: it cannot be skipped
term-press-key = press one of the keys shown below
term-typed-help = Enter to answer · `answer # note` adds a note · Esc back · Ctrl-C save and quit
term-typed-help-optional = empty to skip · `answer # note` adds a note · Esc back · Ctrl-C save and quit
term-edit-help = Enter to save · Esc to cancel
term-action-what = What needs to be done?
term-action-owner = Owner:
term-action-due = Due:
term-action-priority = Priority:
term-pass-mark = pass mark { $mark }%
term-failed-count = { $failed ->
    [one] 1 failed item
   *[other] { $failed } failed items
}, { $critical } critical
term-more = … and { $count } more in the report
term-critical = critical
term-optional = optional
term-weight = weight { $weight }
term-current = Current answer:
term-enter-keeps = (Enter keeps it)
term-sign-off = Sign off as:
term-sign-off-help = Enter to sign and write the report · Esc back to the summary
key-yes = yes
key-no = no
key-score = score
key-option = option
key-na = n/a
key-skip = skip
key-guidance = guidance
key-note = note
key-back = back
key-quit = save & quit

## Markdown report

md-result = Result
md-points = Points
md-points-of = { $points } of { $max }
md-critical-failed = Critical items failed: { $items }
md-areas = Areas
md-findings = Findings
md-no-findings = No findings: every scored item got full marks.
md-answer-score = answer: { $answer } (score { $score })
md-note = Note
md-action = Action
md-owner = owner { $owner }
md-due = due { $due }
md-priority = { $priority } priority
md-answers = Answers

## Other commands

drafts-none = no unfinished inspections under `{ $out }`
drafts-started = Started
drafts-answered = Answered
drafts-file = Draft
drafts-unreadable = unreadable
drafts-continue = continue one with: opscheck run --subject SUBJECT --out { $out } --resume
show-scoring = pass mark { $mark }% · item pass { $item_pass } · { $bands }
show-counts = { $sections } sections, { $items } items · sha256 { $sha256 }
show-scale = scale { $min }–{ $max }
show-choice = choice of { $count }
show-when = when { $item } = { $value }
report-foreign = it is not an opscheck report
report-newer = it is a `{ $format }` report, newer than this opscheck reads; upgrade opscheck
report-damaged = it is damaged or truncated ({ $reason })
html-findings = { $count ->
    [one] 1 finding
   *[other] { $count } findings
}
csv-severity = Severity
csv-owner = Owner
csv-due = Due
csv-priority = Priority
verify-unknown-item = the template has no item `{ $item }`
verify-bad-answer = `{ $item }` has the answer `{ $answer }`, which the template does not allow
verify-differs = { $what }: the report says { $stated }, the answers give { $computed }
verify-findings = the findings do not follow from the answers
error-report = cannot read the report `{ $path }`
diff-usage = give two reports, or `--history DIR --subject SUBJECT`
diff-templates = the reports use different templates (`{ $old }` and `{ $new }`); compare inspections of the same checklist
diff-overall = Overall
diff-change = Change
diff-new = New findings
diff-fixed = Fixed
diff-recurring = Recurring
diff-findings = Findings
diff-no-reports = no reports of `{ $subject }` under `{ $dir }`
diff-inspections = { $count ->
    [one] 1 inspection
   *[other] { $count } inspections
}
diff-consecutive = In a row
diff-total = In all
diff-open-findings = Findings of the latest inspection, longest-running first:
summary-skipped = skipped `{ $path }`
explain-overall = { $result }: { $percent }% (pass mark { $mark }%)
explain-below = the overall percent { $percent }% is below the pass mark { $mark }%
explain-critical = the critical item failed: { $item }
explain-passed = every critical item passed and the percent reaches the pass mark { $mark }%
explain-what-if = If one finding were fixed (answered at its best):
explain-gain = Gain
explain-percent-if-fixed = Percent
explain-result-if-fixed = Result
explain-contributions = What each scored item contributes to the overall percent:
explain-points = Points
explain-of = Of
explain-sum = The points add up to { $total }%, the overall percent.
verify-tampered = TAMPERED      { $path }: the digest does not match the content
verify-inconsistent = INCONSISTENT  { $path }: the scores do not follow from the answers
verify-ok = OK            { $path }: digest and scores verified
verify-digest-only = OK (digest)   { $path }: template `{ $template }` with the same sha256 not found, scores not recomputed
summary-versions = note: template `{ $template }` appears in several versions ({ $versions }); they are grouped together
summary-totals = { $count ->
    [one] 1 inspection
   *[other] { $count } inspections
}, mean { $mean }%, pass rate { $pass_rate }
summary-result = Result
summary-rating = Rating
summary-critical = Critical
summary-mean = Mean %
summary-min = Min %
summary-max = Max %
summary-below = Below pass mark
summary-reports = Reports
summary-latest-date = Latest
summary-latest = Latest %
summary-count = Count
summary-month = Month
summary-pass-rate = Pass rate
summary-failed-count = Failed
summary-share = Share
summary-latest-note = Latest note
summary-overdue = Overdue
summary-days = { $days ->
    [one] 1 day
   *[other] { $days } days
}
summary-overdue-total = { $overdue } of { $count } actions overdue on { $today }
summary-empty = no reports match ({ $files } files looked at)
summary-bad-glob = `{ $glob }` is not a valid pattern: { $reason }
new-bad-id = `{ $id }` is not a valid template id: use lowercase letters, digits and `-`, e.g. `store-audit`
new-written = wrote `{ $path }`; check it with `opscheck validate { $path }`
new-title = New inspection checklist
new-header = A starter opscheck template: edit the texts, add your own items, then run
    `opscheck validate` on it. The field reference is in the README; editors that read
    the `#:schema` line above (taplo, Even Better TOML) complete and check the fields.
new-scoring = The inspection passes at pass_mark percent with no critical item failed;
    an item fails below item_pass (0..1); bands name the result, highest first.
new-section = Each [[sections]] is an area of the inspection; weight (default 1) is its
    share of the overall percent.
new-item = Each [[sections.items]] is a question: kind is yes_no, scale, choice, number,
    text or date. guidance is shown on `?`; critical = true fails the whole inspection
    when the item fails; na = false forbids N/A; required = false allows skipping.
list-id = Id
list-title = Title
list-language = Language
list-items = Items
list-version = Version
list-path = Path
list-invalid = (invalid: run opscheck validate)
validate-ok = ok `{ $path }`: { $sections } sections, { $items } items
diff-other-templates = note: { $count ->
    [one] 1 report of another template is
   *[other] { $count } reports of other templates are
} left out; this history follows `{ $template }`, the template of the latest inspection
run-already-reported = this inspection was already reported in `{ $path }`; its draft is removed
