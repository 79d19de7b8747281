## Issue 10: the run records what the inspector meant

answer-invalid-for-item = `{ $answer }` is not an answer item `{ $item }` can have
answer-hidden = hidden
journal-unknown-item = the template has no item `{ $item }`
journal-required-skipped = the required item `{ $item }` cannot be skipped
draft-dir-not-a-directory = it must be a real directory, not a symlink or a file: remove it, and opscheck creates it again
prompt-action-removed = the answer no longer fails: its corrective action ({ $action }) is removed
prompt-action-not-failed = a corrective action belongs to a failed answer: this one passes, so none is recorded
run-no-draft-id = no draft with id `{ $id }` under `{ $out }`; `opscheck drafts --out { $out }` lists the drafts and their ids
run-draft-exists-id = note: an unfinished inspection of `{ $subject }` is saved in `{ $path }` (id { $id }); it is kept, and `--resume { $id }` continues it
run-journal-line-rejected = `{ $path }` line { $line } does not fit the template; the answers before it are kept, and the rest is saved beside it as `.rejected`
run-hidden-answer = warning: `{ $item }` has an answer but its condition does not hold; the answer is kept, marked hidden, and counts nowhere
term-failed-banner = ✗ Failed: { $item }
term-action-needs-failure = a corrective action belongs to a failed answer; this item has none
term-ask-help = Enter to confirm · Esc or Ctrl-C to stop
key-sign = sign off
key-action = action
key-action-previous = action for it
key-note-previous = note for it
key-first-open = first unanswered
drafts-id = Id
check-weight-limit = weight { $value } is above the limit of { $limit }
prompt-fail-needs = this failed answer needs { $needs ->
    [note] a note: `ANSWER # NOTE`
    [action] a corrective action: `ANSWER ! ACTION | OWNER | DUE | PRIORITY`
   *[other] a note and a corrective action: `ANSWER # NOTE ! ACTION`
} (the template asks for it)
answers-fail-needs = `{ $item }` fails, and the template asks for its `{ $key }`: add `{ $key } = …`
run-resume-which = { $count ->
    [one] An unfinished inspection of `{ $subject }` is saved. Continue it?
   *[other] { $count } unfinished inspections of `{ $subject }` are saved. Which one do you continue?
}
run-resume-option = { $id } · started { $started } · { $count ->
    [one] 1 answer
   *[other] { $count } answers
}
term-choose-help = a digit (or Enter for the first) continues it · n starts a new inspection · Ctrl-C stops
