-- The acknowledgment (855 / ConfirmationRequest) composed from the store's answer is an outbound message naming the
-- order it acknowledges; at most one per order, so a delivery job that runs twice cannot queue two.
ALTER TABLE hub.message ADD COLUMN acknowledges bigint UNIQUE REFERENCES hub.purchase_order (id);
-- Why an acknowledgment could not be composed (the outbound map's diagnostics), shown with the order.
ALTER TABLE hub.purchase_order ADD COLUMN acknowledgment_diagnostics jsonb;
