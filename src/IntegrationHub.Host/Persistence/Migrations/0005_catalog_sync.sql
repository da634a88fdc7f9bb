-- Catalog sync from the supplier's catalog store: the cursor (one row) and every run with its counts and diagnostics.

CREATE TABLE hub.catalog_sync_state (
    id          integer     PRIMARY KEY CHECK (id = 1),
    -- The store's cursor after the last committed page; NULL: the next sync starts from the beginning.
    cursor      text,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE hub.catalog_sync_runs (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('incremental', 'full')),
    status       text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    pages        integer     NOT NULL DEFAULT 0,
    upserted     integer     NOT NULL DEFAULT 0,
    deleted      integer     NOT NULL DEFAULT 0,
    skipped      integer     NOT NULL DEFAULT 0,
    -- Why records were skipped: [{ "kind": "product", "key": "...", "reason": "..." }].
    diagnostics  jsonb       NOT NULL DEFAULT '[]',
    error        text
);
CREATE INDEX catalog_sync_runs_started ON hub.catalog_sync_runs (started_at DESC);
