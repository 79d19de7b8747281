# opscheck — English text for the last hardening gaps (issue 12): journals, evidence, signatures.

journal-not-regular = it is { $kind ->
    [fifo] a FIFO
    [device] a device
    [socket] a socket
    [symlink] a symbolic link
    [directory] a directory
   *[other] a special file
  }, not a draft that opscheck wrote, so it is not opened: remove it or move it out of `.drafts/`
evidence-not-regular = `{ $path }` is { $kind ->
    [fifo] a FIFO
    [device] a device
    [socket] a socket
    [directory] a directory
   *[other] a special file
  }, not a regular file; only a regular file (or a symbolic link to one) can be attached
verify-evidence-not-regular = is not a regular file (a FIFO, a device or a directory stands at its name)
verify-sig-not-regular = `{ $sig }` is { $kind ->
    [fifo] a FIFO
    [device] a device
    [socket] a socket
    [directory] a directory
   *[other] a special file
  }, not a signature file; opscheck does not open it
verify-sig-too-large = `{ $sig }` is larger than { $limit } KiB, which no SSH signature is; opscheck does not read it
prompt-line-too-long = a line of input is longer than { $limit } MiB: opscheck stops reading here, and the answers so far are saved
