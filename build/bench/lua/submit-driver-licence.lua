-- wrk script: POST driver-licence applications, each with its own valid IIN, receipt number and
-- Idempotency-Key, at the offices given in turn. Set by the caller (environment): KAZGOV_TOKEN (a
-- bearer token allowed to submit there), KAZGOV_OFFICES (comma-separated ids), KAZGOV_TODAY
-- (yyyy-mm-dd, the receipt's date), KAZGOV_RUN (makes keys unique per run).
local token = os.getenv("KAZGOV_TOKEN")
local today = os.getenv("KAZGOV_TODAY")
local run = os.getenv("KAZGOV_RUN") or "0"
local offices = {}
for id in string.gmatch(os.getenv("KAZGOV_OFFICES"), "[^,]+") do offices[#offices + 1] = id end
local counter = 0
local threads = 0

-- Runs in the main state: gives each thread its number (a global of the thread's own state).
function setup(thread)
  thread:set("thread_no", threads)
  threads = threads + 1
end

-- A distinct IIN per serial: born in 1985 (a man of the 20th century: digit 7 = 3) on one of 336
-- days, 4 serial digits, and the check digit of the two weight rows; a serial whose check would be
-- 10 is skipped. 3.36 million before they repeat.
local function iin(serial)
  local day = math.floor(serial / 10000)
  local base = string.format("85%02d%02d3%04d", math.floor(day / 28) % 12 + 1, day % 28 + 1, serial % 10000)
  local digits = {}
  for i = 1, 11 do digits[i] = tonumber(base:sub(i, i)) end
  local function check(offset)
    local sum = 0
    for i = 1, 11 do sum = sum + digits[i] * (((i - 1 + offset) % 11) + 1) end
    return sum % 11
  end
  local c = check(0)
  if c == 10 then c = check(2) end
  if c == 10 then return nil end
  return base .. c
end

function request()
  local value
  repeat
    counter = counter + 1
    value = iin(counter * 8 + thread_no)
  until value ~= nil
  local office = offices[(counter * 8 + thread_no) % #offices + 1]
  local key = string.format("bench-%s-%d-%d", run, thread_no, counter)
  local body = string.format([[{"officeId":"%s","applicant":{"kind":"individual","iin":"%s","lastName":"Ахметов","firstName":"Серік","citizenship":"KZ","phone":"+77017654321","language":"kk"},"categories":["B"],"documents":["application-form","identity-document","driving-school-certificate","medical-certificate","driver-personal-card","state-duty-receipt"],"receipts":[{"item":"licence","bank":"Kaspi Bank","receiptNumber":"%s","paidOn":"%s","amount":5406.25}]}]],
    office, value, key, today)
  return wrk.format("POST", "/api/v1/driver-licences/applications", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = key,
  }, body)
end
