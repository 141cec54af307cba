-- Prints one JSON line with the figures the harness needs (wrk's own output has no p95).
-- With BENCH_COUNT_STATUS set, answers other than 2xx are counted too (wrk itself counts only
-- 4xx and 5xx, as errors); reading every answer's status costs a little, so only then.
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

if os.getenv("BENCH_COUNT_STATUS") then
  non2xx = 0
  response = function(status, headers, body)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
    end
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  local other = 0
  for _, thread in ipairs(threads) do
    other = other + (thread:get("non2xx") or 0)
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, "timeouts": %d, '
      .. '"non2xx": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, errors, summary.errors.status, summary.errors.timeout,
    other, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
