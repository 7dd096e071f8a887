-- A list shows many people at once (an inbox page of 50, an address list of 1 000). Its read was
-- one audit row per person, each under four indexes: at 1 million applications that was half the
-- inbox's database time and its WAL (build/bench/README.md, "The inbox's audit"). Now a read of
-- several people is one row: subject_kind 'several', and one entry per person in the parallel
-- arrays below (entry i is subject_kinds[i], subject_ids[i], object_ids[i], service_codes[i],
-- office_ids[i]). A read of one person keeps the single columns, as before.
ALTER TABLE platform.audit_log
    ADD COLUMN subject_kinds text[],
    ADD COLUMN subject_ids   text[],
    ADD COLUMN object_ids    text[],
    ADD COLUMN service_codes text[],
    ADD COLUMN office_ids    text[],
    ADD CONSTRAINT audit_log_entries_whole CHECK (
        (subject_kind = 'several') = (subject_ids IS NOT NULL)
        AND (subject_ids IS NULL OR (
            subject_id IS NULL AND object_id IS NULL
            AND cardinality(subject_ids) > 1
            AND cardinality(subject_kinds) = cardinality(subject_ids)
            AND cardinality(object_ids) = cardinality(subject_ids)
            AND cardinality(service_codes) = cardinality(subject_ids)
            AND cardinality(office_ids) = cardinality(subject_ids))));

-- "Whose data was read" finds these rows through the array. fastupdate off: with PostgreSQL's
-- default pending list, the insert that fills the list merges it into the index while its caller
-- waits (a 1.1 s stall measured with pgbench); without it every insert costs the same.
CREATE INDEX audit_log_subjects ON platform.audit_log USING gin (subject_ids) WITH (fastupdate = off);

-- The audit log as one row per person read, for people and tools reading it by hand (and the tests).
-- GET /audit reads the table itself, through the indexes on subject_id and subject_ids.
CREATE VIEW platform.audit_entries AS
SELECT id, occurred_at, actor_id, actor_kind, operation, subject_kind, subject_id, object_id, service_code,
       office_id, remote_address, correlation_id
FROM platform.audit_log
WHERE subject_ids IS NULL
UNION ALL
SELECT a.id, a.occurred_at, a.actor_id, a.actor_kind, a.operation, e.subject_kind, e.subject_id, e.object_id,
       e.service_code, e.office_id, a.remote_address, a.correlation_id
FROM platform.audit_log a
CROSS JOIN LATERAL unnest(a.subject_kinds, a.subject_ids, a.object_ids, a.service_codes, a.office_ids)
    AS e (subject_kind, subject_id, object_id, service_code, office_id)
WHERE a.subject_ids IS NOT NULL;
