-- The Licensing module owns this schema; no other module reads its tables.
COMMENT ON SCHEMA licensing IS 'Kazgov Licensing module: driver-licence';
