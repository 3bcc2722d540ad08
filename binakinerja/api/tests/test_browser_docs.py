"""The API's interactive page in a real browser under the Content-Security-Policy (the `page`
fixture fails on any CSP refusal in the console): Swagger UI comes from django-ninja's own
static files, with no CDN and no inline script, and lists the endpoints of the document."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_swagger_page_renders_the_endpoints_from_our_own_files(page, world):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto("/api/v1/docs")
    paths = page.locator(".opblock-summary-path")
    expect(paths.filter(has_text="/api/v1/employees").first).to_be_visible()
    expect(paths.filter(has_text="/api/v1/jp-records").first).to_be_visible()
    origin = requests[0].split("/api/")[0]  # every file from the server itself, no CDN
    assert all(url.startswith(origin) or url.startswith("data:") for url in requests), requests
