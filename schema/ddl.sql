-- lkip DuckDB schema. This is the documented interface users query (README "Schema").
-- Bump SCHEMA_VERSION in schema/store.py when a table or view changes.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- One row per distinct file content (SHA-256). A failed file still gets a row.
CREATE TABLE IF NOT EXISTS reports (
    report_id      VARCHAR PRIMARY KEY,   -- first 16 hex digits of file_sha256
    source_path    VARCHAR NOT NULL,      -- the path it was first/last ingested from
    file_sha256    VARCHAR NOT NULL UNIQUE,
    file_type      VARCHAR,               -- pdf | text
    file_size      BIGINT,
    pages          INTEGER,               -- PDF pages (NULL for text)
    satker         VARCHAR,               -- office as the report names itself
    level          VARCHAR,               -- pusat | provinsi | kabupaten | kota
    province       VARCHAR,
    regency        VARCHAR,               -- kabupaten/kota name, NULL for a provincial office
    year           INTEGER,               -- the reported year
    status         VARCHAR NOT NULL,      -- ok | partial | failed
    error          VARCHAR,               -- what went wrong (failed/partial)
    parser_version VARCHAR NOT NULL,
    ingested_at    TIMESTAMP NOT NULL,
    seconds        DOUBLE                 -- extraction time
);

-- Why a failed report failed: 'run' (timeout, crashed or killed worker, missing dependency),
-- retried by the next ingest, or 'file' (the file itself), retried only with --retry-failed.
-- Additive (CREATE IF NOT EXISTS adds it to older files of this schema version).
CREATE TABLE IF NOT EXISTS report_failures (
    report_id VARCHAR PRIMARY KEY,
    cause     VARCHAR NOT NULL            -- run | file
);

-- Every path a report's content was seen at (two copies of one file: one report, two paths).
CREATE TABLE IF NOT EXISTS report_files (
    path      VARCHAR PRIMARY KEY,
    report_id VARCHAR NOT NULL,
    seen_at   TIMESTAMP NOT NULL
);

-- Where each metadata field came from.
CREATE TABLE IF NOT EXISTS report_meta_evidence (
    report_id   VARCHAR NOT NULL,
    field       VARCHAR NOT NULL,
    page        INTEGER,
    line        INTEGER,
    source_text VARCHAR
);

-- One row per Perjanjian Kinerja indicator.
CREATE TABLE IF NOT EXISTS pk_targets (
    report_id      VARCHAR NOT NULL,
    row_no         INTEGER NOT NULL,
    sasaran        VARCHAR,
    indicator_text VARCHAR NOT NULL,
    indicator_code VARCHAR,               -- catalogue code; NULL when not matched
    match_score    DOUBLE,
    target_value   DOUBLE,
    target_text    VARCHAR,
    target_unit    VARCHAR,
    number_rule    VARCHAR,               -- how the figure's separators were read
    page           INTEGER,               -- 1-based PDF page
    line           INTEGER,               -- 1-based line of a text file
    method         VARCHAR,               -- e.g. text:raw_lines, pdf:pdfium_ruled, pdf:pdfium_layout, ocr:tesseract
    bbox           DOUBLE[]               -- x0, top, x1, bottom in PDF points
);

-- Rows of other offices' PKs attached to a report (a provincial LKIP attaching its BNNKs' or its
-- Bagian Umum's signed PKs): each PK belongs to the office that signs it as PIHAK PERTAMA, so these
-- never count as the report's own PK. Same columns as pk_targets, plus that office.
CREATE TABLE IF NOT EXISTS attached_pk_targets (
    report_id      VARCHAR NOT NULL,
    row_no         INTEGER NOT NULL,
    sasaran        VARCHAR,
    indicator_text VARCHAR NOT NULL,
    indicator_code VARCHAR,
    match_score    DOUBLE,
    target_value   DOUBLE,
    target_text    VARCHAR,
    target_unit    VARCHAR,
    number_rule    VARCHAR,
    page           INTEGER,
    line           INTEGER,
    method         VARCHAR,
    bbox           DOUBLE[],
    office         VARCHAR NOT NULL       -- the PIHAK PERTAMA's position as printed ("Kepala BNN Kabupaten X")
);

