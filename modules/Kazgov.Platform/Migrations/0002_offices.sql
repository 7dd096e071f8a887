-- The office directory (issue 4): regions, offices from the seed's appendices, the services each
-- office provides, its schedule (editable by an admin) and the audit of schedule changes.
-- Filled by Offices/OfficeDirectoryLoader at every start of the host; ids are content-derived.

-- Trigram index support for the case-insensitive infix search on offices.search_text.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE TABLE platform.regions (
    code       text    PRIMARY KEY CHECK (code ~ '^[a-z-]+$'),
    iso_code   text    NOT NULL UNIQUE,
    sort_order integer NOT NULL UNIQUE,
    name_kk    text    NOT NULL,
    name_ru    text    NOT NULL,
    name_en    text    NOT NULL
);

CREATE TABLE platform.offices (
    id            text    PRIMARY KEY,
    directory     text    NOT NULL CHECK (directory IN ('road-police', 'migration-police', 'address-bureau', 'weapons-licensing')),
    region_code   text    NOT NULL REFERENCES platform.regions (code),
    name          text    NOT NULL CHECK (name <> ''),
    district      text,
    town          text,
    address       text    NOT NULL,
    postcode      text    CHECK (postcode ~ '^[0-9]{6}$'),
    phones_raw    text    NOT NULL,
    phones        jsonb   NOT NULL CHECK (jsonb_typeof(phones) = 'array'),
    e_address_raw text,
    email         text,
    website       text,
    sources       jsonb   NOT NULL CHECK (jsonb_typeof(sources) = 'array'),
    -- Folded search form (lower case, Kazakh letters folded, see SeedText.Fold).
    search_text   text    NOT NULL,
    sort_order    integer NOT NULL UNIQUE DEFERRABLE INITIALLY DEFERRED,
    -- Hash of everything above: the loader rewrites a row only when it changed.
    content_hash  text    NOT NULL
);

CREATE INDEX offices_region ON platform.offices (region_code, sort_order);
CREATE INDEX offices_search_text ON platform.offices USING gin (search_text public.gin_trgm_ops);

CREATE TABLE platform.office_services (
    office_id    text NOT NULL REFERENCES platform.offices (id) ON DELETE CASCADE,
    service_code text NOT NULL CHECK (service_code IN (
        'driver-licence', 'residence-permit', 'address-certificate', 'temporary-registration', 'permanent-residence',
        'citizenship', 'weapon-registration', 'vehicle-registration', 'proxy-driver-registration')),
    PRIMARY KEY (office_id, service_code)
);

CREATE INDEX office_services_service ON platform.office_services (service_code, office_id);

-- One schedule per office. The loader inserts the default once; an admin's PUT replaces it.
CREATE TABLE platform.office_schedules (
    office_id  text        PRIMARY KEY REFERENCES platform.offices (id) ON DELETE CASCADE,
    schedule   jsonb       NOT NULL,
    version    integer     NOT NULL CHECK (version >= 1),
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);

-- Append-only. No foreign key: the history of an office outlives the office.
CREATE TABLE platform.office_schedule_audit (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_id    text        NOT NULL,
    changed_at   timestamptz NOT NULL,
    changed_by   text        NOT NULL,
    old_version  integer     NOT NULL,
    new_version  integer     NOT NULL,
    old_schedule jsonb       NOT NULL,
    new_schedule jsonb       NOT NULL
);

CREATE INDEX office_schedule_audit_office ON platform.office_schedule_audit (office_id, id);
