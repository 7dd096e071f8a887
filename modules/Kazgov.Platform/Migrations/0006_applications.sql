-- The application lifecycle shared by all nine standards (issue 6).

-- Registration numbers are readable and unique: <office number>-<year>-<sequence>, counted per office and year.
CREATE TABLE platform.registration_counters (
    office_id text    NOT NULL,
    year      integer NOT NULL,
    last      integer NOT NULL CHECK (last > 0),
    PRIMARY KEY (office_id, year)
);

CREATE TABLE platform.applications (
    id                       uuid        PRIMARY KEY,
    registration_number      text        NOT NULL UNIQUE,
    service_code             text        NOT NULL,
    sub_type                 text,
    office_id                text        NOT NULL REFERENCES platform.offices (id),
    channel                  text        NOT NULL CHECK (channel IN ('front-office', 'e-gov', 'api')),
    status                   text        NOT NULL CHECK (status IN
                                 ('submitted', 'in-review', 'approved', 'ready-for-issue', 'issued', 'refused', 'withdrawn', 'suspended')),
    status_before_suspension text        CHECK (status_before_suspension IN ('submitted', 'in-review')),
    suspended_since          timestamptz,
    applicant_type           text        NOT NULL,
    applicant                jsonb       NOT NULL,
    -- Whose data this is, for the audit trail and look-ups: IIN, BIN or country:travel-document number.
    subject_id               text        NOT NULL,
    representative           jsonb,
    documents                text[]      NOT NULL,
    fee_items                text[]      NOT NULL,
    fee_exemption            text,
    term_variant             text        NOT NULL,
    term                     text        NOT NULL,
    accepted_at              timestamptz NOT NULL,
    accepted_by              text        NOT NULL,
    accepted_by_name         text        NOT NULL,
    accepted_by_position     text,
    due_at                   timestamptz NOT NULL,
    submitted_by             text        NOT NULL,
    module_data              jsonb       NOT NULL DEFAULT '{}',
    eligibility_findings     jsonb       NOT NULL DEFAULT '[]',
    -- What approval created in the module's registry (e.g. the driver licence's number).
    result_reference         text,
    version                  integer     NOT NULL DEFAULT 1,
    updated_at               timestamptz NOT NULL,
    CHECK ((status = 'suspended') = (suspended_since IS NOT NULL)),
    CHECK ((status = 'suspended') = (status_before_suspension IS NOT NULL))
);

-- Open applications by due date: the inbox and the overdue list read this index, never the whole table.
CREATE INDEX applications_open_by_due ON platform.applications (office_id, due_at, id)
    WHERE status IN ('submitted', 'in-review', 'approved', 'ready-for-issue', 'suspended');
CREATE INDEX applications_by_office ON platform.applications (office_id, accepted_at DESC, id);
CREATE INDEX applications_by_subject ON platform.applications (subject_id);

-- Every transition, append-only.
CREATE TABLE platform.application_events (
    id             bigserial   PRIMARY KEY,
    application_id uuid        NOT NULL REFERENCES platform.applications (id),
    at             timestamptz NOT NULL,
    actor_id       text        NOT NULL,
    actor_name     text        NOT NULL,
    action         text        NOT NULL,
    from_status    text,
    to_status      text        NOT NULL,
    reason         text,
    details        jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX application_events_by_application ON platform.application_events (application_id, id);

CREATE FUNCTION platform.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER application_events_append_only BEFORE UPDATE OR DELETE ON platform.application_events
    FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();

CREATE TABLE platform.fee_receipts (
    id             uuid          PRIMARY KEY,
    application_id uuid          NOT NULL REFERENCES platform.applications (id),
    item           text          NOT NULL,
    bank           text          NOT NULL CHECK (bank <> ''),
    receipt_number text          NOT NULL CHECK (receipt_number <> ''),
    paid_on        date          NOT NULL,
    amount         numeric(12,2) NOT NULL CHECK (amount > 0),
    recorded_at    timestamptz   NOT NULL,
    recorded_by    text          NOT NULL,
    UNIQUE (bank, receipt_number)
);
CREATE INDEX fee_receipts_by_application ON platform.fee_receipts (application_id);

CREATE TABLE platform.refusals (
    application_id uuid        PRIMARY KEY REFERENCES platform.applications (id),
    grounds        text[]      NOT NULL CHECK (cardinality(grounds) > 0),
    explanation    text        NOT NULL,
    notice_language text       NOT NULL,
    notice         text        NOT NULL,
    refused_at     timestamptz NOT NULL,
    refused_by     text        NOT NULL
);

CREATE TABLE platform.suspensions (
    application_id uuid        NOT NULL REFERENCES platform.applications (id),
    started_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    reason         text        NOT NULL,
    due_at_before  timestamptz NOT NULL,
    due_at_after   timestamptz,
    PRIMARY KEY (application_id, started_at)
);

-- Issuance against signature (every standard's "handed over against signature in the register").
CREATE TABLE platform.issuances (
    application_id       uuid        PRIMARY KEY REFERENCES platform.applications (id),
    received_by          text        NOT NULL,
    identity_document    text        NOT NULL,
    signed               boolean     NOT NULL CHECK (signed),
    issued_at            timestamptz NOT NULL,
    issued_by            text        NOT NULL
);
