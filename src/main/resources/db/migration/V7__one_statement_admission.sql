-- Raised by a group commit that admitted its places in the same statement as their writes when one of them was not
-- admitted (a resend, a key past its limit): the statement is undone, and the group committed the careful way.
create function tradehook_not_all_admitted() returns int language plpgsql as $$
begin
    raise exception 'a request of the group was not admitted' using errcode = 'TH001';
end $$;
