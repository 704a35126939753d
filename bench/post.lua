-- Shared by the wrk scripts that POST orders: numbers the threads and gives each its own counter range, so that
-- bodies built from the counter never repeat across threads. The script's request() counts with `counter`.
-- Each run starts its counters where the clock is (100,000 a second, far more than a thread sends), so that a run does
-- not repeat the bodies of the run before it: the gateway would take them for resends and answer them as duplicates.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

counter = 0

function init(args)
  counter = id * 100000000 + (os.time() % 900) * 100000
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end
