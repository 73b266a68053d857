-- An administrator's release of the changes held back (for example at the end of a term), with the reason logged.
-- Releasing lets two snapshots differ by fewer than min_group_size students: that is the risk the reason accepts.
CREATE FUNCTION reporting_internal.release_held_changes(p_reason text)
RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    held bigint;
BEGIN
    IF p_reason IS NULL OR length(btrim(p_reason)) = 0 THEN
        RAISE EXCEPTION 'release_held_changes needs a reason; it is logged in reporting.disclosure_overrides'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) INTO held FROM reporting_internal.cells WHERE pending_changes > 0;
    INSERT INTO reporting.disclosure_overrides (action, reason) VALUES (format('released %s held cells', held), p_reason);
    PERFORM reporting_internal.refresh_student_metrics(p_release_all => true);
    RETURN held;
END
$fn$;
