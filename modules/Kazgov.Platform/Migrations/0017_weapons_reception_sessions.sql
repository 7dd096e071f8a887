-- Weapon-registration §10 [L14246]: the public is received in sessions, at least twice a week by
-- day, twice in the evening and twice a month on days off. Schedules now carry those sessions
-- ("receptions"); weapons units whose schedule has none get the default the directory loader gives a
-- new one (OfficeSchedule.WeaponsReception): Tuesday and Thursday 09:00-13:00 and 18:00-20:00, and
-- the 1st and 3rd Saturday 10:00-13:00. The change is audited like an admin's.
WITH changed AS (
    UPDATE platform.office_schedules s
    SET schedule = s.schedule || jsonb_build_object('receptions', jsonb_build_array(
            jsonb_build_object('service', 'weapon-registration', 'day', 'tuesday', 'from', '09:00:00', 'to', '13:00:00'),
            jsonb_build_object('service', 'weapon-registration', 'day', 'tuesday', 'from', '18:00:00', 'to', '20:00:00'),
            jsonb_build_object('service', 'weapon-registration', 'day', 'thursday', 'from', '09:00:00', 'to', '13:00:00'),
            jsonb_build_object('service', 'weapon-registration', 'day', 'thursday', 'from', '18:00:00', 'to', '20:00:00'),
            jsonb_build_object('service', 'weapon-registration', 'day', 'saturday', 'from', '10:00:00', 'to', '13:00:00', 'weeksOfMonth', jsonb_build_array(1, 3)))),
        version = s.version + 1,
        updated_at = now(),
        updated_by = 'migration'
    FROM platform.office_services os
    WHERE os.office_id = s.office_id AND os.service_code = 'weapon-registration'
      AND NOT (s.schedule ? 'receptions' AND jsonb_typeof(s.schedule -> 'receptions') = 'array')
    RETURNING s.office_id, s.version, s.schedule
)
INSERT INTO platform.office_schedule_audit (office_id, changed_at, changed_by, old_version, new_version, old_schedule, new_schedule)
SELECT office_id, now(), 'migration', version - 1, version, schedule - 'receptions', schedule FROM changed;
