-- The team store: reports (head columns, the JSON as jsonb, the exact file bytes),
-- their sections, answers and findings, action events, waivers and sites registers.
-- Everything lives in the schema `opscheck`; `opscheck db migrate` applies this file
-- once and records it in opscheck.schema_migrations.

CREATE TABLE opscheck.reports (
    digest           text PRIMARY KEY,
    path             text NOT NULL,
    template_id      text NOT NULL,
    template_version text NOT NULL,
    template_sha256  text NOT NULL,
    language         text NOT NULL,
    subject          text NOT NULL,
    inspector        text NOT NULL,
    date             date NOT NULL,
    finished_at      timestamptz NOT NULL,
    percent          double precision,
    points           double precision NOT NULL,
    max_points       double precision NOT NULL,
    pass_mark        double precision NOT NULL,
    result           text NOT NULL,
    -- The exact decimal values of the three doubles above: their SQL sums are exact,
    -- so averages come out to the same bits as `summary` over the files.
    percent_exact    numeric,
    points_exact     numeric NOT NULL,
    max_points_exact numeric NOT NULL,
    -- The report before its answers: what the summary views read.
    head             bytea NOT NULL,
    body             jsonb NOT NULL,
    bytes            bytea NOT NULL,
    pushed_at        timestamptz NOT NULL DEFAULT now(),
    pushed_by        text NOT NULL DEFAULT session_user
);
CREATE INDEX reports_template_date ON opscheck.reports (template_id, date);
CREATE INDEX reports_date ON opscheck.reports (date);
CREATE INDEX reports_subject ON opscheck.reports (subject);
CREATE INDEX reports_inspector ON opscheck.reports (inspector);
CREATE INDEX reports_result ON opscheck.reports (result);
CREATE INDEX reports_path ON opscheck.reports (path);

CREATE TABLE opscheck.sections (
    digest      text NOT NULL REFERENCES opscheck.reports ON DELETE CASCADE,
    position    integer NOT NULL,
    section_id  text NOT NULL,
    title       text NOT NULL,
    weight      double precision NOT NULL,
    percent     double precision,
    points      double precision NOT NULL,
    max_points  double precision NOT NULL,
    percent_exact    numeric,
    points_exact     numeric NOT NULL,
    max_points_exact numeric NOT NULL,
    PRIMARY KEY (digest, position)
);

CREATE TABLE opscheck.answers (
    digest    text NOT NULL REFERENCES opscheck.reports ON DELETE CASCADE,
    position  integer NOT NULL,
    item      text NOT NULL,
    section   text,
    answer    jsonb NOT NULL,
    PRIMARY KEY (digest, position)
);

CREATE TABLE opscheck.findings (
    digest    text NOT NULL REFERENCES opscheck.reports ON DELETE CASCADE,
    position  integer NOT NULL,
    item      text NOT NULL,
    finding   jsonb NOT NULL,
    PRIMARY KEY (digest, position)
);
CREATE INDEX findings_item ON opscheck.findings (item);
CREATE INDEX sections_section ON opscheck.sections (section_id);

