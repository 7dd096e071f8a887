-- vehicle-registration and proxy-driver-registration: the vehicle register (one row per VIN or,
-- for an older vehicle without one, per chassis number), its number plates with their per-region
-- pools, every change of a vehicle, the outside agencies' checks of §17.3 and the register of
-- persons who drive a vehicle under a power of attorney.

CREATE SEQUENCE vehicles.certificate_numbers;
CREATE SEQUENCE vehicles.proxy_numbers;

CREATE TABLE vehicles.vehicles (
    id                 uuid        PRIMARY KEY,
    vin                text        UNIQUE,                 -- 17 characters, upper case
    chassis_number     text        UNIQUE,                 -- an older vehicle without a VIN
    make               text        NOT NULL,
    model              text,
    year               integer     NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    category           text        NOT NULL CHECK (category IN ('car', 'motorcycle', 'trailer', 'bus', 'truck', 'special-equipment')),
    colour             text,
    engine             text,
    owner_id           text        NOT NULL,               -- the owner's IIN or BIN (or COUNTRY:document)
    owner_kind         text        NOT NULL CHECK (owner_kind IN ('individual', 'legal-entity')),
    certificate_number text        UNIQUE,
    plate              text        UNIQUE,
    status             text        NOT NULL CHECK (status IN ('registered', 'deregistered')),
    region_code        text        NOT NULL,
    office_id          text        NOT NULL,
    registered_on      date        NOT NULL,
    CHECK (vin IS NOT NULL OR chassis_number IS NOT NULL)
);
CREATE INDEX vehicles_by_owner ON vehicles.vehicles (owner_id);

-- A plate's pool: one counter per region and series; taking the next number locks the row, so two
-- approvals never take the same one, and the counter never goes back (a plate is never issued twice).
CREATE TABLE vehicles.plate_pools (
    region_code text   NOT NULL,
    series      text   NOT NULL CHECK (series IN ('individual', 'legal-entity', 'transit')),
    next_serial bigint NOT NULL DEFAULT 0 CHECK (next_serial >= 0),
    PRIMARY KEY (region_code, series)
);

CREATE TABLE vehicles.plates (
    number         text        PRIMARY KEY,
    region_code    text        NOT NULL,
    series         text        NOT NULL,
    vehicle_id     uuid        REFERENCES vehicles.vehicles (id),
    vin            text,
    application_id uuid,
    allocated_at   timestamptz NOT NULL,
    status         text        NOT NULL CHECK (status IN ('assigned', 'returned')),
    returned_at    timestamptz
);
CREATE INDEX plates_by_vehicle ON vehicles.plates (vehicle_id);

CREATE TABLE vehicles.history (
    id                 uuid        PRIMARY KEY,
    seq                bigint      GENERATED ALWAYS AS IDENTITY, -- the order in which changes were written
    vehicle_id         uuid        NOT NULL REFERENCES vehicles.vehicles (id),
    at                 timestamptz NOT NULL,
    event              text        NOT NULL, -- registered, owner-changed, data-changed, deregistered, duplicate-certificate, transit-plate, handed-over, proxy-registered
    owner_id           text        NOT NULL,
    application_id     uuid,
    certificate_number text,
    plate              text,
    details            text,
    office_id          text
);
CREATE INDEX history_by_vehicle ON vehicles.history (vehicle_id, seq);

-- What approval produced for an application: the certificate and the plate handed over against signature.
CREATE TABLE vehicles.outcomes (
    application_id     uuid        PRIMARY KEY,
    vehicle_id         uuid        REFERENCES vehicles.vehicles (id),
    sub_type           text        NOT NULL,
    certificate_number text,
    plate              text,
    transit_plate      text,
    handed_over_at     timestamptz
);

CREATE TABLE vehicles.external_checks (
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
CREATE INDEX external_checks_by_application ON vehicles.external_checks (application_id, check_code, asked_at);

-- proxy-driver-registration: who drives which vehicle under whose power of attorney, until when.
CREATE TABLE vehicles.proxy_drivers (
    number            text        PRIMARY KEY,
    application_id    uuid        NOT NULL UNIQUE,
    vehicle_id        uuid        NOT NULL REFERENCES vehicles.vehicles (id),
    driver_id         text        NOT NULL,
    licence_number    text        NOT NULL,
    licence_category  text        NOT NULL,
    poa_number        text        NOT NULL,
    poa_issued_on     date        NOT NULL,
    poa_valid_until   date        NOT NULL CHECK (poa_valid_until >= poa_issued_on),
    poa_issued_by     text        NOT NULL,
    poa_notarised     boolean     NOT NULL,
    registered_on     date        NOT NULL,
    handed_back_at    timestamptz,
    office_id         text        NOT NULL
);
CREATE INDEX proxy_drivers_by_licence ON vehicles.proxy_drivers (licence_number, vehicle_id);
