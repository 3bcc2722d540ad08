"""Version 1 of the REST API (django-ninja): `api.py` builds it, `reads.py` and `writes.py`
hold the endpoints, which only call the apps' selectors and services."""
