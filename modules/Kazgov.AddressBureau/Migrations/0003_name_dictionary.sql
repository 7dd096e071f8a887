-- Fuzzy name search at national scale. A trigram index over every person's whole name reads posting
-- lists of millions of rows for common trigrams (0.9 s a search at 1 M residents, linear beyond).
-- Surnames and first names repeat, so the fuzzy step runs over the dictionary of distinct normalised
-- parts (thousands of rows, not millions), and the persons are then read through the name index
-- for the best few (surname, first name) pairs only: the work per search is bounded whatever the size.
CREATE TABLE address_bureau.name_parts (
    kind text NOT NULL CHECK (kind IN ('last', 'first')),
    part text NOT NULL,
    PRIMARY KEY (kind, part)
);
CREATE INDEX name_parts_trgm ON address_bureau.name_parts USING gin (part public.gin_trgm_ops);

INSERT INTO address_bureau.name_parts (kind, part)
SELECT DISTINCT 'last', search_last FROM address_bureau.persons
UNION
SELECT DISTINCT 'first', search_first FROM address_bureau.persons;

DROP INDEX address_bureau.persons_search_trgm;
-- The patronymic rides in the name index so that candidates are scored without reading the table.
DROP INDEX address_bureau.persons_name_birth;
CREATE INDEX persons_name_birth ON address_bureau.persons (search_last, search_first, birth_date) INCLUDE (search_middle);
