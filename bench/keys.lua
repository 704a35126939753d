-- Shared by the wrk scripts: the webhook paths of the benchmark keys (KEYS_FILE holds "apiKey secret" lines).
local paths = {}
for line in io.lines(os.getenv("KEYS_FILE")) do
  local api, secret = line:match("(%S+) (%S+)")
  paths[#paths + 1] = "/webhook/" .. api .. "/" .. secret
end
return paths
