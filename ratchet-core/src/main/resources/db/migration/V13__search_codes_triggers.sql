-- V11's triggers named the embedding column (a WHEN clause, UPDATE OF embedding), and PostgreSQL refuses to change
-- the type of a column a trigger definition names: `ratchet reembed` to a model of another dimension failed with
-- "cannot alter type of a column used in a trigger definition". The same triggers without naming it; the function
-- decides.
drop trigger message_codes_insert on messages;
drop trigger message_codes_update on messages;

create or replace function message_codes_keep() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    if new.embedding is null then
      return null;
    end if;
  elsif old.embedding is not distinct from new.embedding then
    return null;
  end if;
  if new.embedding is null then
    delete from message_codes where channel_id = new.channel_id and ts = new.ts;
  else
    insert into message_codes (channel_id, ts, posted_at, code)
    values (new.channel_id, new.ts, new.posted_at, binary_quantize(new.embedding))
    on conflict (channel_id, ts) do update set code = excluded.code, posted_at = excluded.posted_at;
  end if;
  return null;
end
$$;

create trigger message_codes_insert after insert on messages
  for each row execute function message_codes_keep();
create trigger message_codes_update after update on messages
  for each row execute function message_codes_keep();
