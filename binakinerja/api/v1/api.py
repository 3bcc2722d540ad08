"""The NinjaAPI of version 1: bearer-token auth on every endpoint, JSON errors, the OpenAPI
document at /api/v1/openapi.json and Swagger UI at /api/v1/docs served from django-ninja's own
static files (no CDN; its page loads only external scripts, so the CSP holds)."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from binakinerja.api.v1 import errors, reads, writes  # noqa: F401 - writes registers routes
from binakinerja.api.v1.auth import TokenAuth


class BinaKinerjaApi(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        """Every answer `no-store`: callers carry no session, so the middleware that marks
        personal pages would not; no proxy or client cache may keep personal data."""
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response["Cache-Control"] = "no-store"
        return response


api = BinaKinerjaApi(
    title="Bina Kinerja API",
    version="1",
    description=(
        "Read and write the data of Bina Kinerja within one government. Every request needs "
        "`Authorization: Bearer <token>`; tokens are created by an admin BKPSDM under "
        "API → Tokens. Lists page by cursor: pass the `next` value as `cursor`. Errors are "
        'JSON `{"detail": …}` in Indonesian.'
    ),
    auth=TokenAuth(),
    urls_namespace="api:v1",  # nested in the api app's namespace
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/", reads.router)  # writes.py adds its endpoints to the same router
