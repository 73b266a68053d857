-- The bridges of an undirected graph on vertices 1..p_vertices with edges (p_a[i], p_b[i]): Tarjan's low-link
-- depth-first search, iterative (no recursion depth limit). Returns one flag per edge.
CREATE FUNCTION reporting_internal.bridges(p_vertices integer, p_a integer[], p_b integer[])
RETURNS boolean[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $fn$
DECLARE
    m        integer := coalesce(array_length(p_a, 1), 0);
    deg      integer[] := array_fill(0, ARRAY[p_vertices + 1]);
    head_at  integer[] := array_fill(0, ARRAY[p_vertices + 1]);
    fill     integer[];
    adj_v    integer[] := array_fill(0, ARRAY[greatest(2 * m, 1)]);
    adj_e    integer[] := array_fill(0, ARRAY[greatest(2 * m, 1)]);
    disc     integer[] := array_fill(0, ARRAY[p_vertices]);
    low      integer[] := array_fill(0, ARRAY[p_vertices]);
    via      integer[] := array_fill(0, ARRAY[p_vertices]);
    next_at  integer[] := array_fill(0, ARRAY[p_vertices]);
    stack    integer[] := array_fill(0, ARRAY[p_vertices]);
    bridge   boolean[] := array_fill(false, ARRAY[greatest(m, 1)]);
    top      integer := 0;
    clock    integer := 0;
    i integer; v integer; w integer; e integer; u integer;
BEGIN
    FOR i IN 1..m LOOP
        deg[p_a[i]] := deg[p_a[i]] + 1;
        deg[p_b[i]] := deg[p_b[i]] + 1;
    END LOOP;
    head_at[1] := 1;
    FOR v IN 1..p_vertices LOOP
        head_at[v + 1] := head_at[v] + deg[v];
    END LOOP;
    fill := head_at;
    FOR i IN 1..m LOOP
        adj_v[fill[p_a[i]]] := p_b[i]; adj_e[fill[p_a[i]]] := i; fill[p_a[i]] := fill[p_a[i]] + 1;
        adj_v[fill[p_b[i]]] := p_a[i]; adj_e[fill[p_b[i]]] := i; fill[p_b[i]] := fill[p_b[i]] + 1;
    END LOOP;

    FOR i IN 1..p_vertices LOOP
        CONTINUE WHEN disc[i] <> 0 OR deg[i] = 0;
        clock := clock + 1; disc[i] := clock; low[i] := clock; via[i] := 0; next_at[i] := head_at[i];
        top := 1; stack[1] := i;
        WHILE top > 0 LOOP
            v := stack[top];
            IF next_at[v] < head_at[v + 1] THEN
                w := adj_v[next_at[v]];
                e := adj_e[next_at[v]];
                next_at[v] := next_at[v] + 1;
                CONTINUE WHEN e = via[v];
                IF disc[w] = 0 THEN
                    clock := clock + 1; disc[w] := clock; low[w] := clock; via[w] := e; next_at[w] := head_at[w];
                    top := top + 1; stack[top] := w;
                ELSIF disc[w] < low[v] THEN
                    low[v] := disc[w];
                END IF;
            ELSE
                top := top - 1;
                IF top > 0 THEN
                    u := stack[top];
                    IF low[v] < low[u] THEN
                        low[u] := low[v];
                    END IF;
                    IF low[v] > disc[u] THEN
                        bridge[via[v]] := true;
                    END IF;
                END IF;
            END IF;
        END LOOP;
    END LOOP;
    RETURN bridge[1:m];
END
$fn$;
