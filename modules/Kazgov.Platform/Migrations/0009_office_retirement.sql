-- Offices are loaded from reference/offices.json (issue 11 §7, issue 12). Their ids are stable
-- and an office that leaves the file is retired, never deleted: applications, complaints and staff
-- accounts reference it. A retired office is hidden from the directory search and still readable by id.
ALTER TABLE platform.offices ADD COLUMN retired_at timestamptz;
