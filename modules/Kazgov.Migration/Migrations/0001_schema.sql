-- The Migration module owns this schema; no other module reads its tables.
COMMENT ON SCHEMA migration IS 'Kazgov Migration module: residence-permit,temporary-registration,permanent-residence';
