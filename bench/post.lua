-- Shared by the wrk scripts that POST orders: numbers the threads and gives each its own counter range, so that
-- bodies built from the counter never repeat across threads. The script's request() counts with `counter`.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

counter = 0

function init(args)
  counter = id * 100000000
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end
