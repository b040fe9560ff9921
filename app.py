"""`python app.py [--host H] [--port P]`: start Xinzhi QA (the chat UI, /embed and the JSON API).

The web layer lives in the `web` package; this file only starts it (same as `xinzhi-qa serve`).
"""

from web.server import main

if __name__ == "__main__":
    raise SystemExit(main())
