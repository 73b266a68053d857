-- A canonical term (YYYY-YYYY-P) as a dimension. Dates are nominal (a school year from 1 July to 30 June), for
-- ordering and lining terms up, not a district's calendar. Ordered by end date; of two terms ending together the
-- longer one comes later, since it covers the shorter (so S2 < FY, Q2 < S1), and "latest" is the last.
CREATE FUNCTION reporting_internal.term_attributes(p_term text)
RETURNS TABLE (school_year text, school_year_start integer, period text, period_type text, period_number smallint,
               starts_on date, ends_on date)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT left(p_term, 9), y, p,
           CASE left(p, 1) WHEN 'Q' THEN 'quarter' WHEN 'T' THEN 'trimester' WHEN 'S' THEN 'semester' ELSE 'full_year' END,
           CASE WHEN p = 'FY' THEN 1::smallint ELSE right(p, 1)::smallint END,
           (make_date(y, 7, 1) + s.from_month)::date,
           (make_date(y, 7, 1) + s.to_month)::date - 1
      FROM (SELECT left(p_term, 4)::integer AS y, split_part(p_term, '-', 3) AS p) t
     CROSS JOIN LATERAL (
        SELECT make_interval(months => f) AS from_month, make_interval(months => u) AS to_month
          FROM (VALUES ('FY', 0, 12), ('S1', 0, 6), ('S2', 6, 12), ('T1', 0, 4), ('T2', 4, 8), ('T3', 8, 12),
                       ('Q1', 0, 3), ('Q2', 3, 6), ('Q3', 6, 9), ('Q4', 9, 12)) AS b(code, f, u)
         WHERE b.code = t.p
     ) s;
$fn$;
