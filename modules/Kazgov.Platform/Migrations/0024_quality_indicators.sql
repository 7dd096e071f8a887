-- The quality indicators of the standards' appendices (issue 21, second half). See Indicators/README.md.
--
-- One row per office, service and local day (Asia/Almaty) with the counts the indicators divide.
-- Triggers on the source tables keep it current in the same transaction as the change, so a
-- month, quarter or year for every office is a GROUP BY over at most 366 day rows per office and
-- service, never a scan of the applications or tickets.

-- The unit head records, when answering, whether the complaint was found justified (indicators
-- 4.1 and 4.2). Optional: answers given before, or without a finding, stay null.
ALTER TABLE platform.complaints ADD COLUMN justified boolean;
ALTER TABLE platform.complaints ADD CONSTRAINT complaints_justified_when_answered CHECK (justified IS NULL OR status = 'answered');

CREATE TABLE platform.indicator_days (
    day                   date    NOT NULL,
    office_id             text    NOT NULL,
    service_code          text    NOT NULL,
    -- Applications issued or refused this day, and how many of them at or before their due instant.
    decided               integer NOT NULL DEFAULT 0,
    decided_in_term       integer NOT NULL DEFAULT 0,
    -- Tickets called this day, those with a norm, and those whose wait was at most their own norm.
    tickets_called        integer NOT NULL DEFAULT 0,
    tickets_normed        integer NOT NULL DEFAULT 0,
    tickets_within_norm   integer NOT NULL DEFAULT 0,
    -- Feedback answered this day and how many rated each question 4 or 5 ("satisfied").
    feedback              integer NOT NULL DEFAULT 0,
    quality_satisfied     integer NOT NULL DEFAULT 0,
    information_satisfied integer NOT NULL DEFAULT 0,
    courtesy_satisfied    integer NOT NULL DEFAULT 0,
    -- Complaints answered this day: all, found justified, justified with a term, and of those answered in term.
    complaints_answered   integer NOT NULL DEFAULT 0,
    justified             integer NOT NULL DEFAULT 0,
    justified_with_term   integer NOT NULL DEFAULT 0,
    justified_in_term     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day, office_id, service_code)
);
CREATE INDEX indicator_days_by_office ON platform.indicator_days (office_id, day);

-- Adds the deltas to the day row (created on first use). The row lock serialises concurrent
-- writers of the same office, service and day only.
CREATE FUNCTION platform.indicator_bump(
    p_day date, p_office text, p_service text,
    p_decided int DEFAULT 0, p_decided_in_term int DEFAULT 0,
    p_called int DEFAULT 0, p_normed int DEFAULT 0, p_within int DEFAULT 0,
    p_feedback int DEFAULT 0, p_quality int DEFAULT 0, p_information int DEFAULT 0, p_courtesy int DEFAULT 0,
    p_answered int DEFAULT 0, p_justified int DEFAULT 0, p_justified_with_term int DEFAULT 0, p_justified_in_term int DEFAULT 0)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO platform.indicator_days AS d (day, office_id, service_code, decided, decided_in_term, tickets_called, tickets_normed,
        tickets_within_norm, feedback, quality_satisfied, information_satisfied, courtesy_satisfied, complaints_answered, justified,
        justified_with_term, justified_in_term)
    VALUES (p_day, p_office, p_service, p_decided, p_decided_in_term, p_called, p_normed, p_within, p_feedback, p_quality,
        p_information, p_courtesy, p_answered, p_justified, p_justified_with_term, p_justified_in_term)
    ON CONFLICT (day, office_id, service_code) DO UPDATE SET
        decided = d.decided + excluded.decided,
        decided_in_term = d.decided_in_term + excluded.decided_in_term,
        tickets_called = d.tickets_called + excluded.tickets_called,
        tickets_normed = d.tickets_normed + excluded.tickets_normed,
        tickets_within_norm = d.tickets_within_norm + excluded.tickets_within_norm,
        feedback = d.feedback + excluded.feedback,
        quality_satisfied = d.quality_satisfied + excluded.quality_satisfied,
        information_satisfied = d.information_satisfied + excluded.information_satisfied,
        courtesy_satisfied = d.courtesy_satisfied + excluded.courtesy_satisfied,
        complaints_answered = d.complaints_answered + excluded.complaints_answered,
        justified = d.justified + excluded.justified,
        justified_with_term = d.justified_with_term + excluded.justified_with_term,
        justified_in_term = d.justified_in_term + excluded.justified_in_term;
