-- Notifications leave through this outbox: rows are written in the same transaction as the
-- status change that causes them, and a background dispatcher delivers them at least once.
CREATE TABLE platform.outbox_messages (
    id               uuid        PRIMARY KEY,
    channel          text        NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient        text        NOT NULL,
    language         text        NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    subject          text        NOT NULL,
    body             text        NOT NULL,
    reference        text,                       -- what it is about, e.g. an application's registration number
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    delivered_at     timestamptz,
    last_error       text
);

-- The dispatcher's query: undelivered messages that are due. Partial, so delivered rows cost nothing.
CREATE INDEX outbox_messages_due ON platform.outbox_messages (next_attempt_at) WHERE delivered_at IS NULL;

CREATE TABLE platform.outbox_attempts (
    message_id   uuid        NOT NULL REFERENCES platform.outbox_messages (id),
    attempt      integer     NOT NULL,
    attempted_at timestamptz NOT NULL,
    succeeded    boolean     NOT NULL,
    error        text,
    PRIMARY KEY (message_id, attempt)
);
