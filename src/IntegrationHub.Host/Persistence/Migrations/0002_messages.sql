-- Every document in or out, stored before it is answered or sent, and the work derived from it.

-- One inbound document (a cXML request, an X12 file) or one outbound document (a 997/999/TA1, later 855s and
-- confirmations). The row is the durable work item: its status says what is still to do, and a job only wakes it.
CREATE TABLE hub.message (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    direction          text        NOT NULL CHECK (direction IN ('in', 'out')),
    protocol           text        NOT NULL CHECK (protocol IN ('cxml', 'x12')),
    partner_id         text        NOT NULL,
    document_type      text        NOT NULL,
    -- cXML: the payloadID. X12 files are deduplicated per interchange (hub.x12_interchange); null for them.
    dedupe_key         text,
    content_sha256     bytea       NOT NULL,
    raw                bytea       NOT NULL,
    content_type       text        NOT NULL,
    -- What the partner was answered synchronously (a cXML Response, the X12 acknowledgment); a duplicate gets the same.
    reply              bytea,
    reply_content_type text,
    reference          text,
    status             text        NOT NULL,
    diagnostics        jsonb       NOT NULL DEFAULT '[]',
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    last_error         text,
    -- Outbound: the inbound message it answers, and where it goes.
    in_reply_to        bigint      REFERENCES hub.message (id),
    channel            text,
    received_at        timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX message_dedupe ON hub.message (direction, protocol, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX message_partner_received ON hub.message (partner_id, received_at DESC);
CREATE INDEX message_status_due ON hub.message (status, next_attempt_at);
CREATE INDEX message_reference ON hub.message (reference) WHERE reference IS NOT NULL;
CREATE INDEX message_in_reply_to ON hub.message (in_reply_to) WHERE in_reply_to IS NOT NULL;

-- Each interchange of an inbound X12 file, per sender: a second file with the same ISA13 from the same sender is a
-- duplicate, detected by this key at insert, in the transaction that stores the file.
CREATE TABLE hub.x12_interchange (
    partner_id        text   NOT NULL,
    sender            text   NOT NULL,
    control_number    text   NOT NULL,
    message_id        bigint NOT NULL REFERENCES hub.message (id),
    PRIMARY KEY (partner_id, sender, control_number)
);

-- One canonical order or order change made from an inbound message (one per cXML OrderRequest, one per 850/860 set),
-- delivered to the order store once: the idempotency key is the store's guarantee, the status is the hub's.
CREATE TABLE hub.purchase_order (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id        bigint      NOT NULL REFERENCES hub.message (id),
    sequence          integer     NOT NULL,
    partner_id        text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('order', 'change')),
    order_number      text        NOT NULL,
    canonical         jsonb       NOT NULL,
    idempotency_key   text        NOT NULL UNIQUE,
    status            text        NOT NULL,
    -- The store's answer: accepted, rejected, changed or backordered, with the lines it named.
    store_answer      text,
    store_response    jsonb,
    -- The acknowledgment to compose from the store's answer (855 / ConfirmationRequest): pending until the outbound
    -- maps exist; see Pipeline/Delivery/AcknowledgmentSeam.
    acknowledgment    text,
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (message_id, sequence)
);
CREATE INDEX purchase_order_status_due ON hub.purchase_order (status, next_attempt_at);
CREATE INDEX purchase_order_number ON hub.purchase_order (partner_id, order_number);

-- Every attempt to hand something over: an order to the store, an outbound message to its partner.
CREATE TABLE hub.attempt (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id        bigint      REFERENCES hub.message (id),
    purchase_order_id bigint      REFERENCES hub.purchase_order (id),
    target            text        NOT NULL,
    outcome           text        NOT NULL CHECK (outcome IN ('succeeded', 'transient', 'permanent')),
    http_status       integer,
    detail            text,
    attempted_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((message_id IS NULL) <> (purchase_order_id IS NULL))
);
CREATE INDEX attempt_message ON hub.attempt (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX attempt_purchase_order ON hub.attempt (purchase_order_id) WHERE purchase_order_id IS NOT NULL;

-- The next outbound control number per partner and kind (isa, gs); taken with SELECT … FOR UPDATE in the transaction
-- that records the outbound message, so two processes never hand out the same number.
CREATE TABLE hub.control_number (
    partner_id text   NOT NULL,
    kind       text   NOT NULL,
    next_value bigint NOT NULL,
    PRIMARY KEY (partner_id, kind)
);
