# opscheck — English text for reading limits, file types and text safety (issue 12).

error-not-a-file = `{ $path }` is { $kind ->
    [fifo] a FIFO
    [device] a device
    [socket] a socket
    [symlink] a symbolic link
    [directory] a directory
   *[other] a special file
  }, not a regular file: name a file
error-too-large = `{ $path }` is larger than the limit of { $limit } MiB; opscheck does not read it
error-not-utf8 = `{ $path }` is not valid UTF-8 after byte { $at }: save it as UTF-8
error-special-filesystem = `{ $path }` is on a special filesystem (/proc, /sys or /dev), which opscheck does not walk: name a directory of reports
error-report-too-large = the report would be { $size } MiB, over the limit of { $limit } MiB that every command reads; nothing was written and the answers are kept in the draft
run-hidden-character = the { $what ->
    [subject] subject
   *[inspector] inspector
  } `{ $text }` contains an invisible or control character ({ $character }); it is removed: `{ $kept }`
summary-more-skipped = … and { $count } more skipped (`--verbose` lists them all)
verify-unknown-fields = INVALID       { $path }: fields that a report does not have, which the digest does not cover
verify-unknown-field = unknown field `{ $field }`
verify-not-canonical = INVALID       { $path }: line { $line } is not as `opscheck run` writes it (a reformatted file, a number written differently); only the exact bytes verify
check-unlisted = … and { $count } more unknown keys
validate-more-problems = … and { $count } more problems in `{ $path }` (only the first { $listed } are listed)
check-too-many-values = the template holds more than { $limit } values (keys, array elements, tables); opscheck stops reading here
check-too-many-values-help = a template of 100,000 items needs about 600,000; split the checklist into several templates
check-too-many-items = the template has { $count } items, more than the limit of { $limit }
check-too-many-items-help = split the checklist into several templates: the report of a larger one could pass the report size limit
journal-too-large = the draft is larger than the limit of { $limit } MiB
