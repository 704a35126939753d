-- A place is 'sending' while its call is at TE, and 'unknown' only once the call timed out or broke after leaving
-- (or, left 'sending' past the request's budget, when the gateway died mid-call). Only unknown outcomes hold a
-- resend back: an identical order still in flight is another strategy's order, not a resend.
alter table te_order_attempt drop constraint te_order_attempt_outcome_check;
alter table te_order_attempt add constraint te_order_attempt_outcome_check
    check (outcome in ('sending', 'unknown', 'placed', 'rejected', 'failed'));
