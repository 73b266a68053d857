-- One measure's decision for a margin, from its decisions document (NULLs when the measure has none there).
CREATE FUNCTION reporting_internal.decision(p_decisions jsonb, p_measure text)
RETURNS TABLE (status text, reason text, code_op text, code_bound numeric)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT x.d ->> 'status', x.d ->> 'reason', x.d ->> 'op', (x.d ->> 'bound')::numeric
      FROM (SELECT p_decisions -> p_measure AS d) x;
$fn$;

-- The views call it as the reader (PostgreSQL checks a function's EXECUTE right against the caller); it only
-- reshapes the value it is given.
REVOKE ALL ON FUNCTION reporting_internal.decision(jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting_internal.decision(jsonb, text) TO student_metrics_reporting;
