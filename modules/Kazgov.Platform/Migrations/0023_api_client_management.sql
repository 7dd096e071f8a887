-- Integrator client management (Security/README.md, "Integrator clients").

-- A client authenticates with a shared secret (client_secret) or with a JWT it signs with its own
-- private key (private_key_jwt, RFC 7523), whose public keys are kept here as a JWK Set.
-- Rotating a secret keeps the previous one valid until previous_secret_until (the overlap).
-- A deleted client keeps its row, without credentials, so that its id is never reused and the
-- history that names it ("client:<id>") stays unambiguous.
ALTER TABLE platform.api_clients
    ALTER COLUMN secret_hash DROP NOT NULL,
    ADD COLUMN auth_method text NOT NULL DEFAULT 'client_secret' CHECK (auth_method IN ('client_secret', 'private_key_jwt')),
    ADD COLUMN jwks jsonb,
    ADD COLUMN previous_secret_hash text,
    ADD COLUMN previous_secret_until timestamptz,
    ADD COLUMN secret_rotated_at timestamptz,
    ADD COLUMN updated_at timestamptz,
    ADD COLUMN deleted_at timestamptz,
    ADD CONSTRAINT api_clients_credentials CHECK (
        deleted_at IS NOT NULL
        OR (auth_method = 'client_secret' AND secret_hash IS NOT NULL AND jwks IS NULL)
        OR (auth_method = 'private_key_jwt' AND jwks IS NOT NULL AND secret_hash IS NULL)),
    ADD CONSTRAINT api_clients_deleted_without_credentials CHECK (
        deleted_at IS NULL OR (secret_hash IS NULL AND previous_secret_hash IS NULL AND jwks IS NULL));

-- Every host keeps the client's state (disabled, deleted, rate limit) in memory for the bearer
-- check of each request; a change drops it everywhere (Kernel/Caching, migration 0020).
CREATE TRIGGER api_clients_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform.api_clients
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_reference_change('clients');

-- Requests per client, day (Asia/Almaty) and operation (the endpoint's name): counted in each
-- host's memory and added here every few seconds, so a request costs no write of its own.
CREATE TABLE platform.api_client_usage (
    client_id      text        NOT NULL,
    day            date        NOT NULL,
    operation      text        NOT NULL,
    requests       bigint      NOT NULL,
    client_errors  bigint      NOT NULL,
    server_errors  bigint      NOT NULL,
    rate_limited   bigint      NOT NULL,
    last_used_at   timestamptz NOT NULL,
    PRIMARY KEY (client_id, day, operation)
);

-- The ids (jti) of client assertions already used, until they expire: an assertion is good once.
CREATE TABLE platform.client_assertion_ids (
    client_id   text        NOT NULL,
    jti         text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (client_id, jti)
);
