-- weapon-registration: the weapon register (each unit once per make and serial), the permits,
-- every change of a unit, the outside agencies' checks of §18 and the §17 recipient of a permit.

CREATE SEQUENCE weapons.permit_numbers;
CREATE SEQUENCE weapons.unit_numbers;

CREATE TABLE weapons.units (
    id                  uuid        PRIMARY KEY,
    registration_number text        NOT NULL UNIQUE,
    make                text        NOT NULL,
    make_key            text        NOT NULL,
    model               text,
    serial              text        NOT NULL,
    serial_key          text        NOT NULL,
    weapon_type         text        NOT NULL,
    category            text        NOT NULL CHECK (category IN ('civilian', 'service')),
    purpose             text,
    muzzle_energy_j     numeric(8, 2),
    calibre_mm          numeric(6, 2),
    fee_exemption       text,
    owner_id            text        NOT NULL, -- the owner's IIN or BIN
    owner_kind          text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('registered', 'deregistered')),
    registered_on       date        NOT NULL,
    office_id           text        NOT NULL,
    -- weapon-registration §8: a serial of one make is registered once (also when two approvals race).
    UNIQUE (make_key, serial_key)
);
CREATE INDEX units_by_owner ON weapons.units (owner_id);

CREATE TABLE weapons.permits (
    number          text        PRIMARY KEY,
    kind            text        NOT NULL, -- the application's sub-type
    application_id  uuid        NOT NULL UNIQUE,
    holder_id       text        NOT NULL,
    unit_id         uuid        REFERENCES weapons.units (id),
    weapon_type     text,
    office_id       text        NOT NULL,
    approved_on     date        NOT NULL,
    issued_on       date,
    valid_until     date,
    status          text        NOT NULL CHECK (status IN ('approved', 'issued', 'renounced')),
    renounced_on    date,
    received_by     text CHECK (received_by IN ('applicant', 'proxy')),
    proxy_name      text,
    proxy_iin       text,
    poa_number      text,
    poa_issued_on   date,
    poa_valid_until date,
    poa_issued_by   text
);
CREATE INDEX permits_by_holder ON weapons.permits (holder_id);

CREATE TABLE weapons.unit_history (
    id             uuid        PRIMARY KEY,
    unit_id        uuid        NOT NULL REFERENCES weapons.units (id),
    at             timestamptz NOT NULL,
    event          text        NOT NULL, -- registered, re-registered, permit-issued, permit-renounced
    owner_id       text        NOT NULL,
    application_id uuid,
    permit_number  text,
    office_id      text
);
CREATE INDEX unit_history_by_unit ON weapons.unit_history (unit_id, at);

CREATE TABLE weapons.external_checks (
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
    CHECK ((answered_at IS NULL) = (answer IS NULL))
);
CREATE INDEX external_checks_by_application ON weapons.external_checks (application_id, check_code, asked_at);

-- §17: who takes the permit — the applicant, or a proxy whose power of attorney is recorded.
CREATE TABLE weapons.recipients (
    application_id  uuid        PRIMARY KEY,
    received_by     text        NOT NULL CHECK (received_by IN ('applicant', 'proxy')),
    proxy_name      text,
    proxy_iin       text,
    poa_number      text,
    poa_issued_on   date,
    poa_valid_until date,
    poa_issued_by   text,
    recorded_at     timestamptz NOT NULL,
    recorded_by     text        NOT NULL,
    CHECK (received_by = 'applicant' OR (proxy_name IS NOT NULL AND poa_number IS NOT NULL AND poa_issued_on IS NOT NULL))
);
