-- A coded value as text: '< 4%', '≥ 99.5%' (p_percent) or '≥ 99.5' (a score).
CREATE FUNCTION reporting_internal.coded_text(p_op text, p_bound numeric, p_percent boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN p_op IS NOT NULL THEN
    p_op || ' ' || rtrim(rtrim(to_char(p_bound * 100, 'FM990.0'), '0'), '.') || CASE WHEN p_percent THEN '%' ELSE '' END
END;

-- The views call it as the reader (PostgreSQL checks a function's EXECUTE right against the caller); it only
-- reshapes the values it is given.
REVOKE ALL ON FUNCTION reporting_internal.coded_text(text, numeric, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting_internal.coded_text(text, numeric, boolean) TO student_metrics_reporting;
