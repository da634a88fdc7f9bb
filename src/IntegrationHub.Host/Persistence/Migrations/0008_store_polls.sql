-- Polling the shipment and invoice stores: each store's cursor (one row per kind) and every poll with its counts and
-- the records it skipped. What a poll receives goes into hub.store_document exactly as a push does.

CREATE TABLE hub.store_poll_state (
    kind        text        PRIMARY KEY CHECK (kind IN ('shipment', 'invoice')),
    -- The store's cursor after the last committed page; NULL: the next poll starts from the beginning.
    cursor      text,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE hub.store_poll_runs (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('shipment', 'invoice')),
    status       text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    pages        integer     NOT NULL DEFAULT 0,
    received     integer     NOT NULL DEFAULT 0,
    duplicates   integer     NOT NULL DEFAULT 0,
    skipped      integer     NOT NULL DEFAULT 0,
    -- Why records were skipped: [{ "kind": "shipment", "key": "...", "reason": "..." }].
    diagnostics  jsonb       NOT NULL DEFAULT '[]',
    error        text
);
CREATE INDEX store_poll_runs_started ON hub.store_poll_runs (kind, started_at DESC);
