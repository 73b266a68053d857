-- requires: reporting_internal.is_sensitive
--
-- Whether the hidden rows (p_rows) or hidden columns (p_cols) of a partition, taken together, would be hidden by the
-- rules if published: their sum is derivable whenever the total is shown.
CREATE FUNCTION reporting_internal.together_sensitive(p_feed text, p_measure text, p_term text, p_min integer, p_rows text[], p_cols text[])
RETURNS boolean
LANGUAGE sql STABLE
AS $fn$
    SELECT coalesce(bool_or(reporting_internal.is_sensitive(x.kind, x.n, x.c, x.num, x.den, p_min)), false)
      FROM (SELECT min(c.kind) AS kind, sum(c.n)::bigint AS n, sum(c.c)::bigint AS c, sum(c.num) AS num, sum(c.den) AS den
              FROM reporting_internal.disclosure_cells c
             WHERE c.feed = p_feed AND c.measure = p_measure AND c.term = p_term
               AND (c.row_key = ANY (p_rows) OR c.col_key = ANY (p_cols))
             GROUP BY c.part) x;
$fn$;
