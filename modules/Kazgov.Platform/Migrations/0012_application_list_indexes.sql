-- The application list reads by (office, due moment, id); the open inbox keeps applications_open_by_due.
-- Indexes no query reads are dropped: every index costs each submission and transition a write.
DROP INDEX platform.applications_by_office;
DROP INDEX platform.applications_by_subject;

-- Closed or all applications of an office, by due date (status=closed|all or a closed status).
CREATE INDEX applications_by_office_due ON platform.applications (office_id, due_at, id);

-- An integrator's own applications (its list is scoped by submitted_by), by due date.
CREATE INDEX applications_by_submitter_due ON platform.applications (submitted_by, due_at, id);
