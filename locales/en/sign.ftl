# Signatures (issue 16): `sign`, `verify --allowed-signers`, `summary --signed`.

signers-no-principal = the line names no principal
signers-bad-key = the key cannot be read ({ $reason }); write `PRINCIPAL [namespaces="opscheck"] ssh-ed25519 AAAA…`
signers-cert-authority = `cert-authority` lines are not supported: list the signers' own keys
signers-bad-option = unknown option `{ $option }`; known: namespaces="…", valid-after=…, valid-before=…
signers-bad-time = `{ $value }` is not a time: write YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, with Z for UTC
signers-invalid = the allowed signers file `{ $path }` has { $count ->
    [one] a line
   *[other] { $count } lines
} that cannot be read; nothing was verified

sign-failed = cannot sign `{ $path }`: { $reason }
sign-key-not-in-agent = `{ $key }` is a public key, and ssh-agent does not hold its private key: run `ssh-add` for it, or give the private key file
sign-key-unreadable = `{ $key }` is not an OpenSSH key ({ $reason }); a PEM or PKCS#8 key can be converted with `ssh-keygen -p -f KEY`
sign-passphrase = Passphrase for { $key }:
sign-passphrase-line-mode = `{ $key }` is protected by a passphrase, which is asked only in a terminal: add the key to ssh-agent (`ssh-add { $key }`), or sign in a terminal
sign-passphrase-none = no passphrase given for `{ $key }`; nothing was signed
sign-passphrase-wrong = wrong passphrase for `{ $key }`; nothing was signed
sign-tampered = `{ $path }` was edited after it was written (its digest does not match): it is not signed
sign-exists = `{ $path }` already exists; a signature is never overwritten (remove it first to sign again)
sign-reviewer-is-inspector = `{ $path }` is signed by the inspector with this key: a reviewer signs with their own key

verify-signed = SIGNED        { $path }: { $role ->
    [reviewer] reviewer
   *[inspector] inspector
} { $principal } (key { $fingerprint })
verify-unsigned = UNSIGNED      { $path }: no signature (`{ $sig }`)
verify-bad-signature = BAD SIGNATURE { $path }
verify-principal-differs = `{ $path }` is signed by `{ $principal }`, but its inspector is `{ $inspector }`
verify-reviewer-is-inspector = `{ $path }` is reviewed with the inspector's own key
verify-sig-edited = the report changed after it was signed: `{ $sig }` does not match it, and neither does its digest
verify-sig-swapped = `{ $sig }` is the signature of `{ $other }`, not of this report
verify-sig-mismatch = `{ $sig }` does not match the report's bytes: the report was changed after signing (and its digest recomputed), or the signature is another file's
verify-sig-unknown-key = `{ $sig }` is valid, but its key { $fingerprint } is not in `{ $signers }`
verify-sig-other-namespace = the key { $fingerprint } of `{ $principal }` is not allowed the `opscheck` namespace in `{ $signers }`
verify-sig-not-valid-now = the key { $fingerprint } of `{ $principal }` is outside its valid-after/valid-before dates in `{ $signers }`
verify-sig-damaged = `{ $sig }` is not an SSH signature ({ $reason })
verify-sig-wrong-namespace = `{ $sig }` was made for `{ $namespace }`, not for opscheck (sign with `-n opscheck`)
verify-sig-unreadable = cannot read `{ $sig }` ({ $reason })
verify-sig-symlink = `{ $sig }` is a symbolic link; a signature must be a file beside its report

# Evidence: files attached to answers.

evidence-unreadable = cannot read `{ $path }` ({ $reason })
evidence-too-big = `{ $path }` is larger than { $limit } MiB, the most one evidence file may be
evidence-report-full = `{ $path }` would take this report's evidence past { $limit } MiB, the most one report may carry
evidence-write = cannot store evidence in `{ $path }` ({ $reason })
evidence-dir-symlink = `{ $path }` is a symbolic link or not a folder; evidence is never written through one
answers-evidence-list = `evidence` is a list of file paths, relative to the answers file
answers-evidence = cannot attach this file to `{ $item }`
verify-evidence = TAMPERED      { $path }: evidence `{ $file }` (`{ $name }`, item `{ $item }`)
verify-evidence-path = its path is not `evidence/` followed by its own SHA-256
verify-evidence-missing = is missing
verify-evidence-changed = has changed: its SHA-256 or size differs from the report's
verify-evidence-symlink = is a symbolic link, not the stored file
evidence-attached = attached `{ $name }` ({ $media_type }, { $size } bytes) to `{ $item }`
evidence-not-offered = files cannot be attached here
evidence-prompt = Attach file:
evidence-no-path = no file given; nothing attached
key-file = attach file
md-signed = { $role ->
    [reviewer] Reviewed and signed by
   *[inspector] Signed by
}
