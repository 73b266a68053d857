-- Disclosure control, one component for every feed. Input: reporting_internal.disclosure_cells (a two-way table of
-- cells per feed, measure and term); output: reporting_internal.disclosure_decisions (for the total, every row and
-- every column: shown, coded or suppressed, and why). Views never decide anything themselves; they read the decisions.
--
-- The reader is assumed to know which cells hold students (which grades each school teaches) and to combine every
-- published margin of a measure, in every view. Published margins are linear equations over the cells; a hidden
-- value is safe when it is not determined by them. For margins of a two-way table that is a graph property (the
-- network view of 2-D cell suppression): cells are edges between row and column vertices; give every hidden row a
-- "slack" edge to a vertex R*, every hidden column one to C*, and join R* and C* when the total is hidden. A cell, or
-- a hidden margin's slack edge, is determined exactly when it is a bridge of that graph. Complementary suppression
-- hides further margins until no hidden margin and no sensitive cell is a bridge; the auditor in the test suite
--
-- Decides every margin of a feed from its cells: primary suppression and coding by the rules of is_sensitive, then
-- (unless p_complementary is false, which only the auditor's negative test does) complementary suppression.
-- Base measures first; a measure on a base is hidden wherever its base is.
CREATE FUNCTION reporting_internal.decide_disclosure(p_feed text, p_min integer, p_complementary boolean DEFAULT true)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    level   integer;
    p       record;
    added   integer := 0;
BEGIN
    DELETE FROM reporting_internal.disclosure_decisions d WHERE d.feed = p_feed;
    FOR level IN 0..1 LOOP
        INSERT INTO reporting_internal.disclosure_decisions (feed, measure, term, scope, row_key, col_key, n, status, reason, code_op, code_bound)
        WITH margins AS (
            SELECT c.measure, c.part, min(c.kind) AS kind, min(c.base_measure) AS base_measure, c.term,
                   CASE GROUPING(c.row_key, c.col_key) WHEN 1 THEN 'row' WHEN 2 THEN 'column' ELSE 'total' END AS scope,
                   c.row_key, c.col_key, sum(c.n)::bigint AS n, sum(c.c)::bigint AS c, sum(c.num) AS num, sum(c.den) AS den
              FROM reporting_internal.disclosure_cells c
             WHERE c.feed = p_feed AND (c.base_measure IS NULL) = (level = 0)
             GROUP BY c.measure, c.part, c.term, GROUPING SETS ((c.row_key), (c.col_key), ())
        ),
        judged AS (
            SELECT m.measure, m.term, m.scope, m.row_key, m.col_key, max(m.kind) AS kind, max(m.base_measure) AS base_measure,
                   max(m.n) AS n, count(*) AS parts, max(m.c) AS c, max(m.num) AS num, max(m.den) AS den,
                   bool_or(reporting_internal.is_sensitive(m.kind, m.n, m.c, m.num, m.den, p_min)) AS sensitive
              FROM margins m
             WHERE m.n > 0
             GROUP BY m.measure, m.term, m.scope, m.row_key, m.col_key
        )
        SELECT p_feed, j.measure, j.term, j.scope, j.row_key, j.col_key, j.n, x.status, x.reason, x.code_op, x.code_bound
          FROM judged j
          LEFT JOIN reporting_internal.disclosure_decisions b
            ON b.feed = p_feed AND b.measure = j.base_measure AND b.term = j.term AND b.scope = j.scope
           AND b.row_key IS NOT DISTINCT FROM j.row_key AND b.col_key IS NOT DISTINCT FROM j.col_key
         CROSS JOIN LATERAL (
            SELECT CASE
                     WHEN b.status = 'suppressed' THEN 'suppressed'
                     WHEN NOT j.sensitive THEN 'shown'
                     WHEN j.kind = 'base' OR j.parts > 1 OR (j.kind = 'indicator' AND j.c < p_min AND j.n - j.c < p_min) THEN 'suppressed'
                     ELSE 'coded'
                   END AS status,
                   CASE
                     WHEN b.status = 'suppressed' THEN b.reason
                     WHEN NOT j.sensitive THEN NULL
                     WHEN j.kind = 'base' OR j.n < p_min THEN 'small_group'
                     WHEN j.parts > 1 OR (j.kind = 'indicator' AND j.c < p_min AND j.n - j.c < p_min) THEN 'small_share'
                     WHEN j.kind = 'ratio' THEN 'extreme_value'
                     WHEN j.c < p_min THEN 'few_with'
                     ELSE 'few_without'
                   END AS reason
         ) s
         CROSS JOIN LATERAL (
            SELECT s.status, s.reason,
                   CASE WHEN s.status <> 'coded' THEN NULL
                        WHEN j.kind = 'ratio' THEN CASE WHEN j.num / j.den >= 0.995 THEN '≥' ELSE '≤' END
                        WHEN j.c < p_min THEN '<' ELSE '>' END AS code_op,
                   -- Under k of n students is under k/n, rounded up to a whole percent; over n-k is over 1-k/n rounded
                   -- down: the range never pins the count down further than "fewer than k".
                   CASE WHEN s.status <> 'coded' THEN NULL
                        WHEN j.kind = 'ratio' THEN CASE WHEN j.num / j.den >= 0.995 THEN 0.995 ELSE 0.005 END
                        WHEN j.c < p_min THEN ceil(100.0 * p_min / j.n) / 100
                        ELSE floor(100 - 100.0 * p_min / j.n) / 100 END AS code_bound
         ) x;

        IF p_complementary THEN
            FOR p IN SELECT DISTINCT c.measure, c.term FROM reporting_internal.disclosure_cells c
                      WHERE c.feed = p_feed AND (c.base_measure IS NULL) = (level = 0)
                      ORDER BY c.measure, c.term
            LOOP
                added := added + reporting_internal.complement_partition(p_feed, p.measure, p.term, p_min);
            END LOOP;
        END IF;
    END LOOP;
    RETURN added;
END
$fn$;
