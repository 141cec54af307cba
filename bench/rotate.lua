-- Form submissions by many signed-in learners: each request takes the next line of the file
-- named in BENCH_FILE (session key, path, body, tab-separated), so most requests do real work.
local lines = {}
for line in io.lines(os.getenv("BENCH_FILE")) do
  local session, path, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
  table.insert(lines, {session = session, path = path, body = body})
end
local csrf = os.getenv("BENCH_CSRF")
local counter = 0

request = function()
  counter = counter + 1
  local item = lines[(counter % #lines) + 1]
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. csrf .. "; sessionid=" .. item.session,
    ["X-CSRFToken"] = csrf,
  }
  return wrk.format("POST", item.path, headers, item.body)
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
