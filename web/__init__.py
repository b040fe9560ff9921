"""The web layer of Xinzhi QA: it adapts the assistant's Answer to HTTP and the browser.

    backend.py       the shared handle: index, assistants, answer slots, rate limit, health
    limits.py        per-client rate limiter, bounded body reader, client address
    api.py           FastAPI routes: /api/ask, /api/health, /docs
    ui.py            the Gradio chat page and its /embed variant
    presentation.py  pure functions: Answer -> chat bubble, Sources panel, UI strings
    feedback.py      the feedback log (the one thing the UI writes)
    server.py        the app (API + both Gradio mounts), uvicorn config, `main`
    console.py       the `xinzhi-qa` console script

Imports go one way: knowledge <- assistant <- web; nothing outside this package imports it.
"""
