-- Where a standard says only "within the term set by law" (address-certificate, residence-permit,
-- temporary-registration, permanent-residence §22) the catalogue gives no review term: such a
-- complaint has no computed due date and is never listed as overdue.
ALTER TABLE platform.complaints ALTER COLUMN review_term DROP NOT NULL;
ALTER TABLE platform.complaints ALTER COLUMN due_at DROP NOT NULL;
