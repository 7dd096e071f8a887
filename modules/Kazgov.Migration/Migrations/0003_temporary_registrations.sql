-- temporary-registration (standard 4): the register of foreigners and stateless persons registered
-- at their place of temporary stay, one row per person (a tourist group's list gives one row per member).

CREATE SEQUENCE migration.temporary_registration_numbers;

CREATE TABLE migration.temporary_registrations (
    number                  text        PRIMARY KEY,
    application_id          uuid        NOT NULL,
    person_id               text        NOT NULL, -- COUNTRY:travel document number
    person_kind             text        NOT NULL CHECK (person_kind IN ('foreigner', 'stateless-person')),
    travel_document_number  text        NOT NULL,
    travel_document_country text        NOT NULL,
    last_name               text        NOT NULL,
    first_name              text        NOT NULL,
    middle_name             text,
    birth_date              date        NOT NULL,
    citizenship             text,
    address                 text        NOT NULL CHECK (address <> ''),
    host_kind               text        NOT NULL CHECK (host_kind IN ('individual', 'legal-entity', 'self')),
    host_identifier         text,       -- IIN or BIN; null when the foreigner registers himself
    host_name               text,
    self_category           int         CHECK (self_category BETWEEN 1 AND 5),
    basis                   text        NOT NULL,
    valid_from              date        NOT NULL,
    valid_until             date        NOT NULL CHECK (valid_until >= valid_from),
    limited_by              text        NOT NULL,
    border_crossed_on       date        NOT NULL,
    due_by                  date        NOT NULL,
    days_late               int         NOT NULL CHECK (days_late >= 0),
    registered_on           date        NOT NULL,
    office_id               text        NOT NULL,
    group_list_number       text,
    extends_number          text        REFERENCES migration.temporary_registrations (number),
    -- false once the registration has run out or was extended by a later one.
    is_current              boolean     NOT NULL DEFAULT true,
    recorded_at             timestamptz NOT NULL,
    stamped_at              timestamptz, -- the mark on the migration card (§15), at hand-over
    UNIQUE (application_id, person_id)
);

-- §17: registration only at the place of first application — one current registration per person,
-- so two approvals racing for the same person cannot both commit.
CREATE UNIQUE INDEX temporary_registrations_one_current ON migration.temporary_registrations (person_id) WHERE is_current;
CREATE INDEX temporary_registrations_late ON migration.temporary_registrations (registered_on) WHERE days_late > 0;
CREATE INDEX temporary_registrations_by_application ON migration.temporary_registrations (application_id);
