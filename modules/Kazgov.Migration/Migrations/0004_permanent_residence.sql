-- permanent-residence (standard 5): the register of permanent residence, the outside agencies'
-- checks of §18, the clerk's checks of the grounds no agency answers, and the §17 documents
-- handed in after the positive decision.

CREATE SEQUENCE migration.permanent_residence_stamp_numbers;

-- One row per approval; the stamp's date is set at hand-over (§5, §17). A person has at most one
-- current registration: the partial unique index stops a second one, also from concurrent approvals.
CREATE TABLE migration.permanent_residence_register (
    stamp_number    text        PRIMARY KEY,
    application_id  uuid        NOT NULL UNIQUE,
    person_id       text        NOT NULL CHECK (person_id <> ''), -- IIN, or COUNTRY:travel-document number
    route           text        NOT NULL CHECK (route IN ('pr-visa-holder', 'other-lawful-stay')),
    settlement      text        NOT NULL CHECK (settlement <> ''),
    address         text        NOT NULL CHECK (address <> ''),
    office_id       text        NOT NULL,
    approved_on     date        NOT NULL,
    registered_on   date        CHECK (registered_on IS NULL OR registered_on >= approved_on),
    is_current      boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL,
    handed_over_at  timestamptz
);
CREATE UNIQUE INDEX permanent_residence_one_current_per_person ON migration.permanent_residence_register (person_id) WHERE is_current;

-- Every question put to an outside agency, answered or not (answered_at NULL: no answer).
CREATE TABLE migration.permanent_residence_external_checks (
    id             uuid        PRIMARY KEY,
    application_id uuid        NOT NULL,
    check_code     text        NOT NULL,
    source         text        NOT NULL,
    subject        text        NOT NULL, -- the travel document number (or IIN) asked about
    asked_at       timestamptz NOT NULL,
    answered_at    timestamptz,
    answer         text        CHECK (answer IN ('clear', 'found')),
    found_grounds  text[]      NOT NULL DEFAULT '{}',
    reference      text,
    attempts       integer     NOT NULL CHECK (attempts >= 0),
    error          text,
    asked_by       text        NOT NULL,
    CHECK ((answered_at IS NULL) = (answer IS NULL)),
    CHECK (answer = 'found' OR cardinality(found_grounds) = 0)
);
CREATE INDEX permanent_residence_external_checks_by_application ON migration.permanent_residence_external_checks (application_id, check_code, asked_at);

-- The clerk's judgement of each ground no agency answers (§18.7, §18.11, §18.13); the latest stands.
CREATE TABLE migration.permanent_residence_clerk_checks (
    application_id uuid        NOT NULL,
    ground         text        NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('clear', 'found')),
    note           text,
    recorded_at    timestamptz NOT NULL,
    recorded_by    text        NOT NULL,
    PRIMARY KEY (application_id, ground),
    CHECK (outcome = 'clear' OR coalesce(note, '') <> '')
);

-- §17: the documents handed in after the positive decision (the duty receipt is recorded as a receipt).
CREATE TABLE migration.permanent_residence_after_decision_documents (
    application_id uuid        NOT NULL,
    document       text        NOT NULL,
    recorded_at    timestamptz NOT NULL,
    recorded_by    text        NOT NULL,
    PRIMARY KEY (application_id, document)
);
