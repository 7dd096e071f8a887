-- citizenship (standard 6): one-time fee exemptions per person, outside checks of §18/§19,
-- the commission's decision, the previous identity documents handed in (§17) and the certificates.

-- citizenship §12.1 note: the oralman and repression-victim exemptions are used once per person,
-- whichever application used them (intake takes an advisory lock on the person before reading this).
CREATE TABLE citizenship.fee_exemption_uses (
    person_id   text        NOT NULL CHECK (person_id <> ''), -- IIN, or COUNTRY:travel-document number
    exemption   text        NOT NULL,
    used_at     timestamptz NOT NULL,
    PRIMARY KEY (person_id, exemption)
);

CREATE TABLE citizenship.external_checks (
    id             uuid        PRIMARY KEY,
    application_id uuid        NOT NULL,
    check_code     text        NOT NULL,
    source         text        NOT NULL,
    subject        text        NOT NULL,
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
CREATE INDEX external_checks_by_application ON citizenship.external_checks (application_id, check_code, asked_at);

-- The Commission on citizenship issues under the President (Decree No. 198): sent, then decided.
CREATE TABLE citizenship.commission_steps (
    application_id   uuid        PRIMARY KEY,
    sent_at          timestamptz NOT NULL,
    sent_by          text        NOT NULL,
    decision_outcome text        CHECK (decision_outcome IN ('granted', 'rejected')),
    decision_number  text,
    decision_date    date,
    decided_recorded_at timestamptz,
    decided_recorded_by text,
    CHECK ((decision_outcome IS NULL) = (decision_number IS NULL) AND (decision_number IS NULL) = (decision_date IS NULL))
);

-- §17: the previous identity documents handed in before the certificate is issued.
CREATE TABLE citizenship.identity_documents_handed_in (
    application_id uuid        NOT NULL,
    kind           text        NOT NULL,
    number         text        NOT NULL CHECK (number <> ''),
    handed_in_at   timestamptz NOT NULL,
    received_by    text        NOT NULL,
    PRIMARY KEY (application_id, kind)
);

CREATE SEQUENCE citizenship.certificate_numbers;

CREATE TABLE citizenship.certificates (
    number            text        PRIMARY KEY,
    application_id    uuid        NOT NULL UNIQUE,
    kind              text        NOT NULL CHECK (kind IN ('admission', 'renunciation')),
    category          integer     NOT NULL CHECK (category BETWEEN 1 AND 8),
    person_id         text        NOT NULL,
    holder_last_name  text        NOT NULL,
    holder_first_name text        NOT NULL,
    holder_birth_date date        NOT NULL,
    decision_number   text        NOT NULL,
    decision_date     date        NOT NULL,
    office_id         text        NOT NULL,
    approved_on       date        NOT NULL,
    issued_on         date,
    handed_over_at    timestamptz
);
