-- The Citizenship module owns this schema; no other module reads its tables.
COMMENT ON SCHEMA citizenship IS 'Kazgov Citizenship module: citizenship';
