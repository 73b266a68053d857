-- Complementary suppression for one feed, measure and term, on the decisions already made for its margins.
CREATE FUNCTION reporting_internal.complement_partition(p_feed text, p_measure text, p_term text, p_min integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    row_keys   text[];
    col_keys   text[];
    rows_n     integer;
    cols_n     integer;
    vn         bigint[];
    hidden     boolean[];
    total_hidden boolean;
    cell_a     integer[];
    cell_b     integer[];
    cell_sens  boolean[];
    cells_n    integer;
    star_r     integer;
    star_c     integer;
    ea integer[]; eb integer[]; slack_of integer[];
    is_bridge  boolean[];
    side_a     boolean[];
    side_b     boolean[];
    violation  integer;
    chosen     integer;
    best_n     bigint;
    added      integer := 0;
    v integer; i integer; side integer; star integer; on_a boolean; star_on_a boolean;
BEGIN
    SELECT array_agg(d.row_key ORDER BY d.row_key) FILTER (WHERE d.scope = 'row'),
           array_agg(d.col_key ORDER BY d.col_key) FILTER (WHERE d.scope = 'column'),
           bool_or(d.status <> 'shown') FILTER (WHERE d.scope = 'total')
      INTO row_keys, col_keys, total_hidden
      FROM reporting_internal.disclosure_decisions d
     WHERE d.feed = p_feed AND d.measure = p_measure AND d.term = p_term;
    rows_n := coalesce(array_length(row_keys, 1), 0);
    cols_n := coalesce(array_length(col_keys, 1), 0);
    IF rows_n = 0 OR cols_n = 0 THEN
        RETURN 0;
    END IF;
    star_r := rows_n + cols_n + 1;
    star_c := rows_n + cols_n + 2;

    -- Vertices in the order of row_keys then col_keys (both sorted by key): rows 1..rows_n, columns after them.
    SELECT array_agg(d.n ORDER BY d.scope <> 'row', d.row_key, d.col_key), array_agg(d.status <> 'shown' ORDER BY d.scope <> 'row', d.row_key, d.col_key)
      INTO vn, hidden
      FROM reporting_internal.disclosure_decisions d
     WHERE d.feed = p_feed AND d.measure = p_measure AND d.term = p_term AND d.scope IN ('row', 'column');

    SELECT array_agg(array_position(row_keys, x.row_key) ORDER BY x.row_key, x.col_key),
           array_agg(rows_n + array_position(col_keys, x.col_key) ORDER BY x.row_key, x.col_key),
           array_agg(x.sensitive ORDER BY x.row_key, x.col_key)
      INTO cell_a, cell_b, cell_sens
      FROM (SELECT c.row_key, c.col_key,
                   bool_or(reporting_internal.is_sensitive(c.kind, c.n, c.c, c.num, c.den, p_min)) AS sensitive
              FROM reporting_internal.disclosure_cells c
             WHERE c.feed = p_feed AND c.measure = p_measure AND c.term = p_term AND c.n > 0
             GROUP BY c.row_key, c.col_key) x;
    cells_n := coalesce(array_length(cell_a, 1), 0);

    LOOP
        -- The graph: cells, a slack edge per hidden margin, and R*-C* when the total is hidden.
        ea := cell_a; eb := cell_b; slack_of := array_fill(0, ARRAY[cells_n]);
        FOR v IN 1..rows_n + cols_n LOOP
            IF hidden[v] THEN
                ea := ea || v;
                eb := eb || CASE WHEN v <= rows_n THEN star_r ELSE star_c END;
                slack_of := slack_of || v;
            END IF;
        END LOOP;
        IF total_hidden THEN
            ea := ea || star_r; eb := eb || star_c; slack_of := slack_of || 0;
        END IF;
        EXIT WHEN array_length(ea, 1) = cells_n AND NOT (true = ANY (cell_sens));

        is_bridge := reporting_internal.bridges(star_c, ea, eb);
        violation := NULL;
        FOR i IN cells_n + 1..coalesce(array_length(ea, 1), 0) LOOP
            IF is_bridge[i] AND slack_of[i] > 0 THEN violation := i; EXIT; END IF;
        END LOOP;
        IF violation IS NULL THEN
            FOR i IN 1..cells_n LOOP
                IF is_bridge[i] AND cell_sens[i] THEN violation := i; EXIT; END IF;
            END LOOP;
        END IF;

        IF violation IS NULL THEN
            -- With the total shown, the hidden rows together are the total minus the shown rows (and so for columns):
            -- together they must not be a group the rules would hide. Otherwise hide the smallest shown one as well.
            EXIT WHEN total_hidden;
            chosen := NULL;
            FOR side IN 0..1 LOOP
                IF reporting_internal.together_sensitive(p_feed, p_measure, p_term, p_min,
                       CASE WHEN side = 0 THEN (SELECT array_agg(row_keys[g.ix]) FROM generate_series(1, rows_n) AS g(ix) WHERE hidden[g.ix]) END,
                       CASE WHEN side = 1 THEN (SELECT array_agg(col_keys[g.ix - rows_n]) FROM generate_series(rows_n + 1, rows_n + cols_n) AS g(ix) WHERE hidden[g.ix]) END) THEN
                    best_n := NULL;
                    FOR v IN CASE WHEN side = 0 THEN 1 ELSE rows_n + 1 END..CASE WHEN side = 0 THEN rows_n ELSE rows_n + cols_n END LOOP
                        IF NOT hidden[v] AND (best_n IS NULL OR vn[v] < best_n) THEN chosen := v; best_n := vn[v]; END IF;
                    END LOOP;
                    EXIT WHEN chosen IS NOT NULL;
                END IF;
            END LOOP;
            EXIT WHEN chosen IS NULL;
            hidden[chosen] := true;
            PERFORM reporting_internal.suppress_complementary(p_feed, p_measure, p_term, chosen, row_keys, col_keys);
            added := added + 1;
            CONTINUE;
        END IF;

        -- Hide the smallest shown margin whose slack edge closes a cycle through the bridge: the margin on one side
        -- of it and its star vertex on the other. Without one, hide the smallest shown margin on either side (its
        -- star joins that side, and the next round finds a partner on the other); without that, the total.
        side_a := reporting_internal.reachable(star_c, ea, eb, violation, ea[violation]);
        side_b := reporting_internal.reachable(star_c, ea, eb, violation, eb[violation]);
        chosen := NULL; best_n := NULL;
        FOR v IN 1..rows_n + cols_n LOOP
            CONTINUE WHEN hidden[v] OR NOT (side_a[v] OR side_b[v]);
            star := CASE WHEN v <= rows_n THEN star_r ELSE star_c END;
            on_a := side_a[v];
            star_on_a := side_a[star];
            IF (on_a AND side_b[star]) OR (NOT on_a AND star_on_a) THEN
                IF best_n IS NULL OR vn[v] < best_n THEN chosen := v; best_n := vn[v]; END IF;
            END IF;
        END LOOP;
        IF chosen IS NULL THEN
            FOR v IN 1..rows_n + cols_n LOOP
                CONTINUE WHEN hidden[v] OR NOT (side_a[v] OR side_b[v]);
                IF best_n IS NULL OR vn[v] < best_n THEN chosen := v; best_n := vn[v]; END IF;
            END LOOP;
        END IF;

        IF chosen IS NOT NULL THEN
            hidden[chosen] := true;
            PERFORM reporting_internal.suppress_complementary(p_feed, p_measure, p_term, chosen, row_keys, col_keys);
        ELSIF NOT total_hidden THEN
            total_hidden := true;
            PERFORM reporting_internal.suppress_complementary(p_feed, p_measure, p_term, 0, row_keys, col_keys);
        ELSE
            RAISE EXCEPTION 'disclosure control: % % % still has a determined hidden value with everything hidden', p_feed, p_measure, p_term;
        END IF;
        added := added + 1;
    END LOOP;
    RETURN added;
END
$fn$;