-- Action events, waivers and sites files, each by the sha256 of its bytes.
CREATE TABLE opscheck.action_events (
    sha256     text PRIMARY KEY,
    path       text NOT NULL,
    event      jsonb NOT NULL,
    bytes      bytea NOT NULL,
    pushed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE opscheck.waivers (
    sha256     text PRIMARY KEY,
    path       text NOT NULL,
    bytes      bytea NOT NULL,
    pushed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE opscheck.sites (
    sha256     text PRIMARY KEY,
    path       text NOT NULL,
    bytes      bytea NOT NULL,
    pushed_at  timestamptz NOT NULL DEFAULT now()
);

-- Where `push` copies a batch before `ingest` moves it, in the same transaction: rows
-- here never outlive the transaction that wrote them.
CREATE UNLOGGED TABLE opscheck.staging (
    batch            text NOT NULL,
    digest           text NOT NULL,
    path             text NOT NULL,
    template_id      text NOT NULL,
    template_version text NOT NULL,
    template_sha256  text NOT NULL,
    language         text NOT NULL,
    subject          text NOT NULL,
    inspector        text NOT NULL,
    date             date NOT NULL,
    finished_at      timestamptz NOT NULL,
    percent          double precision,
    points           double precision NOT NULL,
    max_points       double precision NOT NULL,
    pass_mark        double precision NOT NULL,
    result           text NOT NULL,
    percent_exact    text,
    points_exact     text NOT NULL,
    max_points_exact text NOT NULL,
    head             bytea NOT NULL,
    bytes            bytea NOT NULL
);
CREATE INDEX staging_batch ON opscheck.staging (batch);

CREATE UNLOGGED TABLE opscheck.staging_sections (
    batch            text NOT NULL,
    digest           text NOT NULL,
    position         integer NOT NULL,
    section_id       text NOT NULL,
    title            text NOT NULL,
    weight           double precision NOT NULL,
    percent          double precision,
    points           double precision NOT NULL,
    max_points       double precision NOT NULL,
    percent_exact    text,
    points_exact     text NOT NULL,
    max_points_exact text NOT NULL
);
CREATE INDEX staging_sections_batch ON opscheck.staging_sections (batch, digest);

CREATE UNLOGGED TABLE opscheck.staging_files (
    batch   text NOT NULL,
    kind    text NOT NULL,
    sha256  text NOT NULL,
    path    text NOT NULL,
    bytes   bytea NOT NULL
);

-- Moves one batch from staging into the tables; a digest already stored is left as it
-- is. Runs as the owner, so that a pusher needs no SELECT on what others pushed: it
-- learns only how many of its rows were new.
CREATE FUNCTION opscheck.ingest(batch_id text, OUT pushed bigint, OUT present bigint,
                                OUT files bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = opscheck, pg_temp
-- The staging tables are empty between transactions, so their statistics say nothing:
-- every statement is planned for the batch at hand.
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    staged bigint;
    fresh text[];
BEGIN
    SELECT count(*) INTO staged FROM opscheck.staging s WHERE s.batch = batch_id;
    -- In digest order, so that concurrent pushers of overlapping batches wait for each
    -- other in one order and never deadlock.
    WITH inserted AS (
        INSERT INTO opscheck.reports (digest, path, template_id, template_version,
            template_sha256, language, subject, inspector, date, finished_at, percent,
            points, max_points, pass_mark, result, percent_exact, points_exact,
            max_points_exact, head, body, bytes)
        SELECT DISTINCT ON (s.digest) s.digest, s.path, s.template_id, s.template_version,
            s.template_sha256, s.language, s.subject, s.inspector, s.date, s.finished_at,
            s.percent, s.points, s.max_points, s.pass_mark, s.result,
            s.percent_exact::numeric, s.points_exact::numeric, s.max_points_exact::numeric,
            s.head, convert_from(s.bytes, 'UTF8')::jsonb, s.bytes
        FROM opscheck.staging s WHERE s.batch = batch_id
        ORDER BY s.digest, s.path
        ON CONFLICT (digest) DO NOTHING
        RETURNING digest
    )
    SELECT coalesce(array_agg(digest), '{}') INTO fresh FROM inserted;
    pushed := cardinality(fresh);
    present := staged - pushed;

    INSERT INTO opscheck.sections
    SELECT DISTINCT ON (x.digest, x.position) x.digest, x.position, x.section_id, x.title,
        x.weight, x.percent, x.points, x.max_points, x.percent_exact::numeric,
        x.points_exact::numeric, x.max_points_exact::numeric
    FROM opscheck.staging_sections x
    WHERE x.batch = batch_id AND x.digest = ANY (fresh)
    ORDER BY x.digest, x.position;
    INSERT INTO opscheck.answers
    SELECT r.digest, (e.n - 1)::integer, e.v->>'item', e.v->>'section', e.v
    FROM opscheck.reports r, jsonb_array_elements(r.body->'answers') WITH ORDINALITY AS e(v, n)
    WHERE r.digest = ANY (fresh);
    INSERT INTO opscheck.findings
    SELECT r.digest, (e.n - 1)::integer, e.v->>'item', e.v
    FROM opscheck.reports r, jsonb_array_elements(r.body->'findings') WITH ORDINALITY AS e(v, n)
    WHERE r.digest = ANY (fresh);
    DELETE FROM opscheck.staging s WHERE s.batch = batch_id;
    DELETE FROM opscheck.staging_sections x WHERE x.batch = batch_id;

    files := 0;
    WITH ev AS (
        INSERT INTO opscheck.action_events (sha256, path, event, bytes)
        SELECT DISTINCT ON (f.sha256) f.sha256, f.path, convert_from(f.bytes, 'UTF8')::jsonb, f.bytes
        FROM opscheck.staging_files f WHERE f.batch = batch_id AND f.kind = 'event'
        ORDER BY f.sha256, f.path
        ON CONFLICT (sha256) DO NOTHING RETURNING 1
    ) SELECT files + count(*) INTO files FROM ev;
    WITH w AS (
        INSERT INTO opscheck.waivers (sha256, path, bytes)
        SELECT DISTINCT ON (f.sha256) f.sha256, f.path, f.bytes
        FROM opscheck.staging_files f WHERE f.batch = batch_id AND f.kind = 'waivers'
        ORDER BY f.sha256, f.path
        ON CONFLICT (sha256) DO NOTHING RETURNING 1
    ) SELECT files + count(*) INTO files FROM w;
    WITH si AS (
        INSERT INTO opscheck.sites (sha256, path, bytes)
        SELECT DISTINCT ON (f.sha256) f.sha256, f.path, f.bytes
        FROM opscheck.staging_files f WHERE f.batch = batch_id AND f.kind = 'sites'
        ORDER BY f.sha256, f.path
        ON CONFLICT (sha256) DO NOTHING RETURNING 1
    ) SELECT files + count(*) INTO files FROM si;
    DELETE FROM opscheck.staging_files f WHERE f.batch = batch_id;
END
$$;

-- Only the roles that `opscheck db roles` grants it to may call ingest.
REVOKE ALL ON FUNCTION opscheck.ingest(text) FROM PUBLIC;