-- Every LKIP-shaped table found in a report, in document order, with what it is used for and why:
-- use = pk (the report's own PK) | other_office_pk (kept apart, attached_pk_targets) | capaian_main
-- (feeds results) | capaian_indicator (feeds results where the main table has no row) | not_used.
CREATE TABLE IF NOT EXISTS report_tables (
    report_id VARCHAR NOT NULL,
    table_no  INTEGER NOT NULL,           -- 1-based, document order
    kind      VARCHAR NOT NULL,           -- what its header reads as: pk | capaian | renstra | rkt_funding |
                                          -- per_office | multi_year | pk_list (a PK written as a list)
    title     VARCHAR,                    -- the title or caption above it, as read
    page      INTEGER,
    line      INTEGER,
    rows      INTEGER,                    -- its data rows
    use       VARCHAR NOT NULL,
    reason    VARCHAR NOT NULL
);

-- Achievement rows: BAB III summary table, per-indicator tables, executive summary.
CREATE TABLE IF NOT EXISTS capaian (
    report_id       VARCHAR NOT NULL,
    source_kind     VARCHAR NOT NULL,     -- main_table | indicator_table | executive_summary
    row_no          INTEGER NOT NULL,
    table_no        INTEGER,
    indicator_text  VARCHAR NOT NULL,
    indicator_code  VARCHAR,
    match_score     DOUBLE,
    target_value    DOUBLE,
    target_text     VARCHAR,
    realisasi_value DOUBLE,
    realisasi_text  VARCHAR,
    stated_pct      DOUBLE,               -- the percentage the report states
    pct_text        VARCHAR,
    computed_pct    DOUBLE,               -- realisasi / target * 100
    unit            VARCHAR,
    page            INTEGER,
    line            INTEGER,
    method          VARCHAR,
    bbox            DOUBLE[],
    indicator_key   VARCHAR               -- the code, else 'text:' + the normalised text: one results row per key
);
ALTER TABLE capaian ADD COLUMN IF NOT EXISTS indicator_key VARCHAR;  -- schema 1-2 files

-- The office's own budget.
CREATE TABLE IF NOT EXISTS budget (
    report_id    VARCHAR NOT NULL,
    pagu         DOUBLE,
    realisasi    DOUBLE,
    stated_pct   DOUBLE,
    computed_pct DOUBLE,
    page         INTEGER,
    line         INTEGER,
    source_text  VARCHAR
);

-- Consistency problems, each with its evidence.
CREATE TABLE IF NOT EXISTS flags (
    report_id      VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,      -- pct_mismatch | summary_vs_table | pk_vs_capaian_target |
                                          -- count_claim | budget_arithmetic | missing_table | unmatched_indicator
    severity       VARCHAR NOT NULL,      -- error | warning | info
    indicator_code VARCHAR,
    message        VARCHAR NOT NULL,
    expected       VARCHAR,
    found          VARCHAR,
    page           INTEGER,
    line           INTEGER,
    evidence       VARCHAR,
    indicator_key  VARCHAR                -- the flagged capaian row's indicator_key, when one row is flagged
);
ALTER TABLE flags ADD COLUMN IF NOT EXISTS indicator_key VARCHAR;  -- schema 1-2 files

-- The catalogue in use.
CREATE TABLE IF NOT EXISTS indicators (
    code      VARCHAR PRIMARY KEY,
    name      VARCHAR NOT NULL,
    bidang    VARCHAR,
    measure   VARCHAR,                    -- count | index | percent | value
    direction VARCHAR,                    -- higher_is_better | lower_is_better
    unit      VARCHAR
);

CREATE TABLE IF NOT EXISTS indicator_aliases (
    alias  VARCHAR PRIMARY KEY,
    code   VARCHAR NOT NULL,
    source VARCHAR NOT NULL               -- catalogue | user
);

-- Indicator texts that did not match the catalogue well enough to be coded.
CREATE TABLE IF NOT EXISTS review_queue (
    report_id      VARCHAR NOT NULL,
    indicator_text VARCHAR NOT NULL,
    best_code      VARCHAR,
    best_score     DOUBLE,
    candidates     VARCHAR                -- JSON: [{"code": ..., "score": ...}, ...] best first
);

-- People's reviews of flags. Not keyed by report_id, so they outlive a re-ingest: a review
-- holds the flag's FLAG_ID (view flag_list; the same file gives the same ids) and its
-- match_key (the flag without file and places), which finds it again in a changed file.
CREATE TABLE IF NOT EXISTS flag_reviews (
    flag_id        VARCHAR PRIMARY KEY,
    match_key      VARCHAR NOT NULL,
    file_sha256    VARCHAR NOT NULL,      -- the content the flag was reviewed in
    source_path    VARCHAR,               -- where that content was read from
    kind           VARCHAR NOT NULL,
    indicator_code VARCHAR,
    status         VARCHAR NOT NULL,      -- confirmed | dismissed
    note           VARCHAR,
    reviewed_at    TIMESTAMP NOT NULL
);

-- One row per report and indicator (coded, else keyed by its normalised text) with the figures a
-- user should trust: the main capaian table's row, else the first per-indicator table's row.
-- source_reason says which table and why; other_rows counts the indicator's rows in other tables
-- (each compared with this one: a disagreement is a summary_vs_table flag, and flagged is true).
CREATE OR REPLACE VIEW results AS
WITH keyed AS (
    SELECT c.*, coalesce(c.indicator_key, c.indicator_code, 'text:' || c.indicator_text) AS ikey
    FROM capaian c
    WHERE c.source_kind IN ('main_table', 'indicator_table')
), ranked AS (
    SELECT k.*,
           row_number() OVER (
               PARTITION BY k.report_id, k.ikey
               ORDER BY CASE k.source_kind WHEN 'main_table' THEN 0 ELSE 1 END,
                        k.table_no, k.row_no) AS pick,
           count(*) OVER (PARTITION BY k.report_id, k.ikey) - 1 AS other_rows
    FROM keyed k
), chosen AS (
    SELECT k.*,
           EXISTS (SELECT 1 FROM flags f
                   WHERE f.report_id = k.report_id
                     AND (f.indicator_key = k.ikey
                          OR (f.indicator_key IS NULL AND k.indicator_code IS NOT NULL
                              AND f.indicator_code = k.indicator_code))) AS flagged,
           EXISTS (SELECT 1 FROM flags f
                   WHERE f.report_id = k.report_id AND f.kind = 'summary_vs_table'
                     AND f.indicator_key = k.ikey) AS tables_disagree
    FROM ranked k
    WHERE k.pick = 1
)
SELECT r.report_id, r.satker, r.level, r.province, r.regency, r.year,
       k.indicator_code, k.ikey AS indicator_key, k.indicator_text, k.target_value, k.realisasi_value,
       k.stated_pct, k.computed_pct,
       CASE
           WHEN k.realisasi_value IS NULL OR k.target_value IS NULL THEN NULL
           WHEN coalesce(i.direction, 'higher_is_better') = 'lower_is_better'
               THEN k.realisasi_value <= k.target_value
           ELSE k.realisasi_value >= k.target_value
       END AS achieved,
       k.flagged,
       k.source_kind, k.table_no, k.row_no, k.page, k.line, r.source_path,
       CASE k.source_kind
           WHEN 'main_table' THEN 'main capaian table'
               || CASE WHEN k.table_no > 1 THEN ' ' || k.table_no ELSE '' END
               || ' (the BAB III table giving most of the year''s figures)'
           ELSE 'per-indicator table ' || k.table_no || ' (no main capaian table row for this indicator)'
       END
       || CASE WHEN k.other_rows = 0 THEN ''
               ELSE '; ' || k.other_rows || ' other table row' || CASE WHEN k.other_rows > 1 THEN 's' ELSE '' END
                    || CASE WHEN k.tables_disagree THEN ', disagreeing (summary_vs_table flag)'
                            ELSE ', none disagreeing' END
          END AS source_reason,
       k.other_rows
FROM chosen k
JOIN reports r USING (report_id)
LEFT JOIN indicators i ON i.code = k.indicator_code;

-- Per indicator code, every office and year side by side.
CREATE OR REPLACE VIEW results_by_indicator AS
SELECT indicator_code, year, province, level, satker,
       target_value, realisasi_value, computed_pct, stated_pct, achieved, flagged
FROM results
WHERE indicator_code IS NOT NULL
ORDER BY indicator_code, year, province, satker;

-- What a report is: 'pk_document' (Perjanjian Kinerja rows, no BAB III capaian or executive
-- summary, and short: a PK agreement is a few signed pages, an LKIP dozens), 'lkip_with_attached_pk'
-- (an LKIP carrying other offices' signed PKs, kept in attached_pk_targets), 'lkip', or NULL for a
-- failed file. A PK document lacks a capaian table by nature: its status is 'ok' and that warning
-- is dropped from its error (the file name the error starts with goes too when nothing is left).
CREATE OR REPLACE VIEW report_kinds AS
WITH counts AS (
    SELECT r.report_id,
           (SELECT count(*) FROM pk_targets p WHERE p.report_id = r.report_id) AS pk_rows,
           (SELECT count(*) FROM capaian c WHERE c.report_id = r.report_id) AS capaian_rows,
           (SELECT count(*) FROM budget b WHERE b.report_id = r.report_id) AS budget_rows,
           (SELECT count(*) FROM attached_pk_targets a WHERE a.report_id = r.report_id) AS attached_pk_rows
    FROM reports r
), kinds AS (
    SELECT r.*, k.pk_rows, k.capaian_rows, k.budget_rows, k.attached_pk_rows,
           CASE WHEN r.status = 'failed' THEN NULL
                WHEN k.pk_rows > 0 AND k.capaian_rows = 0 AND coalesce(r.pages, 0) <= 12 THEN 'pk_document'
                WHEN k.attached_pk_rows > 0 THEN 'lkip_with_attached_pk'
                ELSE 'lkip' END AS doc_kind,
           regexp_replace(coalesce(r.error, ''), 'no BAB III capaian table found(; )?|(; )?no BAB III capaian table found',
                          '') AS pk_error
    FROM reports r JOIN counts k USING (report_id)
)
SELECT * EXCLUDE (pk_error) REPLACE (
           CASE WHEN doc_kind = 'pk_document' AND status = 'partial' THEN 'ok' ELSE status END AS status,
           CASE WHEN doc_kind <> 'pk_document' THEN error
                WHEN rtrim(pk_error, ': ') IN ('', source_path) THEN NULL
                ELSE pk_error END AS error),
       status AS extraction_status
FROM kinds;

-- Every flag (but a PK document's missing capaian table) with its FLAG_ID (stable across
-- re-ingests of the same content), its report's file, and the review that applies: the flag's own, or one of the same flag (match_key) made
-- when its path held an older content ('reattached').
CREATE OR REPLACE VIEW flag_list AS
WITH keyed AS (
    SELECT f.*, r.file_sha256, r.file_type, r.source_path, r.satker, r.province, r.regency, r.year,
           f.kind || '|' || coalesce(f.indicator_code, '') || '|' || coalesce(f.expected, '') || '|'
               || coalesce(f.found, '') || '|'
               || regexp_replace(f.message, '(page|line|row|table) [0-9]+', '\1', 'g') AS match_key,
           substr(md5(concat_ws('|', r.file_sha256, f.kind, f.indicator_code, f.page, f.line,
                                f.expected, f.found, f.message)), 1, 10) AS base_id
    FROM flags f JOIN report_kinds r USING (report_id)
    -- a PK document has no capaian table by nature: not a problem to list
    WHERE NOT (r.doc_kind = 'pk_document' AND f.kind = 'missing_table' AND f.expected = 'a capaian table')
), ided AS (
    SELECT * EXCLUDE (base_id),
           base_id || CASE WHEN n > 1 THEN '-' || n ELSE '' END AS flag_id
    FROM (SELECT *, row_number() OVER (PARTITION BY base_id ORDER BY evidence) AS n FROM keyed)
), moved AS (
    SELECT v.*, p.report_id AS now_report
    FROM flag_reviews v JOIN report_files p ON p.path = v.source_path
    WHERE v.flag_id NOT IN (SELECT flag_id FROM ided)
    QUALIFY row_number() OVER (PARTITION BY p.report_id, v.match_key ORDER BY v.reviewed_at DESC) = 1
)
SELECT i.* EXCLUDE (n),
       coalesce(d.status, m.status) AS review_status,
       coalesce(d.note, m.note) AS review_note,
       CASE WHEN d.flag_id IS NOT NULL THEN 'reviewed'
            WHEN m.flag_id IS NOT NULL THEN 'reattached' END AS review_match
FROM ided i
LEFT JOIN flag_reviews d ON d.flag_id = i.flag_id
LEFT JOIN moved m ON d.flag_id IS NULL AND m.now_report = i.report_id AND m.match_key = i.match_key;

-- Reviews whose flag is gone: not in the flags, nor found again in a newer content of its path.
CREATE OR REPLACE VIEW stale_flag_reviews AS
SELECT v.*
FROM flag_reviews v
WHERE v.flag_id NOT IN (SELECT flag_id FROM flag_list)
  AND NOT EXISTS (SELECT 1 FROM flag_list l JOIN report_files p ON p.report_id = l.report_id
                  WHERE p.path = v.source_path AND l.match_key = v.match_key
                    AND l.review_match = 'reattached');
