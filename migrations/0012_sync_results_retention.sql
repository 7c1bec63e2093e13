-- Offline sync: compact stored results and their retention.
--
-- A stored result is only ever read to answer a retried push, which carries its mutations
-- again: so it keeps what the mutation itself cannot say — the entity's version after it and
-- the registers it lost (status MERGED when any, else APPLIED; only committed, hence applied
-- or merged, mutations are stored). The entity type and id come from the retried mutation.
--
-- Retention: a device sends, with a push, the last seq whose result it has durably applied
-- (`acknowledgedSeq`). Its results at or below it are deleted in that push's transaction and
-- `acknowledged_seq` remembers the mark, so a replay at or below it (which a correct device
-- never sends) is answered APPLIED without a result body (ARCHITECTURE.md, sync).

ALTER TABLE sync_clients
    ADD COLUMN acknowledged_seq bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT sync_clients_acknowledged_within
        CHECK (acknowledged_seq >= 0 AND acknowledged_seq <= last_seq);

ALTER TABLE sync_mutations
    ADD COLUMN version     bigint,
    ADD COLUMN lost_fields text[];

UPDATE sync_mutations
   SET version     = (result ->> 'version')::bigint,
       lost_fields = NULLIF(ARRAY(SELECT jsonb_array_elements_text(COALESCE(result -> 'lost_fields', '[]'::jsonb))), '{}');

ALTER TABLE sync_mutations DROP COLUMN result;
