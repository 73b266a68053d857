-- Whether a margin or cell of a measure may not be published as it is (below the threshold, or describing every
-- student of the group or none).
CREATE FUNCTION reporting_internal.is_sensitive(p_kind text, p_n bigint, p_c bigint, p_num numeric, p_den numeric, p_min integer)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN p_n > 0 AND CASE p_kind
    WHEN 'base' THEN p_n < p_min
    WHEN 'indicator' THEN p_c < p_min OR p_n - p_c < p_min
    ELSE p_n < p_min OR (p_den > 0 AND (p_num / p_den >= 0.995 OR p_num / p_den <= 0.005))
END;
