-- A partner's cXML StatusUpdateRequest about a document the hub sent, and the serial counters SSCC-18 labels take.

-- The outbound cXML documents (ConfirmationRequest, ShipNoticeRequest, InvoiceDetailRequest) keep their payloadID in
-- dedupe_key (unique per direction and protocol, migration 0002), so a StatusUpdateRequest's DocumentReference finds them.

-- One StatusUpdateRequest: its inbound message (raw bytes, payloadID, the answer), the outbound document it is about,
-- that document's order, and what the partner said (the Status code and text, and DocumentStatus type if it gave one).
CREATE TABLE hub.status_update (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id        bigint      NOT NULL UNIQUE REFERENCES hub.message (id),
    refers_to         bigint      NOT NULL REFERENCES hub.message (id),
    purchase_order_id bigint      REFERENCES hub.purchase_order (id),
    code              integer     NOT NULL,
    text              text        NOT NULL,
    detail            text,
    document_status   text,
    received_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_update_order ON hub.status_update (purchase_order_id) WHERE purchase_order_id IS NOT NULL;
CREATE INDEX status_update_refers_to ON hub.status_update (refers_to);

-- The next SSCC serial reference per GS1 company prefix and extension digit. A label is taken by an UPDATE … RETURNING
-- in the transaction that records the outbound 856, so two processes never get the same number; a transaction that
-- rolls back returns its numbers unused (never handed out), and a committed one never hands them out again.
CREATE TABLE hub.sscc_serial (
    company_prefix  text     NOT NULL CHECK (company_prefix ~ '^[0-9]{6,12}$'),
    extension_digit smallint NOT NULL CHECK (extension_digit BETWEEN 0 AND 9),
    next_value      bigint   NOT NULL CHECK (next_value >= 0),
    PRIMARY KEY (company_prefix, extension_digit)
);
