-- The Vehicles module owns this schema; no other module reads its tables.
COMMENT ON SCHEMA vehicles IS 'Kazgov Vehicles module: vehicle-registration,proxy-driver-registration';
