-- residence-permit (standard 2, seed lines 330–470): the register of residence permits issued to
-- foreigners and certificates issued to stateless persons. Approval reserves the number (status
-- 'reserved', no dates yet); hand-over (§17, against signature on the 1-N form) issues it: its
-- issue date and validity start then. §18.1 ("a valid permit or certificate is already held")
-- is read from this table, by travel document and by IIN.

CREATE SEQUENCE migration.residence_permit_numbers;

CREATE TABLE migration.residence_permits (
    number                  text        PRIMARY KEY CHECK (number ~ '^(RP|SC)[0-9]{9}$'),
    kind                    text        NOT NULL CHECK (kind IN ('residence-permit', 'stateless-certificate')),
    application_id          uuid        UNIQUE, -- null only for demo data loaded without an application
    holder_last_name        text        NOT NULL CHECK (holder_last_name <> ''),
    holder_first_name       text        NOT NULL CHECK (holder_first_name <> ''),
    holder_middle_name      text,
    holder_birth_date       date        NOT NULL,
    holder_citizenship      text,       -- ISO 3166-1 alpha-2; null for a stateless person
    travel_document_country text        NOT NULL CHECK (travel_document_country ~ '^[A-Z]{2}$'),
    travel_document_number  text        NOT NULL CHECK (travel_document_number <> ''),
    holder_iin              text        CHECK (holder_iin IS NULL OR holder_iin ~ '^[0-9]{12}$'),
    office_id               text        NOT NULL,
    status                  text        NOT NULL CHECK (status IN ('reserved', 'issued', 'revoked')),
    reserved_at             timestamptz NOT NULL,
    issue_date              date,
    valid_until             date,
    handed_over_at          timestamptz,
    CONSTRAINT residence_permits_dates_at_hand_over CHECK (
        (issue_date IS NULL) = (handed_over_at IS NULL)
        AND (valid_until IS NULL) = (handed_over_at IS NULL)
        AND (valid_until IS NULL OR valid_until > issue_date)
        AND (status <> 'issued' OR handed_over_at IS NOT NULL))
);

-- Travel document numbers are compared as written without spaces, in upper case.
CREATE INDEX residence_permits_by_travel_document ON migration.residence_permits (travel_document_country, travel_document_number);
CREATE INDEX residence_permits_by_iin ON migration.residence_permits (holder_iin) WHERE holder_iin IS NOT NULL;

-- The last line against two approvals for one person (the definition also serialises them with an
-- advisory lock): one reserved document per travel document and per IIN at a time.
CREATE UNIQUE INDEX residence_permits_one_reserved_per_travel_document
    ON migration.residence_permits (travel_document_country, travel_document_number) WHERE status = 'reserved';
CREATE UNIQUE INDEX residence_permits_one_reserved_per_iin
    ON migration.residence_permits (holder_iin) WHERE status = 'reserved' AND holder_iin IS NOT NULL;
