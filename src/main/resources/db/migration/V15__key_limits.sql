-- Limits a key's owner sets in the panel (issue 19), beside the restrictions of V3: how many orders the key may place
-- a day, and the window it may trade in (days and times in a time zone; a cancel is allowed outside it). The key
-- cache's trigger on webhook_key_restriction (V5) fires on any change of a row, these columns included.
alter table webhook_key_restriction
    add column max_orders_per_day int check (max_orders_per_day > 0),
    add column trading_days       text[] check (trading_days <@ array['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']),
    add column trading_from       time,
    add column trading_to         time,
    add column trading_zone       text,
    -- a window is all of days, from, to and zone, or none of them
    add constraint trading_window_whole check (
        (trading_days is null) = (trading_from is null) and (trading_from is null) = (trading_to is null)
        and (trading_to is null) = (trading_zone is null));
