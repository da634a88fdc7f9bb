-- Group and set control numbers a sender used, per partner: a GS06 or ST02 seen again is found by these keys at
-- insert (never check-then-insert) and rejected or flagged per the partner file (x12.duplicateGroups / duplicateSets).
-- GS06 is numeric and kept without leading zeros; ST02 is kept as sent. A key is stored only when the partner's policy
-- checks that level.
CREATE TABLE hub.x12_group_key (
    partner_id         text   NOT NULL,
    sender             text   NOT NULL,
    application_sender text   NOT NULL,
    functional_id      text   NOT NULL,
    control_number     text   NOT NULL,
    message_id         bigint NOT NULL REFERENCES hub.message (id),
    PRIMARY KEY (partner_id, sender, application_sender, functional_id, control_number)
);

CREATE TABLE hub.x12_set_key (
    partner_id         text   NOT NULL,
    sender             text   NOT NULL,
    application_sender text   NOT NULL,
    set_id             text   NOT NULL,
    control_number     text   NOT NULL,
    message_id         bigint NOT NULL REFERENCES hub.message (id),
    PRIMARY KEY (partner_id, sender, application_sender, set_id, control_number)
);
