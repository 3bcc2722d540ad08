"""The public transparency pages: no login (mounted at /transparansi/anggaran/)."""

from django.urls import path

from binakinerja.budgets.views import public

app_name = "budgets_public"

urlpatterns = [
    path("", public.public_index, name="index"),
    path("<int:pk>/", public.public_government, name="government"),
]
