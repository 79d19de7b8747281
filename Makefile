# `make ci` is exactly what CI runs (.ci/run).
.PHONY: ci test schema

ci:
	bash .ci/run

test:
	cargo test --locked

# Regenerate the committed JSON Schema after changing src/template/file.rs.
schema:
	cargo run --quiet --locked -- schema > checklists/schema.json
