"""With GKREVIEW_API_KEY set, every route but /healthz needs ``Authorization: Bearer KEY``."""

from __future__ import annotations

import base64

import pytest
from starlette.routing import Mount

KEY = "test-key-0123456789-abcdef"  # a made-up key


@pytest.fixture
def keyed(make_client):
    return make_client(api_key=KEY)


def _all_paths(app):
    """Every (method, path) the app serves, with path parameters filled in."""
    from service.routers import decisions, meta, page, review

    routes = [*app.routes]
    for module in (decisions, meta, page, review):
        routes.extend(module.router.routes)
    out = []
    for route in routes:
        if isinstance(route, Mount):
            out.append(("GET", route.path + "/app.js"))
        elif getattr(route, "methods", None) is not None:  # Route, APIRoute
            path = route.path.replace("{record_id}", "0" * 32)
            for method in sorted(route.methods):
                if method != "HEAD":
                    out.append((method, path))
    return sorted(set(out))


def test_every_route_but_healthz_needs_the_key(keyed):
    paths = _all_paths(keyed.app)
    assert ("POST", "/v1/review") in paths and ("GET", "/v1/decisions.csv") in paths and ("GET", "/") in paths
    for method, path in paths:
        bare = keyed.request(method, path)
        wrong = keyed.request(method, path, headers={"Authorization": "Bearer not-the-key"})
        if path == "/healthz":
            assert bare.status_code == 200
            continue
        for r in (bare, wrong):
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.json()["error"]["code"] == "unauthorized"
            assert "www-authenticate" in r.headers


def test_the_right_key_opens_every_route(keyed):
    h = {"Authorization": f"Bearer {KEY}"}
    for method, path in _all_paths(keyed.app):
        r = keyed.request(method, path, headers=h)
        assert r.status_code != 401, (method, path)
    r = keyed.post("/v1/review/text", json={"text": "关于印发的通知"}, headers=h)
    assert r.status_code == 200


def test_the_page_asks_a_browser_for_the_key_with_basic(keyed):
    r = keyed.get("/")
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Basic")
    token = base64.b64encode(f"审查人:{KEY}".encode()).decode()
    assert keyed.get("/", headers={"Authorization": f"Basic {token}"}).status_code == 200
    bad = base64.b64encode(b"user:wrong").decode()
    assert keyed.get("/", headers={"Authorization": f"Basic {bad}"}).status_code == 401
    assert keyed.get("/", headers={"Authorization": "Basic !!!notbase64"}).status_code == 401


def test_api_routes_challenge_with_bearer(keyed):
    r = keyed.post("/v1/review/text", json={"text": "x"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_without_a_key_no_route_asks_for_one(client):
    assert client.get("/v1/decisions").status_code == 200
    assert client.get("/").status_code == 200


def test_an_empty_key_counts_as_no_key(make_client):
    c = make_client(api_key="")
    assert c.get("/v1/decisions").status_code == 200


def test_without_a_key_only_this_machine_is_served(client, make_client):
    from tests.service.conftest import TestClient

    app = client.app
    outsider = TestClient(app, base_url="http://127.0.0.1", client=("203.0.113.7", 40000))
    r = outsider.get("/v1/decisions")
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_host"
    # DNS rebinding: a page of another site resolving its name to 127.0.0.1
    r = client.get("/v1/decisions", headers={"host": "attacker.example:8000"})
    assert r.status_code == 400
    assert client.get("/v1/decisions", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/v1/decisions", headers={"host": "[::1]:8000"}).status_code == 200


def test_with_a_key_other_machines_are_served_after_auth(make_client):
    from tests.service.conftest import TestClient

    keyed = make_client(api_key=KEY)
    outsider = TestClient(keyed.app, base_url="http://gkreview.example", client=("203.0.113.7", 40000))
    assert outsider.get("/v1/decisions").status_code == 401
    assert outsider.get("/v1/decisions", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
