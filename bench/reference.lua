-- wrk script for the outside reference, adnanh/webhook: the same place bodies as place.lua, posted to a hook that
-- checks a secret in the URL and runs /bin/true (bench/hooks.json), as its users run it.
-- Usage: wrk -s bench/reference.lua ... http://127.0.0.1:18090
dofile(os.getenv("BENCH_DIR") .. "/post.lua")

function request()
  counter = counter + 1
  local body = string.format(
    '{"action":"place","accountName":"demo","symbol":"BTCUSDT","symbolType":"CRYPTO","type":"Limit","qty":%d,"side":"buy","price":%d.%02d}',
    (counter % 50) + 1, 30000 + math.floor(counter / 100), counter % 100)
  return wrk.format(nil, "/hooks/place?token=" .. os.getenv("REFERENCE_SECRET"), nil, body)
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
