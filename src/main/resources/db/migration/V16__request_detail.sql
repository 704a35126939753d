-- What a webhook request carried and what became of it, for its owner's request detail (issue 19): the body as
-- received (the path's secret never in it), the order after normalisation and symbol mapping, the broker's answer and
-- the time each stage took, as one JSON document. On the record's own row, so retention purges both at once.
alter table webhook_request add column detail text;
