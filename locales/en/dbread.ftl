# Single reports read from the team store: report, diff, explain, verify --db.
db-report-reference = `{ $reference }` names no report in the team store: give its digest (`sha256:…`, or its first { $digits } hex digits or more) or its subject and date as `SUBJECT@YYYY-MM-DD`
db-report-unknown = no report in the team store has the digest `{ $digest }`: name it by subject and date instead (`opscheck summary --db` lists every inspection with both), or push it first (`opscheck push`)
db-report-ambiguous = { $count ->
    [11] more than 10 reports
   *[other] { $count } reports
} in the team store have digests that start with `{ $prefix }`: give more hex digits
  { $listed }
db-report-no-subject = the team store has no report of `{ $subject }`: check the spelling (`opscheck summary --db --by subject` lists the subjects)
db-report-no-day = the team store has no report of `{ $subject }` on { $date }; its latest inspections are on { $dates }
db-report-latest = note: { $count } reports of that subject on that day; using the latest, `{ $digest }` (the others: { $others })
db-no-signatures = the team store keeps no signatures (`.sig` files are not pushed): check them over the files, `opscheck verify REPORT.json --allowed-signers FILE`
db-history-dir = with `--db`, `--history` walks the team store and takes no DIR: drop `{ $dir }`, or drop `--db` to walk the folder
db-diff-no-reports = the team store has no report of `{ $subject }`
db-verify-evidence = NOT CHECKED   { $path }: { $count ->
    [one] its attached evidence file is
   *[other] its { $count } attached evidence files are
} not in the team store; verify { $count ->
    [one] it
   *[other] them
} over the folder that was pushed
