CREATE TABLE test_probe.probes (
    id   bigserial PRIMARY KEY,
    name text NOT NULL
);