$$;

-- Applications: the event that ends the lifecycle with a result (issued or refused). The due
-- instant is the application's, already moved by every suspension as the lifecycle counts them.
-- application_events is append-only, so an insert is the only change to follow.
CREATE FUNCTION platform.indicator_on_application_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a record;
BEGIN
    SELECT office_id, service_code, due_at INTO a FROM platform.applications WHERE id = NEW.application_id;
    PERFORM platform.indicator_bump((NEW.at AT TIME ZONE 'Asia/Almaty')::date, a.office_id, a.service_code,
        p_decided => 1, p_decided_in_term => (NEW.at <= a.due_at)::int);
    RETURN NULL;
END;
$$;
CREATE TRIGGER application_events_indicators AFTER INSERT ON platform.application_events
    FOR EACH ROW WHEN (NEW.to_status IN ('issued', 'refused') AND NEW.from_status IS DISTINCT FROM NEW.to_status)
    EXECUTE FUNCTION platform.indicator_on_application_event();

-- Tickets: counted on the day they belong to once called (the wait is fixed then); a change or
-- a deletion takes the old contribution back.
CREATE FUNCTION platform.indicator_on_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.called_at IS NOT NULL THEN
        PERFORM platform.indicator_bump(OLD.day, OLD.office_id, OLD.service_code,
            p_called => -1, p_normed => -(OLD.norm_minutes IS NOT NULL)::int,
            p_within => -(coalesce(OLD.wait_minutes <= OLD.norm_minutes, false))::int);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.called_at IS NOT NULL THEN
        PERFORM platform.indicator_bump(NEW.day, NEW.office_id, NEW.service_code,
            p_called => 1, p_normed => (NEW.norm_minutes IS NOT NULL)::int,
            p_within => (coalesce(NEW.wait_minutes <= NEW.norm_minutes, false))::int);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER queue_tickets_indicators AFTER INSERT OR DELETE ON platform.queue_tickets
    FOR EACH ROW EXECUTE FUNCTION platform.indicator_on_ticket();
-- Serving or a no-show changes nothing the indicators count: only the call, the wait or the norm.
CREATE TRIGGER queue_tickets_indicators_update AFTER UPDATE ON platform.queue_tickets
    FOR EACH ROW WHEN (OLD.called_at IS DISTINCT FROM NEW.called_at OR OLD.wait_minutes IS DISTINCT FROM NEW.wait_minutes
        OR OLD.norm_minutes IS DISTINCT FROM NEW.norm_minutes OR OLD.day IS DISTINCT FROM NEW.day
        OR OLD.office_id IS DISTINCT FROM NEW.office_id OR OLD.service_code IS DISTINCT FROM NEW.service_code)
    EXECUTE FUNCTION platform.indicator_on_ticket();

-- Feedback: one answer per application, counted on the local day it was answered.
CREATE FUNCTION platform.indicator_on_feedback() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM platform.indicator_bump((OLD.answered_at AT TIME ZONE 'Asia/Almaty')::date, OLD.office_id, OLD.service_code,
            p_feedback => -1, p_quality => -(OLD.quality >= 4)::int, p_information => -(OLD.information >= 4)::int,
            p_courtesy => -(OLD.courtesy >= 4)::int);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM platform.indicator_bump((NEW.answered_at AT TIME ZONE 'Asia/Almaty')::date, NEW.office_id, NEW.service_code,
            p_feedback => 1, p_quality => (NEW.quality >= 4)::int, p_information => (NEW.information >= 4)::int,
            p_courtesy => (NEW.courtesy >= 4)::int);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER feedback_indicators AFTER INSERT OR UPDATE OR DELETE ON platform.feedback
    FOR EACH ROW EXECUTE FUNCTION platform.indicator_on_feedback();

