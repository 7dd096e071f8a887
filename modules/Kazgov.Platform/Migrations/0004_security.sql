-- Who may do what (issue 5): staff users, API clients, refresh tokens and the append-only audit log.

-- Staff of the registration, migration, licensing units and address bureaus.
-- office_id names an office of the office directory (platform.offices); 0007 adds the foreign key
CREATE TABLE platform.staff_users (
    login               text        PRIMARY KEY CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    password_hash       text        NOT NULL,
    full_name           text        NOT NULL CHECK (length(btrim(full_name)) > 0),
    position            text        NOT NULL CHECK (length(btrim(position)) > 0),
    role                text        NOT NULL CHECK (role IN ('clerk', 'unit-head', 'auditor', 'admin')),
    office_id           text,
    -- The service codes (DESIGN.md) the user serves, e.g. {driver-licence}.
    service_codes       text[]      NOT NULL DEFAULT '{}',
    failed_attempts     integer     NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until        timestamptz,
    disabled            boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL,
    -- Clerks and unit heads work at one office; auditors and admins may be ministry-wide.
    CONSTRAINT staff_users_office_bound CHECK (role IN ('auditor', 'admin') OR office_id IS NOT NULL)
);

-- Integrators: the e-gov portal and third-party systems (OAuth 2.0 client credentials).
CREATE TABLE platform.api_clients (
    client_id             text        PRIMARY KEY CHECK (client_id ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    secret_hash           text        NOT NULL,
    display_name          text        NOT NULL CHECK (length(btrim(display_name)) > 0),
    -- "service-code:operation", e.g. driver-licence:submit.
    scopes                text[]      NOT NULL DEFAULT '{}',
    -- Requests per minute; NULL takes the configured default.
    rate_limit_per_minute integer     CHECK (rate_limit_per_minute > 0),
    disabled              boolean     NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL
);

-- Refresh tokens of staff sessions, stored as SHA-256 hashes only. A token is used once: using
-- it marks it used and issues the next one of the same family; presenting a used token again
-- revokes the whole family (a stolen token is worth one refresh at most).
CREATE TABLE platform.refresh_tokens (
    token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    login      text        NOT NULL REFERENCES platform.staff_users (login) ON DELETE CASCADE,
    family_id  uuid        NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > issued_at),
    used_at    timestamptz,
    revoked_at timestamptz
);

CREATE INDEX refresh_tokens_family ON platform.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_login ON platform.refresh_tokens (login);

-- Every read or change of personal data: who, when, which operation, whose data, from where.
CREATE TABLE platform.audit_log (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    actor_id       text        NOT NULL,
    actor_kind     text        NOT NULL CHECK (actor_kind IN ('staff', 'client', 'anonymous', 'system')),
    operation      text        NOT NULL CHECK (length(operation) > 0),
    subject_kind   text        NOT NULL CHECK (length(subject_kind) > 0),
    subject_id     text,
    object_id      text,
    service_code   text,
    office_id      text,
    remote_address text,
    correlation_id text
);

CREATE INDEX audit_log_subject ON platform.audit_log (subject_id, id) WHERE subject_id IS NOT NULL;
CREATE INDEX audit_log_actor ON platform.audit_log (actor_id, id);
CREATE INDEX audit_log_occurred_at ON platform.audit_log (occurred_at);

-- Append-only for every role, the table owner and the API's own role included: privileges do not
-- bind an owner or a superuser, a trigger does. Statement-level, so even an UPDATE or DELETE that
-- matches no row fails.
CREATE FUNCTION platform.audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'platform.audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON platform.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION platform.audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON platform.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION platform.audit_log_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON platform.audit_log FROM PUBLIC;
