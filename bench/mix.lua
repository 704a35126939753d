-- wrk script: a mix of place (60%), modify (15%), cancel (10%) and invalid bodies (15%) over the benchmark keys.
-- Modify and cancel name recent order ids; some are already cancelled or filled and get 404/422 - a realistic mix.
local keys = dofile(os.getenv("BENCH_DIR") .. "/keys.lua")
local maxOrder = tonumber(os.getenv("MAX_ORDER_ID") or "1000")

dofile(os.getenv("BENCH_DIR") .. "/post.lua")

local invalid = {
  '{"action":"place","accountName":"demo","symbol":"ABC","type":"Limit","qty":5,"side":"buy"}',
  '{"action":"place","accountName":"demo","symbol":"ABC","type":"Market","qty":0,"side":"buy"}',
  '{"action":"teleport","accountName":"demo"}',
  '{"action":"place",',
  '{"action":"cancel","accountName":"nobody","orderId":1}',
}

function request()
  counter = counter + 1
  local path = keys[(counter % #keys) + 1]
  local pick = counter % 20
  local body
  if pick < 12 then
    body = string.format('{"action":"place","accountName":"demo","symbol":"EURUSD","symbolType":"FOREX","type":"Limit","qty":%d,"side":"sell","price":%d.%04d}',
      (counter % 9) + 1, 1 + math.floor(counter / 10000), counter % 10000)
  elseif pick < 15 then
    body = string.format('{"action":"modify","accountName":"demo","orderId":%d,"price":1.%04d}', (counter % maxOrder) + 1, counter % 10000)
  elseif pick < 17 then
    body = string.format('{"action":"cancel","accountName":"demo","orderId":%d}', (counter % maxOrder) + 1)
  else
    body = invalid[(counter % #invalid) + 1]
  end
  return wrk.format(nil, path, nil, body)
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
