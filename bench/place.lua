-- wrk script: Limit place orders on the paper broker, spread over the benchmark keys. Every body is a new order
-- (its price counts up), so none is taken for a resend of an earlier one: each request runs the full place path.
-- Usage: wrk -s bench/place.lua ... http://127.0.0.1:8080  (KEYS_FILE env var: "apiKey secret" lines)
local keys = dofile(os.getenv("BENCH_DIR") .. "/keys.lua")

dofile(os.getenv("BENCH_DIR") .. "/post.lua")

function request()
  counter = counter + 1
  local path = keys[(counter % #keys) + 1]
  local body = string.format(
    '{"action":"place","accountName":"demo","symbol":"BTCUSDT","symbolType":"CRYPTO","type":"Limit","qty":%d,"side":"buy","price":%d.%02d}',
    (counter % 50) + 1, 30000 + math.floor(counter / 100), counter % 100)
  return wrk.format(nil, path, nil, body)
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
