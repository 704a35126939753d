-- wrk script: the baseline route, same method and a body of the same size as a place order.
function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"action":"place","accountName":"demo","symbol":"BTCUSDT","symbolType":"CRYPTO","type":"Limit","qty":5,"side":"buy","price":30000.5}'
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
