-- Webhooks and the change feed (Integrations/README.md).

-- Each status change of an application counts up from 1 (the submission): the per-application
-- sequence number integrators see in webhooks and the change feed. Existing applications start
-- from the number of changes their history already holds.
ALTER TABLE platform.applications ADD COLUMN status_sequence integer NOT NULL DEFAULT 1;
UPDATE platform.applications a
SET status_sequence = greatest(1, (SELECT count(*) FROM platform.application_events e WHERE e.application_id = a.id AND e.to_status IS NOT NULL));

-- The change feed reads one client's events (payload.submittedBy) in (tx, id) order.
CREATE INDEX integration_events_by_submitter ON platform.integration_events (type, (payload ->> 'submittedBy'), tx, id);

-- A client's subscriptions: where to send which events of which services, and the signing secrets.
-- During a rotation's grace period the previous secret signs too (two signatures in one header).
CREATE TABLE platform.webhook_subscriptions (
    id                     uuid        PRIMARY KEY,
    client_id              text        NOT NULL,
    url                    text        NOT NULL,
    event_types            text[]      NOT NULL,
    services               text[]      NOT NULL,
    secret                 text        NOT NULL,
    previous_secret        text,
    previous_secret_until  timestamptz,
    enabled                boolean     NOT NULL DEFAULT true,
    disabled_reason        text,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_by_client ON platform.webhook_subscriptions (client_id);

-- One row per (event, subscription): written in the transaction that moves the integration event
-- cursor "webhooks", so every event reaches every matching subscription exactly once; sent at
-- least once from here. (event_tx, event_id) is the commit order a subscription's deliveries go out in.
CREATE TABLE platform.webhook_deliveries (
    id                     uuid        PRIMARY KEY,
    subscription_id        uuid        NOT NULL REFERENCES platform.webhook_subscriptions (id) ON DELETE CASCADE,
    client_id              text        NOT NULL,
    event_id               bigint      NOT NULL,
    event_tx               xid8        NOT NULL,
    event_type             text        NOT NULL,
    application_id         uuid        NOT NULL,
    sequence               integer     NOT NULL,
    payload                jsonb       NOT NULL,
    occurred_at            timestamptz NOT NULL,
    next_attempt_at        timestamptz NOT NULL,
    first_failed_at        timestamptz,
    attempts               integer     NOT NULL DEFAULT 0,
    last_status            integer,
    last_error             text,
    delivered_at           timestamptz,
    dead_at                timestamptz,
    replayed_at            timestamptz,
    claimed_by             text,
    claimed_until          timestamptz,
    UNIQUE (subscription_id, event_id)
);
-- The head of each subscription's queue: its oldest delivery not yet delivered nor dead.
CREATE INDEX webhook_deliveries_pending ON platform.webhook_deliveries (subscription_id, event_tx, event_id)
    WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX webhook_deliveries_by_client ON platform.webhook_deliveries (client_id, occurred_at, id);

CREATE TABLE platform.webhook_attempts (
    delivery_id   uuid        NOT NULL REFERENCES platform.webhook_deliveries (id) ON DELETE CASCADE,
    attempt       integer     NOT NULL,
    attempted_at  timestamptz NOT NULL,
    status_code   integer,
    error         text,
    duration_ms   integer     NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
