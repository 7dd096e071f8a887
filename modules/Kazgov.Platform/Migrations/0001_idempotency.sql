-- Responses stored for Idempotency-Key retries (see IdempotencyMiddleware).
CREATE TABLE platform.idempotency_records (
    caller              text        NOT NULL,
    key                 text        NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
    method              text        NOT NULL,
    path                text        NOT NULL,
    request_fingerprint text        NOT NULL,
    status_code         integer     NOT NULL CHECK (status_code BETWEEN 200 AND 299),
    content_type        text,
    location            text,
    etag                text,
    body                bytea       NOT NULL,
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (caller, key)
);

CREATE INDEX idempotency_records_created_at ON platform.idempotency_records (created_at);
