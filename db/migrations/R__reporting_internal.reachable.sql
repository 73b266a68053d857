-- The vertices reachable from p_from without crossing edge p_skip.
CREATE FUNCTION reporting_internal.reachable(p_vertices integer, p_a integer[], p_b integer[], p_skip integer, p_from integer)
RETURNS boolean[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $fn$
DECLARE
    m       integer := coalesce(array_length(p_a, 1), 0);
    seen    boolean[] := array_fill(false, ARRAY[p_vertices]);
    changed boolean := true;
    i integer;
BEGIN
    seen[p_from] := true;
    -- Edges are few (a term's schools times grades); sweeping them until nothing changes is simple and fast enough.
    WHILE changed LOOP
        changed := false;
        FOR i IN 1..m LOOP
            CONTINUE WHEN i = p_skip OR seen[p_a[i]] = seen[p_b[i]];
            seen[p_a[i]] := true;
            seen[p_b[i]] := true;
            changed := true;
        END LOOP;
    END LOOP;
    RETURN seen;
END
$fn$;
