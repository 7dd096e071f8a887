-- Reference data of the fee calculator and the deadline engine (reference/README.md). The defaults
-- ship as embedded files and are loaded where missing; operators edit these rows afterwards.

-- The monthly calculation index (MCI): one row per change, in force from effective_from (Asia/Almaty)
-- until the next row.
CREATE TABLE platform.mci_rates (
    effective_from date          PRIMARY KEY,
    kzt            numeric(12,2) NOT NULL CHECK (kzt > 0),
    changed_at     timestamptz   NOT NULL,
    changed_by     text          NOT NULL CHECK (length(changed_by) > 0)
);

-- Statutory days off besides Saturday and Sunday. A rule is either annual (month + day) or one
-- movable date (on_date, e.g. the first day of Kurban Ait). valid_from_year/valid_to_year bound
-- the years the rule applies to (17 December until 2021, 25 October again from 2022).
-- carry_over: when the day falls on a Saturday or Sunday, the next working day is a day off.
CREATE TABLE platform.holiday_rules (
    code            text        PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    kind            text        NOT NULL CHECK (kind IN ('national', 'religious')),
    month           smallint    CHECK (month BETWEEN 1 AND 12),
    day             smallint    CHECK (day BETWEEN 1 AND 31),
    on_date         date,
    valid_from_year integer,
    valid_to_year   integer,
    carry_over      boolean     NOT NULL,
    name_kk         text        NOT NULL CHECK (length(name_kk) > 0),
    name_ru         text        NOT NULL CHECK (length(name_ru) > 0),
    name_en         text        NOT NULL CHECK (length(name_en) > 0),
    source          text        NOT NULL,
    changed_at      timestamptz NOT NULL,
    changed_by      text        NOT NULL,
    CHECK ((month IS NULL) = (day IS NULL)),
    CHECK ((on_date IS NULL) <> (month IS NULL)),
    CHECK (valid_from_year IS NULL OR valid_to_year IS NULL OR valid_from_year <= valid_to_year)
);

-- Per-date decisions that beat the rules: the Government's yearly transfers of days off
-- (a Saturday made a working day, a weekday made a day off) and one-off days off.
CREATE TABLE platform.calendar_overrides (
    date       date        PRIMARY KEY,
    working    boolean     NOT NULL,
    reason_kk  text        NOT NULL CHECK (length(reason_kk) > 0),
    reason_ru  text        NOT NULL CHECK (length(reason_ru) > 0),
    reason_en  text        NOT NULL CHECK (length(reason_en) > 0),
    source     text,
    changed_at timestamptz NOT NULL,
    changed_by text        NOT NULL
);
