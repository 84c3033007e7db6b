"""The OpenAPI page works on a closed network: Swagger UI is served from local assets, not a CDN."""

from __future__ import annotations

import re


def test_docs_page_uses_only_local_assets(client):
    html = client.get("/docs").text
    urls = re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", html) + re.findall(r"url: ?'([^']+)'", html)
    assert "/static/swagger/swagger-ui-bundle.js" in urls
    assert not [u for u in urls if u.startswith(("http://", "https://", "//"))], urls


def test_swagger_assets_are_served(client):
    js = client.get("/static/swagger/swagger-ui-bundle.js")
    css = client.get("/static/swagger/swagger-ui.css")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert css.status_code == 200


def test_docs_need_the_key_when_one_is_set(make_client):
    c = make_client(api_key="k3y-docs-test-0123")
    assert c.get("/docs").status_code == 401
    assert c.get("/docs", headers={"Authorization": "Bearer k3y-docs-test-0123"}).status_code == 200
