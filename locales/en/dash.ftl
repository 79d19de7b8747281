# Issue 15 parts 3 and 4: integrations and the dashboard.

validate-rule-help = run `opscheck validate FILE` to see the problem under its source line; `opscheck schema` describes the template format
html-no-score = no score
man-exists = `{ $path }` exists; `man --out` never writes over a page: remove it or choose another directory
man-unknown = no command `{ $name }`; pages exist for: { $names }
