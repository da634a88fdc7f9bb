-- The prices' references to their product and price list, checked per statement instead of per row. The two foreign keys
-- of catalog_prices ran two trigger calls for every price row (a catalog sync page inserts 50,000), which was most of a
-- page's write. The same guarantees now come from statement-level triggers with transition tables:
--   * an insert or update of prices checks, once per statement, that every product and price list its rows name exists,
--     and locks those rows (FOR KEY SHARE, as the foreign keys did) so a concurrent delete waits for the writer's commit;
--     a reference to a missing row fails the statement with foreign_key_violation, as before;
--   * deleting products or price lists deletes their prices (the foreign keys' ON DELETE CASCADE), through the primary key;
--   * truncating products or price lists truncates the prices.
-- Both ids are identities GENERATED ALWAYS, so they are never updated and need no ON UPDATE rule.

ALTER TABLE hub.catalog_prices
    DROP CONSTRAINT catalog_prices_price_list_id_fkey,
    DROP CONSTRAINT catalog_prices_product_id_fkey;

CREATE FUNCTION hub.catalog_prices_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wanted bigint;
    present bigint;
BEGIN
    SELECT count(DISTINCT product_id) INTO wanted FROM added;
    SELECT count(*) INTO present FROM (SELECT 1 FROM hub.catalog_products p
        WHERE p.id = ANY (ARRAY(SELECT DISTINCT product_id FROM added)) FOR KEY SHARE OF p) AS locked;
    IF present <> wanted THEN
        RAISE EXCEPTION 'catalog_prices: % of % products named by the new prices do not exist', wanted - present, wanted
            USING ERRCODE = 'foreign_key_violation', TABLE = 'catalog_prices', SCHEMA = 'hub';
    END IF;
    SELECT count(DISTINCT price_list_id) INTO wanted FROM added;
    SELECT count(*) INTO present FROM (SELECT 1 FROM hub.catalog_price_lists l
        WHERE l.id = ANY (ARRAY(SELECT DISTINCT price_list_id FROM added)) FOR KEY SHARE OF l) AS locked;
    IF present <> wanted THEN
        RAISE EXCEPTION 'catalog_prices: % of % price lists named by the new prices do not exist', wanted - present, wanted
            USING ERRCODE = 'foreign_key_violation', TABLE = 'catalog_prices', SCHEMA = 'hub';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER catalog_prices_references_on_insert AFTER INSERT ON hub.catalog_prices
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION hub.catalog_prices_check_references();
CREATE TRIGGER catalog_prices_references_on_update AFTER UPDATE ON hub.catalog_prices
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION hub.catalog_prices_check_references();

-- Arrays on both primary key columns, so the delete is index probes per (list, product) whatever the transition table's
-- size estimate; catalog_prices has no index on product_id alone.
CREATE FUNCTION hub.catalog_prices_of_deleted_products() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM hub.catalog_prices
    WHERE price_list_id = ANY (ARRAY(SELECT id FROM hub.catalog_price_lists)) AND product_id = ANY (ARRAY(SELECT id FROM removed));
    RETURN NULL;
END
$$;

CREATE TRIGGER catalog_products_delete_prices AFTER DELETE ON hub.catalog_products
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION hub.catalog_prices_of_deleted_products();

CREATE FUNCTION hub.catalog_prices_of_deleted_lists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM hub.catalog_prices WHERE price_list_id = ANY (ARRAY(SELECT id FROM removed));
    RETURN NULL;
END
$$;

CREATE TRIGGER catalog_price_lists_delete_prices AFTER DELETE ON hub.catalog_price_lists
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION hub.catalog_prices_of_deleted_lists();

CREATE FUNCTION hub.catalog_prices_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Empty already when the same TRUNCATE names catalog_prices too (which it then may not truncate again).
    IF EXISTS (SELECT 1 FROM hub.catalog_prices) THEN
        TRUNCATE hub.catalog_prices;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER catalog_products_truncate_prices AFTER TRUNCATE ON hub.catalog_products
    FOR EACH STATEMENT EXECUTE FUNCTION hub.catalog_prices_truncate();
CREATE TRIGGER catalog_price_lists_truncate_prices AFTER TRUNCATE ON hub.catalog_price_lists
    FOR EACH STATEMENT EXECUTE FUNCTION hub.catalog_prices_truncate();
