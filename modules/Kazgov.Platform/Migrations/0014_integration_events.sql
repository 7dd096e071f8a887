-- Integration events: what one module tells the others (e.g. an application changed status, a
-- temporary registration was made), written in the transaction of the change that caused it.
-- tx is the writing transaction's id: subscribers read in (tx, id) order and only below the oldest
-- transaction still running, so an event that commits late never slips behind a subscriber's cursor.
CREATE TABLE platform.integration_events (
    id          bigserial   PRIMARY KEY,
    tx          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    type        text        NOT NULL,
    payload     jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX integration_events_by_type ON platform.integration_events (type, tx, id);

-- One row per subscriber: how far it has read, and its trouble when a handler fails.
CREATE TABLE platform.integration_event_subscriptions (
    subscriber  text        PRIMARY KEY,
    last_tx     xid8        NOT NULL DEFAULT '0',
    last_id     bigint      NOT NULL DEFAULT 0,
    failures    integer     NOT NULL DEFAULT 0,
    last_error  text,
    retry_at    timestamptz
);
