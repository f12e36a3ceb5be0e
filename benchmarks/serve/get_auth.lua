-- wrk script: GET with the bearer token COVGAP_TOKEN (and If-None-Match COVGAP_ETAG when set); counts statuses.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("COVGAP_TOKEN")
local etag = os.getenv("COVGAP_ETAG")
if etag and etag ~= "" then wrk.headers["If-None-Match"] = etag end

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init() statuses = {} end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
function done()
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
end
