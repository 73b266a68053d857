-- Marks one margin of a partition suppressed as complementary, by its vertex in complement_partition's graph: 0 the
-- total, 1..rows the rows (p_row_keys, in that order), then the columns (p_col_keys). Clears a coding it had.
CREATE FUNCTION reporting_internal.suppress_complementary(p_feed text, p_measure text, p_term text, p_vertex integer,
                                                          p_row_keys text[], p_col_keys text[])
RETURNS void
LANGUAGE sql
AS $fn$
    UPDATE reporting_internal.disclosure_decisions d
       SET status = 'suppressed', reason = 'complementary', code_op = NULL, code_bound = NULL
     WHERE d.feed = p_feed AND d.measure = p_measure AND d.term = p_term
       AND d.scope = CASE WHEN p_vertex = 0 THEN 'total' WHEN p_vertex <= cardinality(p_row_keys) THEN 'row' ELSE 'column' END
       AND (p_vertex = 0 OR coalesce(d.row_key, d.col_key) = CASE WHEN p_vertex <= cardinality(p_row_keys) THEN p_row_keys[p_vertex]
                                                                  ELSE p_col_keys[p_vertex - cardinality(p_row_keys)] END);
$fn$;
