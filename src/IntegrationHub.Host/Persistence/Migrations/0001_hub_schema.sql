-- The hub's own schema. Hangfire keeps its tables apart, in the schema "hangfire".
-- The runner has created schema "hub" and hub.schema_version before this script runs.
COMMENT ON SCHEMA hub IS 'IntegrationHub: messages, partners state, catalog and control numbers';
