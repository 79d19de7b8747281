# What stopped a command, and why an I/O operation failed.

error-stdout = cannot write the output
error-stderr = cannot write messages to stderr
error-terminal = the terminal cannot be used; the answers so far are kept in the draft
error-input = cannot read the answers from standard input; the answers so far are kept in the draft
error-workbook = the workbook cannot be written ({ $reason })
error-draft-names-taken = every draft name in `{ $path }` is taken: finish or remove some of the drafts there (`opscheck drafts`)
error-report-names-taken = every report name for this inspection in `{ $path }` is taken: move older reports away

io-not-found = no such file or directory
io-permission-denied = permission denied
io-already-exists = it already exists
io-broken-pipe = the reader went away (broken pipe)
io-storage-full = the disk is full
io-read-only = the filesystem is read-only
io-is-a-directory = it is a directory
io-not-a-directory = a part of the path is not a directory
io-invalid-data = the data is not valid
io-unexpected-eof = it ended too early
io-interrupted = interrupted
io-busy = it is busy; try again
io-quota = the disk quota is exceeded
io-file-too-large = the file is too large for the filesystem
io-other = { $reason }
