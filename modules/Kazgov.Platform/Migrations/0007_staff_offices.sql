-- Staff are bound to offices of the directory (the two were built side by side; now they meet).
ALTER TABLE platform.staff_users
    ADD CONSTRAINT staff_users_office FOREIGN KEY (office_id) REFERENCES platform.offices (id);
