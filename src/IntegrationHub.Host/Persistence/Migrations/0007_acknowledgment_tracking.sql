-- Every X12 transaction set the hub sends a partner (855, 856, 810) awaits that partner's 997/999. A set is named by
-- the control numbers an acknowledgment uses: GS01 + GS06 (AK1) and ST01 + ST02 (AK2); a TA1 names the ISA13. The
-- numbers are kept without leading zeros, so 000000042 and 42 match.
CREATE TABLE hub.sent_set (
    message_id          bigint      NOT NULL REFERENCES hub.message (id),
    partner_id          text        NOT NULL,
    interchange_control text        NOT NULL,
    functional_id       text        NOT NULL,
    group_control       text        NOT NULL,
    set_id              text        NOT NULL,
    set_control         text        NOT NULL,
    -- awaiting until an acknowledgment names the set; rejected is a flag for an engineer (the partner did not take it).
    status              text        NOT NULL DEFAULT 'awaiting' CHECK (status IN ('awaiting', 'accepted', 'rejected')),
    -- The AK5/IK5 code (or the group's AK9 code when the set has no AK2), with its error codes; the TA104 of a TA1.
    ack_code            text,
    ack_errors          jsonb,
    ack_message_id      bigint      REFERENCES hub.message (id),
    interchange_ack     text,
    acknowledged_at     timestamptz,
    -- When the overdue check last warned about the set (it warns once).
    alerted_at          timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, group_control, set_control)
);
CREATE INDEX sent_set_group ON hub.sent_set (partner_id, functional_id, group_control);
CREATE INDEX sent_set_interchange ON hub.sent_set (partner_id, interchange_control);
CREATE INDEX sent_set_awaiting ON hub.sent_set (created_at) WHERE status = 'awaiting';

-- What a partner's cXML answer said on each attempt to send it a document: its Status code and text.
ALTER TABLE hub.attempt ADD COLUMN answer_code integer, ADD COLUMN answer_text text;
