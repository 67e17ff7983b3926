-- POST /v1/deals/microsoft-openai/batch with 100 questions (the Windsurf phrase and the
-- stateless-API question as a structured line, 50 of each).
local phrase = '{"question": "OpenAI acquires Windsurf on 2025-06-01"}'
local structured = '{"party": "openai", "action": "serve_api", "attributes": {"api": "stateless", "cloud": "aws"}, "date": "2026-06-01"}'
local lines = {}
for i = 1, 50 do
  lines[#lines + 1] = phrase
  lines[#lines + 1] = structured
end
wrk.method = "POST"
wrk.body = table.concat(lines, "\n") .. "\n"
wrk.headers["Content-Type"] = "application/x-ndjson"
