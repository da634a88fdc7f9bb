-- Placeholder on branch wt/orders only, so that 0011 has no gap here: at merge the lead drops this file for the
-- other branches' real 0009 migration.
SELECT 1;
