-- Hand-over windows are a fact of the service's catalogue entry (issuanceWindows); an office's
-- schedule lists serviceWindows only to override them. Schedules still as the directory loader
-- seeded them carried a copy of the catalogue's driver-licence and vehicle-registration windows;
-- drop that copy so that the catalogue decides. Schedules an administrator has set are kept.
UPDATE platform.office_schedules
SET schedule = jsonb_set(schedule, '{serviceWindows}', '[]'::jsonb)
WHERE updated_by = 'seed' AND version = 1 AND schedule ? 'serviceWindows';
