"""The mentoring pages (mounted at /mentoring/), one block per area and its view module."""

from django.urls import path

from binakinerja.mentoring.views import cycles, insight, pairs, review, start

app_name = "mentoring"

urlpatterns = [path("", start.mentoring_home, name="home")]

# Cycles, mentor offers and declared conflicts (views/cycles.py): the coordinator's page.
urlpatterns += [
    path("siklus/", cycles.cycle_list, name="cycle_list"),
    path("siklus/baru/", cycles.cycle_create, name="cycle_create"),
    path("siklus/<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("siklus/<int:pk>/status/", cycles.cycle_status, name="cycle_status"),
    path("siklus/<int:pk>/mentor/", cycles.offer, name="offer"),
    path("siklus/<int:pk>/konflik/", cycles.conflict_add, name="conflict_add"),
]

# The matching proposal and its review (views/review.py).
urlpatterns += [
    path("siklus/<int:pk>/usulan/", review.review, name="review"),
    path("siklus/<int:pk>/jalankan/", review.match_run, name="match_run"),
    path("siklus/<int:pk>/setujui-semua/", review.approve_all, name="approve_all"),
    path("pasangan/<int:pk>/setujui/", review.pair_approve, name="pair_approve"),
    path("pasangan/<int:pk>/ganti/", review.pair_swap, name="pair_swap"),
]

# Working together (views/pairs.py): the pair's page, plan goals, sessions, feedback, closing.
urlpatterns += [
    path("pasangan/<int:pk>/", pairs.pair_detail, name="pair_detail"),
    path("pasangan/<int:pk>/terima/", pairs.pair_accept, name="pair_accept"),
    path("pasangan/<int:pk>/sesi/", pairs.session_new, name="session_new"),
    path("sesi/<int:pk>/konfirmasi/", pairs.session_confirm, name="session_confirm"),
    path("sesi/<int:pk>/bukti/", pairs.session_evidence, name="session_evidence"),
    path("pasangan/<int:pk>/tujuan/", pairs.goal_add, name="goal_add"),
    path(
        "pasangan/<int:pk>/tujuan/dari-kebutuhan/", pairs.goals_from_needs, name="goals_from_needs"
    ),  # fmt: skip
    path("tujuan/<int:pk>/selesai/", pairs.goal_done, name="goal_done"),
    path("pasangan/<int:pk>/umpan-balik/", pairs.feedback, name="feedback"),
    path("pasangan/<int:pk>/tutup/", pairs.pair_close, name="pair_close"),
]

# Aggregates and effectiveness (views/insight.py): figures about units, never rows about persons
# for pimpinan.
urlpatterns += [
    path("ringkasan/", insight.summary_start, name="summary_start"),
    path("ringkasan/<int:unit_pk>/<year:year>/", insight.summary, name="summary"),
    path("siklus/<int:pk>/efektivitas/", insight.effectiveness, name="effectiveness"),
    path(
        "siklus/<int:pk>/efektivitas/hitung-ulang/",
        insight.effectiveness_refresh,
        name="effectiveness_refresh",
    ),  # fmt: skip
]
