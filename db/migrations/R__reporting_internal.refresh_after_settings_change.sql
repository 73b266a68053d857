-- A settings change takes effect at once: every cell is released and decided again under the new thresholds (the
-- change itself is logged by reporting_internal.guard_settings_change).
CREATE FUNCTION reporting_internal.refresh_after_settings_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM reporting_internal.refresh_student_metrics(p_release_all => true);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER settings_change_refreshes
    AFTER UPDATE ON reporting.settings
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_internal.refresh_after_settings_change();
