-- The Weapons module owns this schema; no other module reads its tables.
COMMENT ON SCHEMA weapons IS 'Kazgov Weapons module: weapon-registration';
