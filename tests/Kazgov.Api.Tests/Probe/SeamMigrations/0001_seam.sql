CREATE TABLE test_seam.registrations (
    application_id      uuid PRIMARY KEY,
    registration_number text NOT NULL,
    holder_iin          text NOT NULL
);
