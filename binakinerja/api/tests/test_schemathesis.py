"""Schemathesis against the OpenAPI document (issue 18, reliability suite): generated requests
to every read endpoint and to one write, through the real WSGI application, must never get a
server error and every response must match the document (status code, content type, body
schema). Bounded: a few examples per operation, so it runs in seconds."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from binakinerja.api.testing import build_api_world
from binakinerja.api.v1.paging import cursor_after
from binakinerja.api.v1.reads import JP_PAGE_ORDER
from binakinerja.performance.testing import build_performance_world

WRITE = ("POST", "/api/v1/jp-records")


@pytest.fixture
def schema(world, settings):
    settings.MEDIA_ROOT = "/nonexistent"  # nothing here writes files
    w = build_api_world(build_performance_world(world))
    # Requests go through the real WSGI handler, whose request signals close a connection
    # that is inside a transaction (the test's); Django's test client unhooks them the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        yield loaded, {"Authorization": f"Bearer {w.secret_prov}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def operations(loaded):
    for result in loaded.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET" or (operation.method.upper(), operation.path) == WRITE:
            yield operation


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_api_answers_generated_requests_as_documented(schema, mode):
    loaded, headers = schema

    generation = GenerationMode.POSITIVE if mode == "positive" else GenerationMode.NEGATIVE
    checked = []
    for operation in operations(loaded):
        # An opaque cursor is valid only as the API wrote it (a made-up one is 400, tested in
        # test_bad_input.py), so the generated requests of lists carry a real one (a detail
        # takes no query parameter: any is refused, 422).
        is_list = operation.method.upper() == "GET" and "{" not in operation.path
        keys = (0,) * (len(JP_PAGE_ORDER) if operation.path.endswith("/jp-records") else 1)
        query = {"cursor": cursor_after(*keys)} if is_list else None
        strategy = operation.as_strategy(generation_mode=generation, headers=headers, query=query)

        @given(case=strategy)
        @settings(max_examples=8, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def run(case):
            # A schema-valid batch may still be refused by the rules (a NIP nobody manages):
            # 422 with its rows is right there, so only the write skips the acceptance check.
            is_write = case.method.upper() == "POST"
            case.call_and_validate(excluded_checks=[positive_data_acceptance] if is_write else [])

        run()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert len(checked) == 12, checked  # 11 reads and the JP write