-- Complaints: counted on the local day they were answered; "in term" is at or before the due instant.
CREATE FUNCTION platform.indicator_on_complaint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.answered_at IS NOT NULL THEN
        PERFORM platform.indicator_bump((OLD.answered_at AT TIME ZONE 'Asia/Almaty')::date, OLD.office_id, OLD.service_code,
            p_answered => -1, p_justified => -(coalesce(OLD.justified, false))::int,
            p_justified_with_term => -(coalesce(OLD.justified, false) AND OLD.due_at IS NOT NULL)::int,
            p_justified_in_term => -(coalesce(OLD.justified AND OLD.answered_at <= OLD.due_at, false))::int);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.answered_at IS NOT NULL THEN
        PERFORM platform.indicator_bump((NEW.answered_at AT TIME ZONE 'Asia/Almaty')::date, NEW.office_id, NEW.service_code,
            p_answered => 1, p_justified => (coalesce(NEW.justified, false))::int,
            p_justified_with_term => (coalesce(NEW.justified, false) AND NEW.due_at IS NOT NULL)::int,
            p_justified_in_term => (coalesce(NEW.justified AND NEW.answered_at <= NEW.due_at, false))::int);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER complaints_indicators AFTER INSERT OR DELETE ON platform.complaints
    FOR EACH ROW EXECUTE FUNCTION platform.indicator_on_complaint();
CREATE TRIGGER complaints_indicators_update AFTER UPDATE ON platform.complaints
    FOR EACH ROW WHEN (OLD.answered_at IS DISTINCT FROM NEW.answered_at OR OLD.justified IS DISTINCT FROM NEW.justified
        OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.office_id IS DISTINCT FROM NEW.office_id
        OR OLD.service_code IS DISTINCT FROM NEW.service_code)
    EXECUTE FUNCTION platform.indicator_on_complaint();

-- The same counts straight from the source rows: what the triggers must have built. Used to fill
-- the table once here, by the benchmark's bulk generator, and to check the rollup.
CREATE VIEW platform.indicator_days_from_sources AS
SELECT day, office_id, service_code,
       sum(decided)::int AS decided, sum(decided_in_term)::int AS decided_in_term,
       sum(tickets_called)::int AS tickets_called, sum(tickets_normed)::int AS tickets_normed,
       sum(tickets_within_norm)::int AS tickets_within_norm,
       sum(feedback)::int AS feedback, sum(quality_satisfied)::int AS quality_satisfied,
       sum(information_satisfied)::int AS information_satisfied, sum(courtesy_satisfied)::int AS courtesy_satisfied,
       sum(complaints_answered)::int AS complaints_answered, sum(justified)::int AS justified,
       sum(justified_with_term)::int AS justified_with_term, sum(justified_in_term)::int AS justified_in_term
FROM (
    SELECT (e.at AT TIME ZONE 'Asia/Almaty')::date AS day, a.office_id, a.service_code,
           1 AS decided, (e.at <= a.due_at)::int AS decided_in_term,
           0 AS tickets_called, 0 AS tickets_normed, 0 AS tickets_within_norm,
           0 AS feedback, 0 AS quality_satisfied, 0 AS information_satisfied, 0 AS courtesy_satisfied,
           0 AS complaints_answered, 0 AS justified, 0 AS justified_with_term, 0 AS justified_in_term
    FROM platform.application_events e JOIN platform.applications a ON a.id = e.application_id
    WHERE e.to_status IN ('issued', 'refused') AND e.from_status IS DISTINCT FROM e.to_status
    UNION ALL
    SELECT t.day, t.office_id, t.service_code, 0, 0,
           1, (t.norm_minutes IS NOT NULL)::int, (coalesce(t.wait_minutes <= t.norm_minutes, false))::int,
           0, 0, 0, 0, 0, 0, 0, 0
    FROM platform.queue_tickets t WHERE t.called_at IS NOT NULL
    UNION ALL
    SELECT (f.answered_at AT TIME ZONE 'Asia/Almaty')::date, f.office_id, f.service_code, 0, 0, 0, 0, 0,
           1, (f.quality >= 4)::int, (f.information >= 4)::int, (f.courtesy >= 4)::int, 0, 0, 0, 0
    FROM platform.feedback f
    UNION ALL
    SELECT (c.answered_at AT TIME ZONE 'Asia/Almaty')::date, c.office_id, c.service_code, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           1, (coalesce(c.justified, false))::int, (coalesce(c.justified, false) AND c.due_at IS NOT NULL)::int,
           (coalesce(c.justified AND c.answered_at <= c.due_at, false))::int
    FROM platform.complaints c WHERE c.answered_at IS NOT NULL
) s
GROUP BY day, office_id, service_code;

INSERT INTO platform.indicator_days SELECT * FROM platform.indicator_days_from_sources;
