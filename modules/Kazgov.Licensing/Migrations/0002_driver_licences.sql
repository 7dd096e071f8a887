-- driver-licence: the register of licences the module issues, and the register of deprivations and
-- court restrictions of the right to drive it checks (refusal grounds §17.3 and §17.4).

CREATE TABLE licensing.driving_bans (
    id                 uuid        PRIMARY KEY,
    holder_iin         text        NOT NULL CHECK (holder_iin ~ '^[0-9]{12}$'),
    kind               text        NOT NULL CHECK (kind IN ('deprivation', 'court-restriction')),
    starts_on          date        NOT NULL,
    ends_on            date        CHECK (ends_on IS NULL OR ends_on >= starts_on),
    decision_reference text        NOT NULL CHECK (decision_reference <> ''),
    recorded_at        timestamptz NOT NULL,
    recorded_by        text        NOT NULL
);
CREATE INDEX driving_bans_by_holder ON licensing.driving_bans (holder_iin, starts_on);

CREATE SEQUENCE licensing.licence_numbers;

CREATE TABLE licensing.licences (
    number            text        PRIMARY KEY,
    application_id    uuid        NOT NULL UNIQUE,
    holder_id         text        NOT NULL, -- IIN, or COUNTRY:document number for a foreigner without one
    holder_last_name  text        NOT NULL,
    holder_first_name text        NOT NULL,
    holder_birth_date date        NOT NULL,
    categories        text[]      NOT NULL CHECK (cardinality(categories) > 0),
    issue_date        date        NOT NULL,
    valid_until       date        NOT NULL CHECK (valid_until > issue_date),
    office_id         text        NOT NULL,
    handed_over_at    timestamptz
);
CREATE INDEX licences_by_holder ON licensing.licences (holder_id);
