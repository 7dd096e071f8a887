-- The inbox's search by name (ApplicationSearch.cs): the applicant's surname, name, patronymic and
-- organisation name, lower-cased, with Kazakh letters folded to the Russian ones they are typed as
-- (ә→а, ө→о, ү/ұ→у, қ→к, ғ→г, ң→н, і→и, һ→х, ё→е), searched with LIKE '%word%' through a
-- trigram index. Search by registration number uses its unique index; by IIN/BIN the index below
-- (0012 dropped the one on subject_id while nothing searched by it).
ALTER TABLE platform.applications ADD COLUMN applicant_search text GENERATED ALWAYS AS (
    translate(
        lower(coalesce(applicant ->> 'lastName', '') || ' ' || coalesce(applicant ->> 'firstName', '') || ' '
            || coalesce(applicant ->> 'middleName', '') || ' ' || coalesce(applicant ->> 'organisationName', '')),
        'әөүұқғңіһё', 'аоуукгнихе')
) STORED;

CREATE INDEX applications_applicant_search ON platform.applications USING gin (applicant_search public.gin_trgm_ops);

CREATE INDEX applications_by_subject ON platform.applications (subject_id);
