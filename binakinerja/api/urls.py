"""URLs of the api app: the token pages and version 1 of the API (`v1/`)."""

from django.urls import path

from binakinerja.api import views
from binakinerja.api.v1.api import api

app_name = "api"
urlpatterns = [
    path("token/", views.token_list, name="token_list"),
    path("token/baru/", views.token_create, name="token_create"),
    path("token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
    path("v1/", api.urls),
    # Any other address under v1/ answers in JSON too, never with the site's HTML 404 page.
    path("v1/<path:rest>", views.api_not_found, name="v1_not_found"),
]
