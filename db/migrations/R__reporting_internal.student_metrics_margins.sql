-- The margins every published view reads (reporting.*, read by Tableau and the local dashboard). The views decide
-- nothing: every number comes from the snapshot (reporting_internal.group_values) and is shown only where
-- reporting_internal.disclosure_decisions says so.
-- Conventions shared by every aggregate view:
--   scope               'district', 'school' (all its grades) or 'grade' (all schools); school_id 'All schools' and
--                       grade 'All grades' on the rollups
--   term_order          the term's place in reporting.terms (sort by it, not by the term's text)
--   suppressed          the row's measure is hidden (every figure of it NULL); suppression_reason says why:
--                       small_group (under min_group_size students), complementary (hidden so that another hidden
--                       value cannot be derived), small_share (too few students with and without it to code)
--   *_coded             a range shown instead of the exact value ('< 4%': fewer than min_group_size students;
--                       '≥ 99.5%': the value would describe every student); the exact value is then NULL
-- Every column carries a "disclosure:" comment that the test suite's auditor reads to turn each published value into
-- linear equations over the school x grade x term cells (db/README.md, "The auditor").
--
-- The margins with their key, grade label and term order.
CREATE VIEW reporting_internal.student_metrics_margins AS
SELECT g.*,
       CASE g.grade_level WHEN -1 THEN 'PK' WHEN 0 THEN 'K' ELSE coalesce(g.grade_level::text, 'All grades') END AS grade,
       t.term_order
  FROM reporting_internal.group_values g
  JOIN reporting.terms t ON t.term = g.term;
