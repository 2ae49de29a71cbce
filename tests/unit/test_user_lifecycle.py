"""The user's lifecycle: each change is an event whose rule the User checks first."""

from uuid import uuid4

import pytest

from domain.actor import SYSTEM
from domain.errors import InvalidValue, RuleConflict
from domain.user import User


def staff(*outlets):
    return User.register("lan", "staff", list(outlets))


def test_a_revoking_change_moves_the_sessions_generation_on():
    outlet = uuid4()
    user = staff(outlet)
    assert user.sessions_generation == 0
    user.change_password()
    user.change_role("officer", by=SYSTEM)
    user.unbind_from_outlet(outlet)
    user.disable(by=SYSTEM)
    assert user.sessions_generation == 4


def test_binding_and_enabling_keep_sessions():
    user = staff()
    user.bind_to_outlet(uuid4())
    user.disable(by=SYSTEM)
    user.enable()
    assert user.sessions_generation == 1  # the disabling only
    assert not user.disabled


def test_unbinding_an_outlet_the_user_is_not_bound_to_is_refused():
    with pytest.raises(RuleConflict) as refused:
        staff(uuid4()).unbind_from_outlet(uuid4())
    assert refused.value.field == "outlet_id"


def test_unbinding_removes_the_outlet():
    outlet, other = uuid4(), uuid4()
    user = staff(outlet, other)
    user.unbind_from_outlet(outlet)
    assert user.outlet_ids == [other]


def test_disabling_a_disabled_user_and_enabling_an_enabled_one_are_refused():
    user = staff()
    with pytest.raises(RuleConflict):
        user.enable()
    user.disable(by=SYSTEM)
    with pytest.raises(RuleConflict):
        user.disable(by=SYSTEM)


def test_a_role_must_be_known_and_different():
    user = staff()
    with pytest.raises(InvalidValue) as unknown:
        user.change_role("boss", by=SYSTEM)
    assert unknown.value.field == "role"
    with pytest.raises(RuleConflict) as same:
        user.change_role("staff", by=SYSTEM)
    assert same.value.field == "role"


def test_users_may_not_disable_or_demote_themselves_nor_reset_their_own_password():
    admin = User.register("an", "admin")
    me = str(admin.id)
    for change in (
        lambda: admin.disable(by=me),
        lambda: admin.change_role("officer", by=me),
        lambda: admin.reset_password(by=me),
    ):
        with pytest.raises(RuleConflict) as refused:
            change()
        assert refused.value.field == "user_id"
    admin.change_password()  # their own, knowing the current one
    assert admin.role == "admin" and not admin.disabled


def test_the_password_event_carries_no_secret():
    user = staff()
    user.change_password()
    event = user.collect_events()[-1]
    assert type(event).__name__ == "PasswordChanged"
    assert set(vars(event)) <= {"originator_id", "originator_version", "timestamp", "recorded_by"}
