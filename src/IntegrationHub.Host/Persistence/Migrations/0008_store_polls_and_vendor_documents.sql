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

-- Shipments, invoices and order acknowledgments from vendors (3PL warehouses, drop-ship vendors: partner files with
-- role vendor), translated from their 856/810/855 or cXML, are kept beside the store's own under "vendor/id", with the
-- inbound message they came in; one the buyer's partner file does not ask to have forwarded is 'kept' (nothing queued).
ALTER TABLE hub.store_document DROP CONSTRAINT store_document_kind_check,
    ADD CONSTRAINT store_document_kind_check CHECK (kind IN ('shipment', 'invoice', 'acknowledgment'));
ALTER TABLE hub.store_document DROP CONSTRAINT store_document_status_check,
    ADD CONSTRAINT store_document_status_check CHECK (status IN ('queued', 'parked', 'kept'));
ALTER TABLE hub.store_document ADD COLUMN vendor_id text, ADD COLUMN message_id bigint REFERENCES hub.message (id);

-- A vendor's shipment or invoice is handed to the supplier's shipment or invoice store (POST with an idempotency key),
-- retried with back-off and parked like an order; NULL for the store's own documents (it has them already).
ALTER TABLE hub.store_document
    ADD COLUMN store_delivery        text CHECK (store_delivery IN ('pending', 'retrying', 'delivered', 'parked')),
    ADD COLUMN store_attempts        integer NOT NULL DEFAULT 0,
    ADD COLUMN store_next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN store_last_error      text;
CREATE INDEX store_document_delivery_due ON hub.store_document (store_next_attempt_at) WHERE store_delivery IN ('pending', 'retrying');
