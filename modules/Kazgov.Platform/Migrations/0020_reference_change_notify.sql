-- Reference data is cached in each host's memory (Kernel/Caching). A change of these tables, by the
-- API or by SQL, tells every host on commit which area to drop: one NOTIFY per statement, merged by
-- PostgreSQL within a transaction.
CREATE FUNCTION platform.notify_reference_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('kazgov_reference_changed', TG_ARGV[0]);
    RETURN NULL;
END
$$;

CREATE TRIGGER offices_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform.offices
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_reference_change('offices');
CREATE TRIGGER office_services_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform.office_services
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_reference_change('offices');
CREATE TRIGGER office_schedules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform.office_schedules
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_reference_change('offices');
CREATE TRIGGER holiday_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform.holiday_rules
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_reference_change('calendar');
CREATE TRIGGER calendar_overrides_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform.calendar_overrides
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_reference_change('calendar');
CREATE TRIGGER mci_rates_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform.mci_rates
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_reference_change('mci');
