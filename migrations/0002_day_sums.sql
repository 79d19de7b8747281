-- Summaries without reading every report: the reports' figures summed per template,
-- version and day (`report_days`), and their sections' per template, area, day and
-- language (`area_days`), kept by triggers in the transaction that stores or deletes
-- the reports. A summary filtered by dates and template only reads these rows (a few per
-- day); other filters read the reports and sections themselves. The sums of the exact
-- decimal columns are exact, as over the reports.

-- `summary --by subject` finds each subject's latest two inspections by this index.
CREATE INDEX reports_subject_latest
    ON opscheck.reports (template_id, subject, date DESC, finished_at DESC);

CREATE TABLE opscheck.report_days (
    template_id      text NOT NULL,
    template_version text NOT NULL,
    date             date NOT NULL,
    reports          bigint NOT NULL,
    scored           bigint NOT NULL,
    percent_sum      numeric,
    percent_min      double precision,
    percent_max      double precision,
    points_sum       numeric NOT NULL,
    max_points_sum   numeric NOT NULL,
    passes           bigint NOT NULL,
    below            bigint NOT NULL,
    PRIMARY KEY (template_id, template_version, date)
);
CREATE INDEX report_days_date ON opscheck.report_days (date);

-- Adds the given reports' figures (each digest once), in key order, so that concurrent
-- pushers update shared rows in one order and never deadlock.
CREATE FUNCTION opscheck.add_report_days(digests text[]) RETURNS void
LANGUAGE sql SET search_path = opscheck, pg_temp AS $$
    INSERT INTO opscheck.report_days AS a
    SELECT r.template_id, r.template_version, r.date, count(*), count(r.percent),
        sum(r.percent_exact), min(r.percent), max(r.percent), sum(r.points_exact),
        sum(r.max_points_exact), count(*) FILTER (WHERE r.result = 'pass'),
        count(*) FILTER (WHERE r.percent < r.pass_mark)
    FROM unnest(digests) AS d(digest) JOIN opscheck.reports r ON r.digest = d.digest
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (template_id, template_version, date) DO UPDATE SET
        reports = a.reports + excluded.reports,
        scored = a.scored + excluded.scored,
        percent_sum = CASE WHEN a.percent_sum IS NULL THEN excluded.percent_sum
            WHEN excluded.percent_sum IS NULL THEN a.percent_sum
            ELSE a.percent_sum + excluded.percent_sum END,
        percent_min = least(a.percent_min, excluded.percent_min),
        percent_max = greatest(a.percent_max, excluded.percent_max),
        points_sum = a.points_sum + excluded.points_sum,
        max_points_sum = a.max_points_sum + excluded.max_points_sum,
        passes = a.passes + excluded.passes,
        below = a.below + excluded.below;
$$;

-- Only the sections of scored areas (`percent` not null) are counted and summed, as the
-- summary counts them; every section is seen by the paths and titles: the first path
-- (by the "C" collation) orders the areas, the title at the first path is the one the
-- summary shows when that day is the latest, the title at the last path the one it
-- shows for the day's language.

CREATE TABLE opscheck.area_days (
    template_id    text NOT NULL,
    section_id     text NOT NULL,
    date           date NOT NULL,
    language       text NOT NULL,
    scored         bigint NOT NULL,
    percent_sum    numeric,
    percent_min    double precision,
    percent_max    double precision,
    points_sum     numeric,
    max_points_sum numeric,
    passes         bigint NOT NULL,
    below          bigint NOT NULL,
    first_path     text COLLATE "C" NOT NULL,
    first_title    text NOT NULL,
    last_path      text COLLATE "C" NOT NULL,
    last_title     text NOT NULL,
    first_position integer NOT NULL,
    PRIMARY KEY (template_id, section_id, date, language)
);
CREATE INDEX area_days_date ON opscheck.area_days (date);

