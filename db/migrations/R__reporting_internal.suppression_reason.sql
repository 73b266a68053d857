-- Why one published number is hidden, or NULL when it is shown: its group's reason (reporting_internal.group_suppression),
-- else 'small_group' when fewer than min_group_size students are behind this particular number (e.g. few science
-- scores in a school of many students). That second case gets no complementary suppression.
--
-- Pure, so the planner inlines it into each view. The reporting role needs EXECUTE on it: a function a view calls runs
-- with the reader's rights. It reads nothing, so that grants nothing else.

CREATE FUNCTION reporting_internal.suppression_reason(group_reason text, students bigint, min_group_size integer)
RETURNS text
LANGUAGE sql
IMMUTABLE
RETURN coalesce(group_reason, CASE WHEN students < min_group_size THEN 'small_group' END);

REVOKE ALL ON FUNCTION reporting_internal.suppression_reason(text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting_internal.suppression_reason(text, bigint, integer) TO student_metrics_reporting;
