-- wrk script: POST the file named by COVGAP_BODY with the bearer token COVGAP_TOKEN and type COVGAP_TYPE; counts statuses.
local f = assert(io.open(os.getenv("COVGAP_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Authorization"] = "Bearer " .. os.getenv("COVGAP_TOKEN")
wrk.headers["Content-Type"] = os.getenv("COVGAP_TYPE") or "text/csv"

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
