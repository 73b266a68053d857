-- Every reporting view reads the one row of reporting.settings; without it they would all return nothing, and a
-- dashboard would go blank without saying why. The row may be updated, never deleted: this trigger refuses.

CREATE FUNCTION reporting_internal.refuse_settings_removal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'reporting.settings holds the one row every reporting view reads: UPDATE it, do not remove it';
END
$$;

REVOKE ALL ON FUNCTION reporting_internal.refuse_settings_removal() FROM PUBLIC;

CREATE TRIGGER settings_row_is_kept
    BEFORE DELETE OR TRUNCATE ON reporting.settings
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_internal.refuse_settings_removal();
