wrk.method = "POST"
wrk.body = '{"question": "OpenAI acquires Windsurf for 3B USD on 2025-06-01"}'
wrk.headers["Content-Type"] = "application/json"
