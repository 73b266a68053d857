-- Merges serialise on a lock only the owner can take, and wait for it only so long; a load attempt that never
-- finished is marked failed instead of staying 'loading' for ever.
--
-- * core.merge_lock: core.merge_staged locks this empty table for the rest of its transaction. Merges used to
--   serialise on an advisory lock, which any role that can connect may take: a reporting session holding it froze
--   every load. LOCK TABLE needs a privilege on the table, and only the owner has one; the loader reaches it only
--   through merge_staged, which runs with the owner's rights.
-- * core.settings: what the load functions read, as one row an administrator can change with UPDATE (no redeploy):
--     merge_lock_timeout    how long a merge waits for the one before it before failing, naming the session that
--                           holds the lock. A million-row merge takes seconds; a wait of minutes means a stuck holder.
--     load_abandoned_after  a ledger entry still 'loading' this long after it started belongs to a load that was
--                           killed or lost its connection: the next core.begin_load marks it 'failed'. The longest a
--                           load may take is the Glue job's (60 minutes, ops/cloudformation/pipeline.yaml, from its
--                           first begin_load to its last merge); the default leaves it twice that.
-- * The ledger finds its 'loading' entries through a partial index, so begin_load does not read the whole ledger.

CREATE TABLE core.merge_lock ();

COMMENT ON TABLE core.merge_lock IS
    'Holds no rows: core.merge_staged locks it so that merges run one at a time. Only the owner may lock it.';

CREATE TABLE core.settings (
    singleton             boolean  PRIMARY KEY DEFAULT true CHECK (singleton),
    merge_lock_timeout    interval NOT NULL DEFAULT '5 minutes' CHECK (merge_lock_timeout > interval '0' AND merge_lock_timeout <= interval '1 day'),
    load_abandoned_after  interval NOT NULL DEFAULT '2 hours' CHECK (load_abandoned_after > interval '0')
);

INSERT INTO core.settings DEFAULT VALUES;

COMMENT ON TABLE core.settings IS
    'One row the load functions read: UPDATE it to change a setting; the functions refuse to run without it.';

CREATE INDEX ingestion_ledger_loading ON core.ingestion_ledger (started_at) WHERE status = 'loading';
