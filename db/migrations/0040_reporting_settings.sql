-- Settings the reporting views read, as one row an administrator can change with UPDATE (no redeploy):
--   min_group_size              groups with fewer students than this are suppressed in every aggregate view
--                               (student privacy rules: no individual may be identifiable from a published number)
--   chronic_absence_below       a student present on less than this share of enrolled days is chronically absent
--   at_risk_score_below         a subject score below this counts as failing the subject (early-warning "course" indicator)
--   at_risk_incidents_at_least  this many behaviour incidents in a term is the early-warning "behaviour" indicator
--   stale_after_days            a school whose latest load is older than this is flagged in reporting.data_freshness
CREATE TABLE reporting.settings (
    singleton                   boolean      PRIMARY KEY DEFAULT true CHECK (singleton),
    min_group_size              integer      NOT NULL DEFAULT 10 CHECK (min_group_size >= 1),
    chronic_absence_below       numeric(4,3) NOT NULL DEFAULT 0.900 CHECK (chronic_absence_below > 0 AND chronic_absence_below <= 1),
    at_risk_score_below         numeric(5,2) NOT NULL DEFAULT 60 CHECK (at_risk_score_below > 0 AND at_risk_score_below <= 100),
    at_risk_incidents_at_least  integer      NOT NULL DEFAULT 3 CHECK (at_risk_incidents_at_least >= 1),
    stale_after_days            integer      NOT NULL DEFAULT 35 CHECK (stale_after_days >= 1)
);

INSERT INTO reporting.settings DEFAULT VALUES;

-- Student-level facts stay out of the schema the reporting role can read: the published views aggregate these.
CREATE SCHEMA IF NOT EXISTS reporting_internal;

-- One row per student and term with the derived indicators every aggregate view shares.
-- Unknown inputs stay NULL (not false), so a student without attendance data is not counted as attending.
CREATE VIEW reporting_internal.student_terms AS
SELECT m.student_id,
       m.school_id,
       m.grade_level,
       m.term,
       m.math_score,
       m.reading_score,
       m.science_score,
       m.days_enrolled,
       CASE WHEN m.days_enrolled > 0 THEN m.days_present END AS days_present,
       m.behavior_incidents,
       CASE WHEN m.days_enrolled > 0 THEN m.days_present < s.chronic_absence_below * m.days_enrolled END AS chronically_absent,
       LEAST(m.math_score, m.reading_score, m.science_score) < s.at_risk_score_below AS low_scores,
       m.behavior_incidents >= s.at_risk_incidents_at_least AS many_incidents
FROM core.student_metrics m
CROSS JOIN reporting.settings s;
