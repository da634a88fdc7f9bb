-- Orders linked to the punchout sessions they came from, and the differences from the cart and the buyer's prices flagged for
-- review (the order is delivered all the same).

-- Each cart line's reference, sent to the buyer inside the SupplierPartAuxiliaryID the hub issues (<catalog id>/ih-<reference>,
-- see Engine Verification/CartLineReference) and returned in its order. Random per line; an edit session's line keeps the
-- reference of the line it restores, so the id never changes under the buyer.
CREATE FUNCTION hub.new_cart_line_reference() RETURNS text LANGUAGE sql VOLATILE
    AS $$ SELECT substr(md5(gen_random_uuid()::text), 1, 16) $$;

ALTER TABLE hub.punchout_cart_lines
    ADD COLUMN line_reference text NOT NULL DEFAULT hub.new_cart_line_reference() CHECK (line_reference ~ '^[0-9a-f]{16}$'),
    -- What the cart showed the buyer when it went back (transferred): the order is compared with these.
    ADD COLUMN returned_uom        text,
    ADD COLUMN returned_unit_price numeric(18,4),
    ADD COLUMN returned_currency   char(3);
CREATE INDEX punchout_cart_lines_reference ON hub.punchout_cart_lines (line_reference);
CREATE INDEX punchout_sessions_partner_closed ON hub.punchout_sessions (partner_id, closed_at DESC) WHERE state = 'transferred';
CREATE INDEX punchout_sessions_partner_cookie ON hub.punchout_sessions (partner_id, buyer_cookie) WHERE buyer_cookie IS NOT NULL;

-- The session an order came from (null: none found) and when the delivery job reconciled it; reconciled once, so a job run again
-- finds the flags it wrote and adds none.
ALTER TABLE hub.purchase_order
    ADD COLUMN punchout_session_id uuid REFERENCES hub.punchout_sessions (id) ON DELETE SET NULL,
    ADD COLUMN reconciled_at       timestamptz;

-- Each order line's cart line, as it was found.
CREATE TABLE hub.order_line_link (
    purchase_order_id bigint  NOT NULL REFERENCES hub.purchase_order (id),
    line_index        integer NOT NULL CHECK (line_index >= 0),
    line_number       text    NOT NULL,
    session_id        uuid    NOT NULL REFERENCES hub.punchout_sessions (id) ON DELETE CASCADE,
    cart_line_number  integer NOT NULL,
    linked_by         text    NOT NULL CHECK (linked_by IN ('auxiliaryId', 'sessionReference', 'sameSession', 'recentSession')),
    PRIMARY KEY (purchase_order_id, line_index)
);

-- One difference on one line: what differs (kind), compared with what (source), expected and actual as text. Open until an
-- engineer resolves it through the admin API.
CREATE TABLE hub.order_review_flag (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purchase_order_id bigint      NOT NULL REFERENCES hub.purchase_order (id),
    line_index        integer     NOT NULL,
    line_number       text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('notInCart', 'quantity', 'unitOfMeasure', 'unitPrice', 'currency')),
    source            text        NOT NULL CHECK (source IN ('cart', 'priceList')),
    expected          text,
    actual            text,
    status            text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    resolved_at       timestamptz,
    UNIQUE (purchase_order_id, line_index, kind, source)
);
CREATE INDEX order_review_flag_open ON hub.order_review_flag (purchase_order_id) WHERE status = 'open';