-- Adds the figures of the given reports' sections (each digest once). In key order, so that concurrent
-- pushers update shared rows in one order and never deadlock.
CREATE FUNCTION opscheck.add_area_days(digests text[]) RETURNS void
LANGUAGE sql SET search_path = opscheck, pg_temp AS $$
    INSERT INTO opscheck.area_days AS a
    SELECT r.template_id, x.section_id, r.date, r.language,
        count(*) FILTER (WHERE x.percent IS NOT NULL),
        sum(x.percent_exact) FILTER (WHERE x.percent IS NOT NULL),
        min(x.percent), max(x.percent),
        sum(x.points_exact) FILTER (WHERE x.percent IS NOT NULL),
        sum(x.max_points_exact) FILTER (WHERE x.percent IS NOT NULL),
        count(*) FILTER (WHERE x.percent >= r.pass_mark),
        count(*) FILTER (WHERE x.percent < r.pass_mark),
        min(r.path COLLATE "C"),
        (array_agg(x.title ORDER BY r.path COLLATE "C", r.digest))[1],
        max(r.path COLLATE "C"),
        (array_agg(x.title ORDER BY r.path COLLATE "C" DESC, r.digest DESC))[1],
        min(x.position)
    FROM unnest(digests) AS d(digest)
    JOIN opscheck.reports r ON r.digest = d.digest
    JOIN opscheck.sections x ON x.digest = d.digest
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (template_id, section_id, date, language) DO UPDATE SET
        scored = a.scored + excluded.scored,
        percent_sum = CASE WHEN a.percent_sum IS NULL THEN excluded.percent_sum
            WHEN excluded.percent_sum IS NULL THEN a.percent_sum
            ELSE a.percent_sum + excluded.percent_sum END,
        percent_min = least(a.percent_min, excluded.percent_min),
        percent_max = greatest(a.percent_max, excluded.percent_max),
        points_sum = CASE WHEN a.points_sum IS NULL THEN excluded.points_sum
            WHEN excluded.points_sum IS NULL THEN a.points_sum
            ELSE a.points_sum + excluded.points_sum END,
        max_points_sum = CASE WHEN a.max_points_sum IS NULL THEN excluded.max_points_sum
            WHEN excluded.max_points_sum IS NULL THEN a.max_points_sum
            ELSE a.max_points_sum + excluded.max_points_sum END,
        passes = a.passes + excluded.passes,
        below = a.below + excluded.below,
        first_path = least(a.first_path, excluded.first_path),
        first_title = CASE WHEN excluded.first_path < a.first_path
            THEN excluded.first_title ELSE a.first_title END,
        last_path = greatest(a.last_path, excluded.last_path),
        last_title = CASE WHEN excluded.last_path > a.last_path
            THEN excluded.last_title ELSE a.last_title END,
        first_position = least(a.first_position, excluded.first_position);
$$;

-- After `ingest` stores reports, and then their sections: their figures are added.
CREATE FUNCTION opscheck.reports_added() RETURNS trigger
LANGUAGE plpgsql SET search_path = opscheck, pg_temp AS $$
BEGIN
    PERFORM opscheck.add_report_days(ARRAY(SELECT digest FROM fresh));
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_added AFTER INSERT ON opscheck.reports
    REFERENCING NEW TABLE AS fresh FOR EACH STATEMENT
    EXECUTE FUNCTION opscheck.reports_added();

CREATE FUNCTION opscheck.sections_added() RETURNS trigger
LANGUAGE plpgsql SET search_path = opscheck, pg_temp AS $$
BEGIN
    PERFORM opscheck.add_area_days(ARRAY(SELECT DISTINCT digest FROM fresh));
    RETURN NULL;
END
$$;
CREATE TRIGGER sections_added AFTER INSERT ON opscheck.sections
    REFERENCING NEW TABLE AS fresh FOR EACH STATEMENT
    EXECUTE FUNCTION opscheck.sections_added();

-- After reports are deleted (by the owner; no role of opscheck's may): the days they
-- were on are summed again from the reports that remain.
CREATE FUNCTION opscheck.reports_deleted() RETURNS trigger
LANGUAGE plpgsql SET search_path = opscheck, pg_temp AS $$
BEGIN
    DELETE FROM opscheck.report_days a
        WHERE (a.template_id, a.template_version, a.date) IN
            (SELECT template_id, template_version, date FROM gone);
    PERFORM opscheck.add_report_days(ARRAY(
        SELECT r.digest FROM opscheck.reports r
        WHERE (r.template_id, r.template_version, r.date) IN
            (SELECT template_id, template_version, date FROM gone)));
    DELETE FROM opscheck.area_days a
        WHERE (a.template_id, a.date, a.language) IN
            (SELECT template_id, date, language FROM gone);
    PERFORM opscheck.add_area_days(ARRAY(
        SELECT r.digest FROM opscheck.reports r
        WHERE (r.template_id, r.date, r.language) IN
            (SELECT template_id, date, language FROM gone)));
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_deleted AFTER DELETE ON opscheck.reports
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
    EXECUTE FUNCTION opscheck.reports_deleted();

-- After the owner empties the reports (`TRUNCATE ... CASCADE`): nothing is summed.
CREATE FUNCTION opscheck.reports_emptied() RETURNS trigger
LANGUAGE plpgsql SET search_path = opscheck, pg_temp AS $$
BEGIN
    TRUNCATE opscheck.report_days, opscheck.area_days;
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_emptied AFTER TRUNCATE ON opscheck.reports
    FOR EACH STATEMENT EXECUTE FUNCTION opscheck.reports_emptied();

-- The reports stored before this migration.
SELECT opscheck.add_report_days(ARRAY(SELECT digest FROM opscheck.reports));
SELECT opscheck.add_area_days(ARRAY(SELECT digest FROM opscheck.reports));

-- A store whose roles were made before this migration: managers read the new tables.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'opscheck_manager') THEN
        GRANT SELECT ON opscheck.report_days, opscheck.area_days TO opscheck_manager;
    END IF;
END
$$;
