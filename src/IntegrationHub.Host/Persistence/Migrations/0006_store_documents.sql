-- Shipments and invoices the supplier's stores push: stored first under the store's own id (a second push of the same
-- id answers as the first and queues nothing), matched to their order, checked against it and written to the partner.
CREATE TABLE hub.store_document (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              text        NOT NULL CHECK (kind IN ('shipment', 'invoice')),
    store_id          text        NOT NULL,
    purchase_order_id bigint      NOT NULL REFERENCES hub.purchase_order (id),
    canonical         jsonb       NOT NULL,
    status            text        NOT NULL CHECK (status IN ('queued', 'parked')),
    -- Differences from the order (unknown lines, quantities above ordered, amounts that do not add up) and map diagnostics.
    diagnostics       jsonb,
    outbound_id       bigint      REFERENCES hub.message (id),
    received_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, store_id)
);
