-- One merge at a time in the whole database (core.merge_staged calls this first). The lock is a table lock on
-- core.merge_lock, which only the owner may take; it is held until the merge's transaction ends. The wait is
-- bounded by core.settings.merge_lock_timeout: past it the merge fails, naming the sessions that hold the lock,
-- instead of waiting for ever behind a stuck one.

CREATE FUNCTION core.take_merge_lock()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
-- Replaced below by the setting; naming lock_timeout here makes that value last only until this function returns.
SET lock_timeout = 0
AS $fn$
DECLARE
    v_timeout interval;
    v_holders text;
BEGIN
    SELECT s.merge_lock_timeout INTO v_timeout FROM core.settings s;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'merge_staged: core.settings has no row; restore it with INSERT INTO core.settings DEFAULT VALUES'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;

    PERFORM set_config('lock_timeout', (extract(epoch FROM v_timeout) * 1000)::bigint::text, true);
    LOCK TABLE core.merge_lock IN EXCLUSIVE MODE;
EXCEPTION WHEN lock_not_available THEN
    SELECT string_agg(format('pid %s (user %s, application %L)', a.pid, a.usename, a.application_name), '; ' ORDER BY a.pid)
    INTO v_holders
    FROM pg_locks l
    JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'relation' AND l.relation = 'core.merge_lock'::regclass AND l.granted;
    RAISE EXCEPTION 'merge_staged: waited % for the merge lock (core.merge_lock), held by %; nothing was merged',
        v_timeout, coalesce(v_holders, 'a session that has just let it go')
        USING ERRCODE = 'lock_not_available',
              HINT = 'Another merge is running, or its transaction was left open. Load again once it has ended; '
                     'a stuck session is ended with SELECT pg_terminate_backend(pid).';
END
$fn$;

COMMENT ON FUNCTION core.take_merge_lock() IS
    'Waits at most core.settings.merge_lock_timeout for the merge lock, then fails naming who holds it.';

REVOKE ALL ON FUNCTION core.take_merge_lock() FROM PUBLIC;
