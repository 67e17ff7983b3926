-- POST /v1/deals/microsoft-openai/ask with the Windsurf question as a phrase.
wrk.method = "POST"
wrk.body = "OpenAI acquires Windsurf on 2025-06-01"
wrk.headers["Content-Type"] = "text/plain"
