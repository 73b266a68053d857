-- Settings: a threshold under 10 needs an explicit override (the reason in the transaction setting
-- student_metrics.disclosure_override), and every change is logged and takes effect at once (a full refresh).
CREATE FUNCTION reporting_internal.guard_settings_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    reason text := nullif(btrim(current_setting('student_metrics.disclosure_override', true)), '');
BEGIN
    IF NEW.min_group_size < 10 AND NEW.min_group_size IS DISTINCT FROM OLD.min_group_size AND reason IS NULL THEN
        RAISE EXCEPTION 'min_group_size % is under 10: an override must say why, in the same transaction: SET LOCAL student_metrics.disclosure_override = ''<reason>''', NEW.min_group_size
            USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO reporting.settings_changes (previous, current, override_reason)
    VALUES (to_jsonb(OLD) - 'singleton', to_jsonb(NEW) - 'singleton', CASE WHEN NEW.min_group_size < 10 THEN reason END);
    RETURN NEW;
END
$fn$;

CREATE TRIGGER settings_change_is_guarded
    BEFORE UPDATE ON reporting.settings
    FOR EACH ROW EXECUTE FUNCTION reporting_internal.guard_settings_change();
