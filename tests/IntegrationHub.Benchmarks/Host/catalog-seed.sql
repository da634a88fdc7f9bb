-- 100,000 catalog products (the catalog-search benchmark's data; psql -v products=N to change the count): part numbers,
-- descriptions and long texts built from word lists so that a search word matches a realistic share of the catalog (a noun
-- about 1 in 40 products, a noun and a colour about 1 in 400), the demo buyer's general list and a contract list pricing a
-- share of them with quantity breaks, and availability for most. Inserted in one statement per table.
\set ON_ERROR_STOP on
\if :{?products}
\else
\set products 100000
\endif
INSERT INTO hub.catalog_products (supplier_part_id, description, long_text, uom, unit_price, currency, manufacturer_name,
    manufacturer_part_id, unspsc, lead_time_days, category_id)
SELECT format('BM-%s-%s', upper(left(noun, 3)), lpad(n::text, 6, '0')),
       format('%s %s, %s, %s', initcap(adjective), noun, colour, size),
       format('%s %s in %s for %s use; %s finish, sold per %s.', initcap(adjective), noun, colour, use, finish, unit_name),
       uom, round((0.5 + (n % 997) * 0.37)::numeric, 2), 'EUR', maker, format('%s-%s', upper(left(maker, 2)), n),
       unspsc, n % 14, category
FROM generate_series(1, :products) AS n,
LATERAL (SELECT
    (ARRAY['pen','pencil','marker','highlighter','stapler','staples','folder','binder','envelope','notebook','paper','label',
           'toner','cartridge','scissors','ruler','tape','glue','clip','eraser','calculator','desk','chair','lamp','cable',
           'battery','mouse','keyboard','monitor','headset','glove','goggles','helmet','vest','mask','boot','earplug','apron',
           'cleaner','towel'])[1 + n % 40] AS noun,
    (ARRAY['blue','black','red','green','yellow','white','grey','orange','purple','clear'])[1 + (n / 40) % 10] AS colour,
    (ARRAY['compact','premium','heavy-duty','recycled','ergonomic','standard','professional','economy'])[1 + (n / 400) % 8] AS adjective,
    (ARRAY['small','medium','large','A4','A5','pack of 10','box of 100','set of 4'])[1 + (n / 7) % 8] AS size,
    (ARRAY['office','workshop','laboratory','warehouse','school'])[1 + (n / 11) % 5] AS use,
    (ARRAY['matt','gloss','textured','smooth'])[1 + (n / 13) % 4] AS finish,
    (ARRAY['EA','BX','PK','ST','RM'])[1 + (n / 17) % 5] AS uom,
    (ARRAY['piece','box','pack','set','ream'])[1 + (n / 17) % 5] AS unit_name,
    (ARRAY['Scriptura','Papyrex','SafeHand','Officio','Brightline','Tekwork'])[1 + (n / 3) % 6] AS maker,
    (ARRAY['44121704','14111507','46181504','44122011','43211708','56101703'])[1 + n % 6] AS unspsc,
    (ARRAY['office-writing','office-paper','safety','office'])[1 + n % 4] AS category) AS w
ON CONFLICT (supplier_part_id, supplier_part_auxiliary_id) DO NOTHING;

INSERT INTO hub.catalog_availability (product_id, on_hand)
SELECT id, (id * 37) % 5000 FROM hub.catalog_products WHERE supplier_part_id LIKE 'BM-%' AND id % 10 <> 0
ON CONFLICT (product_id) DO NOTHING;

-- The general list prices every third product (two breaks), the contract every tenth (one break).
INSERT INTO hub.catalog_prices (price_list_id, product_id, min_quantity, unit_price)
SELECT pl.id, p.id, b.min_quantity, round(p.unit_price * b.factor, 4)
FROM hub.catalog_products p
JOIN hub.catalog_price_lists pl ON pl.buyer_org = 'demo-buyer' AND pl.contract_id IS NULL
CROSS JOIN (VALUES (1, 0.92), (50, 0.85)) AS b (min_quantity, factor)
WHERE p.supplier_part_id LIKE 'BM-%' AND p.id % 3 = 0
ON CONFLICT DO NOTHING;
INSERT INTO hub.catalog_prices (price_list_id, product_id, min_quantity, unit_price)
SELECT pl.id, p.id, 1, round(p.unit_price * 0.8, 4)
FROM hub.catalog_products p
JOIN hub.catalog_price_lists pl ON pl.buyer_org = 'demo-buyer' AND pl.contract_id = 'C-2026-OFFICE'
WHERE p.supplier_part_id LIKE 'BM-%' AND p.id % 10 = 0
ON CONFLICT DO NOTHING;
-- VACUUM as well as ANALYZE: a catalog is loaded once and searched for days, by which time autovacuum has merged the GIN
-- index's pending list (a bulk insert leaves up to gin_pending_list_limit of entries there, which every search scans) and
-- set the visibility map. Without it the first minute of the benchmark measured whether autovacuum had run yet.
VACUUM (ANALYZE) hub.catalog_products, hub.catalog_prices, hub.catalog_availability;
