-- The hosted punchout catalog (products, categories, buyer price lists with quantity breaks, availability) and the
-- punchout sessions with their carts. Everything a catalog page needs is here, so any number of hub processes can
-- serve one session: nothing is kept in a process's memory.

CREATE TABLE hub.catalog_categories (
    id          text    PRIMARY KEY,
    parent_id   text    REFERENCES hub.catalog_categories (id),
    name        text    NOT NULL,
    position    integer NOT NULL DEFAULT 0
);

CREATE TABLE hub.catalog_products (
    id                          bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    supplier_part_id            text          NOT NULL,
    -- '' when the part needs no auxiliary id; part of the key, and returned unchanged in every cart line.
    supplier_part_auxiliary_id  text          NOT NULL DEFAULT '',
    description                 text          NOT NULL,
    long_text                   text,
    -- UN/CEFACT Recommendation 20 code (EA, C62, BX, PK, KGM …), as cXML's UnitOfMeasure and OCI's UNIT carry it.
    uom                         text          NOT NULL CHECK (uom ~ '^[A-Z0-9]{1,3}$'),
    unit_price                  numeric(18,4) NOT NULL CHECK (unit_price >= 0),
    currency                    char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    manufacturer_name           text,
    manufacturer_part_id        text,
    unspsc                      text          CHECK (unspsc ~ '^[0-9]{8}$'),
    lead_time_days              integer       CHECK (lead_time_days >= 0),
    category_id                 text          REFERENCES hub.catalog_categories (id),
    search                      tsvector      GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(supplier_part_id, '') || ' ' || coalesce(manufacturer_part_id, '')), 'A')
        || setweight(to_tsvector('english', coalesce(description, '')), 'A')
        || setweight(to_tsvector('english', coalesce(manufacturer_name, '')), 'B')
        || setweight(to_tsvector('english', coalesce(long_text, '')), 'C')) STORED,
    UNIQUE (supplier_part_id, supplier_part_auxiliary_id)
);
CREATE INDEX catalog_products_search ON hub.catalog_products USING GIN (search);
CREATE INDEX catalog_products_category ON hub.catalog_products (category_id);

-- A price list belongs to one buyer organisation (the partner id), optionally to one of its contracts; a contract's
-- list wins over the organisation's general one, which wins over the product's list price.
CREATE TABLE hub.catalog_price_lists (
    id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    buyer_org   text    NOT NULL,
    contract_id text,
    name        text    NOT NULL,
    UNIQUE NULLS NOT DISTINCT (buyer_org, contract_id)
);

-- One row per quantity break: the price applies from min_quantity up to the next break.
CREATE TABLE hub.catalog_prices (
    price_list_id bigint        NOT NULL REFERENCES hub.catalog_price_lists (id) ON DELETE CASCADE,
    product_id    bigint        NOT NULL REFERENCES hub.catalog_products (id) ON DELETE CASCADE,
    min_quantity  numeric(18,4) NOT NULL CHECK (min_quantity > 0),
    unit_price    numeric(18,4) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (price_list_id, product_id, min_quantity)
);

CREATE TABLE hub.catalog_availability (
    product_id   bigint        PRIMARY KEY REFERENCES hub.catalog_products (id) ON DELETE CASCADE,
    on_hand      numeric(18,4) NOT NULL CHECK (on_hand >= 0),
    updated_at   timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE hub.punchout_sessions (
    id                  uuid        PRIMARY KEY,
    partner_id          text        NOT NULL,
    environment         text        NOT NULL CHECK (environment IN ('production', 'test')),
    protocol            text        NOT NULL CHECK (protocol IN ('oci', 'cxml')),
    operation           text        NOT NULL CHECK (operation IN ('create', 'edit', 'inspect')),
    buyer_org           text        NOT NULL,
    contract_id         text,
    return_url          text        NOT NULL,
    -- cXML BuyerCookie, or OCI ~TARGET; with OCI's ~OkCode, ~CALLER and version beside it.
    buyer_cookie        text,
    oci_target          text,
    oci_ok_code         text,
    oci_caller          text,
    oci_version         text,
    -- The product a DETAIL call (or a cXML SelectedItem) opens first.
    start_product       text,
    -- SHA-256 of the one-shot start token; the token itself is only ever in the buyer's start URL.
    start_token_hash    bytea       NOT NULL UNIQUE,
    start_expires_at    timestamptz NOT NULL,
    started_at          timestamptz,
    -- SHA-256 of the token the catalog pages carry once the start token is spent.
    access_token_hash   bytea       UNIQUE,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    state               text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'transferred', 'cancelled')),
    closed_at           timestamptz
);

CREATE TABLE hub.punchout_carts (
    id          uuid        PRIMARY KEY,
    session_id  uuid        NOT NULL UNIQUE REFERENCES hub.punchout_sessions (id) ON DELETE CASCADE,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE hub.punchout_cart_lines (
    cart_id                     uuid          NOT NULL REFERENCES hub.punchout_carts (id) ON DELETE CASCADE,
    line_number                 integer       NOT NULL CHECK (line_number > 0),
    product_id                  bigint        NOT NULL REFERENCES hub.catalog_products (id),
    supplier_part_id            text          NOT NULL,
    supplier_part_auxiliary_id  text          NOT NULL,
    quantity                    numeric(18,4) NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (cart_id, line_number),
    UNIQUE (cart_id, product_id)
);
