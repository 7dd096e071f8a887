-- wrk script: one transition per request — POST /api/v1/applications/{id}/start-review with
-- If-Match "1" (a fresh submission's version), each application once. Set by the caller
-- (environment): KAZGOV_TOKEN (a clerk of the applications' office), KAZGOV_IDS (a file with one
-- application id per line, enough for the run). Threads take alternate lines.
local token = os.getenv("KAZGOV_TOKEN")
local ids = {}
for line in io.lines(os.getenv("KAZGOV_IDS")) do ids[#ids + 1] = line end
local threads = 0
local next_index = nil

-- Runs in the main state: gives each thread its number (a global of the thread's own state).
function setup(thread)
  thread:set("thread_no", threads)
  threads = threads + 1
end

function init(args)
  next_index = thread_no + 1
end

function request()
  local id = ids[next_index]
  next_index = next_index + 2
  if id == nil then
    -- Out of applications: ask for one that cannot exist, which wrk counts as a non-2xx answer.
    id = "00000000-0000-0000-0000-000000000000"
  end
  return wrk.format("POST", "/api/v1/applications/" .. id .. "/start-review", {
    ["Authorization"] = "Bearer " .. token,
    ["If-Match"] = '"1"',
  })
end
