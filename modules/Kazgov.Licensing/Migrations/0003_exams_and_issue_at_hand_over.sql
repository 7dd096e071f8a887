-- driver-licence §15: the theory and practical exams are steps after intake, recorded on the
-- application by the examination unit (append-only: a re-take is a new row, the latest of a kind
-- counts). driver-licence §16: the licence is issued when it is handed over, so its issue date and
-- validity are set then; approval only reserves the number.

CREATE TABLE licensing.exam_results (
    id                uuid        PRIMARY KEY,
    application_id    uuid        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('theory', 'practical')),
    passed            boolean     NOT NULL,
    exam_date         date        NOT NULL,
    exam_sheet_number text        CHECK (exam_sheet_number IS NULL OR exam_sheet_number <> ''),
    recorded_at       timestamptz NOT NULL,
    recorded_by       text        NOT NULL
);
CREATE INDEX exam_results_by_application ON licensing.exam_results (application_id, recorded_at, id);

ALTER TABLE licensing.licences ALTER COLUMN issue_date DROP NOT NULL;
ALTER TABLE licensing.licences ALTER COLUMN valid_until DROP NOT NULL;

-- Licences reserved at approval and not handed over yet were not issued: no dates until hand-over.
UPDATE licensing.licences SET issue_date = NULL, valid_until = NULL WHERE handed_over_at IS NULL;

ALTER TABLE licensing.licences ADD CONSTRAINT licences_dates_at_hand_over CHECK (
    (issue_date IS NULL) = (handed_over_at IS NULL) AND (valid_until IS NULL) = (handed_over_at IS NULL));
