-- The electronic queue of each office and the applicants' feedback (issue 21, first half).
-- See Queue/README.md and Feedback/README.md. The columns keep what the quality indicators will
-- aggregate per office, service, purpose and month: when a ticket was taken, called, served or
-- missed, its wait (lunch break excluded) against the norm, and the application it produced.

-- Ticket numbers are <service letter><purpose letter>-<NNN>, counted per office, local day and prefix.
CREATE TABLE platform.queue_counters (
    office_id text    NOT NULL REFERENCES platform.offices (id),
    day       date    NOT NULL,
    prefix    text    NOT NULL,
    last      integer NOT NULL CHECK (last > 0),
    PRIMARY KEY (office_id, day, prefix)
);

CREATE TABLE platform.queue_tickets (
    id             uuid        PRIMARY KEY,
    office_id      text        NOT NULL REFERENCES platform.offices (id),
    -- The office's local day (Asia/Almaty) the ticket holds a place in: a ticket never outlives it.
    day            date        NOT NULL,
    number         text        NOT NULL CHECK (number ~ '^[A-Z]{2}-[0-9]{3,}$'),
    service_code   text        NOT NULL,
    purpose        text        NOT NULL CHECK (purpose IN ('submission', 'pick-up')),
    channel        text        NOT NULL CHECK (channel IN ('kiosk', 'portal')),
    taken_by       text        NOT NULL,
    taken_at       timestamptz NOT NULL,
    -- The standard's longest wait for this service and purpose, copied when the ticket is taken.
    norm_minutes   integer     CHECK (norm_minutes > 0),
    status         text        NOT NULL CHECK (status IN ('waiting', 'called', 'served', 'no-show')),
    called_at      timestamptz,
    called_by      text,
    window_label   text,
    -- Whole minutes from taken_at to called_at outside the office's lunch break, set when called.
    wait_minutes   integer     CHECK (wait_minutes >= 0),
    served_at      timestamptz,
    no_show_at     timestamptz,
    application_id uuid        REFERENCES platform.applications (id),
    UNIQUE (office_id, day, number),
    CHECK ((status = 'waiting') = (called_at IS NULL)),
    CHECK ((called_at IS NULL) = (called_by IS NULL) AND (called_at IS NULL) = (window_label IS NULL) AND (called_at IS NULL) = (wait_minutes IS NULL)),
    CHECK ((status = 'served') = (served_at IS NOT NULL)),
    CHECK ((status = 'no-show') = (no_show_at IS NOT NULL)),
    CHECK (application_id IS NULL OR status = 'served'),
    CHECK (called_at IS NULL OR called_at >= taken_at)
);

-- The waiting line of an office's day in order of arrival: "call next" reads only waiting tickets.
CREATE INDEX queue_tickets_waiting ON platform.queue_tickets (office_id, day, taken_at, id) WHERE status = 'waiting';
-- The hall display: the tickets called today, latest first.
CREATE INDEX queue_tickets_called ON platform.queue_tickets (office_id, day, called_at DESC) WHERE called_at IS NOT NULL;
-- Per office, service and month aggregates (the indicators) and the ticket of an application.
CREATE INDEX queue_tickets_by_office_service_day ON platform.queue_tickets (office_id, service_code, day);
CREATE INDEX queue_tickets_by_application ON platform.queue_tickets (application_id) WHERE application_id IS NOT NULL;

-- The key feedback links are signed with (HMAC-SHA256): made here, once, from PostgreSQL's strong
-- random source, so every host signs and checks with the same key without a setting to manage.
CREATE TABLE platform.feedback_link_keys (
    id         integer     PRIMARY KEY,
    secret     bytea       NOT NULL CHECK (length(secret) = 32),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO platform.feedback_link_keys (id, secret)
VALUES (1, sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')));

-- One answer per application (after issuance or refusal); office and service copied for the aggregates.
CREATE TABLE platform.feedback (
    application_id uuid        PRIMARY KEY REFERENCES platform.applications (id),
    office_id      text        NOT NULL REFERENCES platform.offices (id),
    service_code   text        NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('issued', 'refused')),
    quality        smallint    NOT NULL CHECK (quality BETWEEN 1 AND 5),
    information    smallint    NOT NULL CHECK (information BETWEEN 1 AND 5),
    courtesy       smallint    NOT NULL CHECK (courtesy BETWEEN 1 AND 5),
    channel        text        NOT NULL CHECK (channel IN ('link', 'portal')),
    answered_by    text        NOT NULL,
    answered_at    timestamptz NOT NULL
);
CREATE INDEX feedback_by_office_service_time ON platform.feedback (office_id, service_code, answered_at);
