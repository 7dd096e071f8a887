-- One language per page (issue 22): each office's name, district, town and address in Russian and
-- in Latin letters, from reference/office-names.json (OfficeDirectoryLoader). Null until the next
-- load; the API falls back to the seed's Kazakh text. search_text now holds all three.
ALTER TABLE platform.offices
    ADD COLUMN name_ru        text,
    ADD COLUMN district_ru    text,
    ADD COLUMN town_ru        text,
    ADD COLUMN address_ru     text,
    ADD COLUMN name_latin     text,
    ADD COLUMN district_latin text,
    ADD COLUMN town_latin     text,
    ADD COLUMN address_latin  text;

-- A unit head hands an application to another clerk of the office (Workload/README.md): the clerk
-- it is assigned to. Null: the clerk who accepted it (accepted_by), as before.
ALTER TABLE platform.applications ADD COLUMN assigned_to text;
-- The workload per clerk groups the office's open applications, which applications_open_by_due
-- already finds; no index of its own (the inbox's planner must keep choosing that one).
