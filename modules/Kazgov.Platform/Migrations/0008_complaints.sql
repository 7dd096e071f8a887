-- The complaints journal (issue 6): every standard's "a received complaint is registered in the
-- information log of the internal-affairs body and reviewed within <term>" (e.g. driver-licence §22,
-- vehicle-registration §22). See Complaints/README.md.

-- Journal numbers are Ш-<year>-<sequence of six digits or more>, counted per calendar year (Asia/Almaty).
CREATE TABLE platform.complaint_counters (
    year integer NOT NULL PRIMARY KEY,
    last integer NOT NULL CHECK (last > 0)
);

CREATE TABLE platform.complaints (
    id              uuid        PRIMARY KEY,
    journal_number  text        NOT NULL UNIQUE CHECK (journal_number ~ '^Ш-[0-9]{4}-[0-9]{6,}$'),
    service_code    text        NOT NULL CHECK (service_code IN (
                        'driver-licence', 'residence-permit', 'address-certificate', 'temporary-registration', 'permanent-residence',
                        'citizenship', 'weapon-registration', 'vehicle-registration', 'proxy-driver-registration')),
    application_id  uuid        REFERENCES platform.applications (id),
    office_id       text        NOT NULL REFERENCES platform.offices (id),
    received_via    text        NOT NULL CHECK (received_via IN ('post', 'e-mail', 'in-person')),
    received_at     timestamptz NOT NULL,
    registered_at   timestamptz NOT NULL CHECK (registered_at >= received_at),
    registered_by   text        NOT NULL,
    -- {fullName, iin?, phone?, email?, postalAddress?, language}
    complainant     jsonb       NOT NULL CHECK (jsonb_typeof(complainant) = 'object' AND complainant ? 'fullName'),
    -- Whose data this is, for the audit trail: the complainant's IIN, or their name when none was given.
    subject_id      text        NOT NULL,
    subject         text        NOT NULL CHECK (subject <> ''),
    -- The 1-based level of the service's complaint route in the catalogue the complaint is addressed to.
    addressed_to    integer     NOT NULL CHECK (addressed_to >= 1),
    review_term     text        NOT NULL,
    due_at          timestamptz NOT NULL CHECK (due_at > received_at),
    status          text        NOT NULL CHECK (status IN ('received', 'under-review', 'answered')),
    answer          text,
    answered_at     timestamptz,
    answered_by     text,
    answer_sent_via text        CHECK (answer_sent_via IN ('post', 'e-mail', 'in-person')),
    version         integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at      timestamptz NOT NULL,
    CHECK ((status = 'answered') = (answer IS NOT NULL)),
    CHECK ((status = 'answered') = (answered_at IS NOT NULL)),
    CHECK ((status = 'answered') = (answered_by IS NOT NULL)),
    CHECK ((status = 'answered') = (answer_sent_via IS NOT NULL))
);

-- Open complaints by due date: the overdue list reads only these partial indexes, whatever the
-- number of answered complaints (ministry-wide, and per office).
CREATE INDEX complaints_open_by_due ON platform.complaints (due_at, id) WHERE status IN ('received', 'under-review');
CREATE INDEX complaints_open_by_office_due ON platform.complaints (office_id, due_at, id) WHERE status IN ('received', 'under-review');
-- The journal of an office, by due date (the list without "overdue").
CREATE INDEX complaints_by_office_due ON platform.complaints (office_id, due_at, id);
CREATE INDEX complaints_by_application ON platform.complaints (application_id) WHERE application_id IS NOT NULL;

-- Every registration and transition, append-only.
CREATE TABLE platform.complaint_events (
    id           bigserial   PRIMARY KEY,
    complaint_id uuid        NOT NULL REFERENCES platform.complaints (id),
    at           timestamptz NOT NULL,
    actor_id     text        NOT NULL,
    actor_name   text        NOT NULL,
    action       text        NOT NULL CHECK (action IN ('register', 'review', 'answer')),
    from_status  text        CHECK (from_status IN ('received', 'under-review', 'answered')),
    to_status    text        NOT NULL CHECK (to_status IN ('received', 'under-review', 'answered')),
    note         text
);
CREATE INDEX complaint_events_by_complaint ON platform.complaint_events (complaint_id, id);

-- Statement-level, so even an UPDATE or DELETE that matches no row fails (platform.refuse_change: 0006).
CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON platform.complaint_events
    FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_change();
