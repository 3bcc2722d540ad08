"""The SKP workflow: every legal move, and every other move × role refused."""

import pytest
from django.core.exceptions import ValidationError

from binakinerja.performance.rules import (
    ASN,
    ATASAN,
    SKP_TRANSITIONS,
    SkpAction,
    SkpStatus,
    skp_next_status,
)

LEGAL = [
    ("draft", "submit", ASN, "submitted"),
    ("returned", "submit", ASN, "submitted"),
    ("submitted", "return", ATASAN, "returned"),
    ("submitted", "approve", ATASAN, "approved"),
    ("approved", "start", ASN, "in_progress"),
    ("in_progress", "assess", ATASAN, "assessed"),
    ("assessed", "start", ASN, "in_progress"),
    ("assessed", "assess", ATASAN, "assessed"),
    ("assessed", "finalise", ATASAN, "final"),
]


@pytest.mark.parametrize(("status", "action", "role", "expected"), LEGAL)
def test_every_legal_move(status, action, role, expected):
    assert skp_next_status(status, action, actor_role=role) == expected


def test_the_table_holds_exactly_the_legal_moves():
    assert {(s, a) for s, a, _r, _e in LEGAL} == set(SKP_TRANSITIONS)


@pytest.mark.parametrize("status", SkpStatus.values)
@pytest.mark.parametrize("action", SkpAction.values)
@pytest.mark.parametrize("role", [ASN, ATASAN, "operator"])
def test_every_other_move_or_role_is_refused(status, action, role):
    legal = {(s, a, r): e for s, a, r, e in LEGAL}
    if (status, action, role) in legal:
        return
    with pytest.raises(ValidationError) as caught:
        skp_next_status(status, action, actor_role=role)
    expected = "skp_wrong_role" if (status, action) in SKP_TRANSITIONS else "skp_illegal_move"
    assert caught.value.error_list[0].code == expected


def test_illegal_move_message_names_status_and_action():
    with pytest.raises(ValidationError) as caught:
        skp_next_status("final", "submit", actor_role=ASN)
    message = caught.value.messages[0]
    assert "Final" in message or "Akhir" in message or "final" in message.lower()


def test_a_final_skp_never_moves_again():
    for action in SkpAction.values:
        for role in (ASN, ATASAN):
            with pytest.raises(ValidationError):
                skp_next_status("final", action, actor_role=role)
