"""The API's routers, one per area: meta (health, detectors, model), review, decisions, page."""
