# The improvement loop: corrective actions, waivers, sites and schedules.

## Waiver and sites files

error-register-invalid = `{ $path }` has { $count ->
    [one] 1 error
   *[other] { $count } errors
}
register-date = `{ $value }` is not a date: write it as a TOML date, e.g. 2026-11-30 (no quotes, no time)
register-unknown-template = no template `{ $template }` in checklists/ or built in
register-empty = `{ $key }` must not be empty
register-bad-span = `{ $value }` is not a span: use e.g. 14d, 2w or 1m
waiver-unknown-item = template `{ $template }` has no item `{ $item }`
waiver-unknown-section = template `{ $template }` has no section `{ $section }`
waiver-item-or-section = a waiver names exactly one of `item` or `section`
waiver-item-or-section-help = add `item = "ITEM-ID"` to excuse one item, or `section = "SECTION-ID"` for a whole section
waiver-expires-before-from = the waiver expires on { $expires }, before it starts on { $from }
waiver-from-here = it starts here
site-duplicate = site `{ $subject }` is listed twice
site-first-here = first listed here
site-bad-every = `{ $value }` is not a cadence
site-every-help = write `every = "14d"` (days), `"2w"` (weeks) or `"1m"` (months), or `weekdays = ["mon", "thu"]`
site-bad-weekday = `{ $value }` is not a weekday: use mon, tue, wed, thu, fri, sat or sun
site-no-weekdays = `weekdays` lists no day
site-every-or-weekdays = a schedule has exactly one of `every` or `weekdays`

## actions

actions-skipped = skipped `{ $path }`: { $reason }
actions-unknown-event = `{ $file }` names action `{ $action }`, which no report raised; ignored
actions-not-applied = event `{ $event }` ({ $kind }) does not apply to action `{ $action }`, which is { $status }; ignored
actions-id = ID
actions-status = Status
actions-action = Action
actions-owner = Owner
actions-due = Due
actions-opened = Opened
actions-last-failed = Last failed
actions-event = Event
actions-by = By
actions-note = Note
actions-source = From
action-status-open = open
action-status-overdue = overdue
action-status-reopened = reopened
action-status-done = done
action-status-verified = verified
action-history-opened = opened
action-history-recurred = failed again
actions-unknown-id = no action `{ $id }`; `opscheck actions` lists them
actions-unknown-id-nearest = no action `{ $id }`; did you mean `{ $nearest }`?
actions-already-verified = action `{ $id }` is already verified; reopen it first with `opscheck actions reopen { $id } --note ...`
actions-not-done = action `{ $id }` is { $status }: only a done or verified action can be reopened
actions-by-required = who did it? give `--by NAME` or set OPSCHECK_INSPECTOR
actions-marked-done = action `{ $id }` marked done by { $by }; the next inspection that passes the item verifies it
actions-marked-reopened = action `{ $id }` reopened by { $by }
actions-show-heading = action { $id }: { $text }
    { $subject } · { $template } · { $item }
    status { $status } · owner { $owner } · due { $due }

## waivers

waivers-scope = Item
waivers-section = section
waivers-reason = Reason
waivers-approved-by = Approved by
waivers-from = From
waivers-expires = Expires
waiver-state-active = active
waiver-state-expiring = expiring
waiver-state-expired = expired
waiver-state-pending = not yet in force

## due

due-name = Name
due-region = Region
due-cadence = Every
due-last = Last
due-next = Next due
due-never = never inspected
due-overdue = { $days ->
    [one] overdue by 1 day
   *[other] overdue by { $days } days
}
due-today = due today
due-in = { $days ->
    [one] due in 1 day
   *[other] due in { $days } days
}
due-total = { $late } of { $count } overdue or never inspected on { $today }

## run

run-waived = `{ $scope }` is waived until { $expires }: { $reason } (approved by { $approved_by }); answer it if you like, it is not scored
run-waiver-expired = the waiver for `{ $scope }` expired on { $expires }; it is scored again
run-open-action = open action { $id } from { $opened } on `{ $item }`: { $text }; a failure links to it

## summary --by region / --by tag

rollup-tag = Tag
rollup-sites = Sites
rollup-inspected = Inspected
rollup-passed = Passed
rollup-oldest = Oldest counted
rollup-rule = each site's latest inspection counts, carried forward; the mean is over inspected sites

## validate

validate-register-ok = ok `{ $path }`: { $entries ->
    [one] 1 entry
   *[other] { $entries } entries
}
