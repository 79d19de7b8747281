-- The two roles of the team store (printed by `opscheck db roles`, created by
-- `opscheck db migrate --roles`). They cannot log in: make a login role per person and
-- grant one of them, e.g.
--   CREATE ROLE ann LOGIN PASSWORD '…' IN ROLE opscheck_inspector;
--   CREATE ROLE max LOGIN PASSWORD '…' IN ROLE opscheck_manager;
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opscheck_inspector') THEN
        CREATE ROLE opscheck_inspector NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opscheck_manager') THEN
        CREATE ROLE opscheck_manager NOLOGIN;
    END IF;
END
$$;

-- Inspectors push: they write batches into staging and call ingest, which stores what
-- is new and tells them only how many rows were. No SELECT, UPDATE or DELETE on anything
-- stored; the schema version is all they read.
GRANT USAGE ON SCHEMA opscheck TO opscheck_inspector;
GRANT SELECT ON opscheck.schema_migrations TO opscheck_inspector;
GRANT INSERT ON opscheck.staging, opscheck.staging_sections, opscheck.staging_files TO opscheck_inspector;
GRANT EXECUTE ON FUNCTION opscheck.ingest(text) TO opscheck_inspector;

-- Managers (and BI tools) read everything stored, and write nothing.
GRANT USAGE ON SCHEMA opscheck TO opscheck_manager;
GRANT SELECT ON opscheck.schema_migrations, opscheck.reports, opscheck.sections,
    opscheck.answers, opscheck.findings, opscheck.action_events, opscheck.waivers,
    opscheck.sites, opscheck.report_days, opscheck.area_days TO opscheck_manager;
