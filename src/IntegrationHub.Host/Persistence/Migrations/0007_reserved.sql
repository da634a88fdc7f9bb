-- Reserved for the 0007 migration of a branch developed alongside this one (the runner requires numbers without gaps);
-- it changes nothing. When the branches are merged, this file gives way to that migration.
SELECT 1;
