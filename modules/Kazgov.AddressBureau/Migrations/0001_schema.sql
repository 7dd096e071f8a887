-- The AddressBureau module owns this schema; no other module reads its tables.
COMMENT ON SCHEMA address_bureau IS 'Kazgov AddressBureau module: address-certificate';
