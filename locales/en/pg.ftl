# The team store (PostgreSQL): push, db, summary --db.
db-bad-url = the database URL cannot be read: { $reason }; write it as `postgresql://USER@HOST:PORT/DATABASE` or `host=HOST user=USER dbname=DATABASE`
db-tls-mode = `sslmode={ $mode }` is not a TLS mode: use disable, prefer, require, verify-ca or verify-full
db-tls-no-ca = `sslmode={ $mode }` needs the CA certificate: add `sslrootcert=CA.pem` to the URL, or set PGSSLROOTCERT
db-tls-ca = cannot use the CA certificate `{ $path }`: { $reason }
db-tls-failed = the TLS connection to { $server } failed: { $reason }
db-unreachable = cannot reach the database server at { $server }: { $reason }; is it running, and is the host and port right? Nothing was changed; run the command again when it is up
db-auth-failed = the database server at { $server } refused user `{ $user }`: check the password (in the URL, PGPASSWORD or ~/.pgpass) and that the user may connect
db-no-database = the database `{ $database }` does not exist on { $server }: create it (`createdb { $database }`), then run `opscheck db migrate`
db-not-allowed = user `{ $user }` may not do this on { $server }: pushing needs the opscheck_inspector role, reading needs opscheck_manager (see `opscheck db roles`)
db-server-said = the server said: { $reason }
db-connection-lost = the connection to { $server } was lost (the server stopped or restarted)
db-failed = the database server at { $server } failed
db-schema-newer = the store on { $server } has schema version { $version }, newer than this opscheck knows ({ $supported }): upgrade opscheck
db-schema-older = the store on { $server } has schema version { $version }, and this opscheck needs { $supported }: run `opscheck db migrate`
db-up-to-date = the store on { $server } is up to date (schema version { $version })
db-migrated = applied { $migrations } on { $server } (schema version { $version })
db-roles-created = roles opscheck_inspector (push only) and opscheck_manager (read only) are in place; grant them to login roles, e.g. `GRANT opscheck_inspector TO ann`
push-refused = refused `{ $path }`
push-tampered = its digest does not match its content (changed after it was written)
push-no-digest = it has no digest: only reports written by `opscheck run` can be pushed
push-unknown-fields = it has fields that `opscheck run` does not write
push-inconsistent = its scores do not follow from its answers
push-again = the push stopped: { $pushed } reports were stored and { $present } were there already before it; the batch in progress was rolled back, so push again to store the rest
push-summary = pushed { $pushed }, already there { $present }, refused { $refused } ({ $files } other files stored) on { $server }
summary-db-signed = signatures are not kept in the team store: run `--signed` and `--reviewed` over the report files
dash-from-store = the team store on { $server }
push-progress-unit = reports
