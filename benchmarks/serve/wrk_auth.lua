-- wrk script for covgap serve: bearer token COVGAP_TOKEN; POSTs the file COVGAP_BODY (type COVGAP_TYPE, default
-- text/csv) when set, else GETs (with If-None-Match COVGAP_ETAG when set). Prints "status CODE COUNT" lines at the end.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("COVGAP_TOKEN")
local body = os.getenv("COVGAP_BODY")
if body and body ~= "" then
  local f = assert(io.open(body, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = os.getenv("COVGAP_TYPE") or "text/csv"
end
local etag = os.getenv("COVGAP_ETAG")
if etag and etag ~= "" then wrk.headers["If-None-Match"] = etag end

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init() statuses = {} end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
function done()
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
end
