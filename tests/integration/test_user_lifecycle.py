"""The user's lifecycle through the application, on both stores: passwords, roles, bindings,
disabling, and the sessions each change ends."""

from uuid import UUID

import pytest

from domain.errors import InvalidValue, RuleConflict
from marketplace.access import SYSTEM
from marketplace.commands import Authorisation
from marketplace.door import HANDLERS, side_rows
from marketplace.errors import AuthenticationFailed, NotFound
from marketplace.messages import ChangeOwnPassword, Command, RegisterProducer, ResetPassword
from marketplace.persistence import PrincipalChangedError, RequestKey
from tests.integration.conftest import count_events

SECRET = "a long secret"


def save_authorised_as(app, check: Authorisation, command: Command) -> None:
    """Run a command once and save it checked as the door checks a request's session: the
    user still at ``check.version``, the session not signed out (no retry)."""
    recorded = HANDLERS[type(command)](app, command, SYSTEM)
    app.save(*recorded.aggregates, side_rows=side_rows(recorded, None, check))


PRODUCER = RegisterProducer("HTX", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh")


@pytest.fixture
def lan(marketplace) -> UUID:
    return UUID(marketplace.register_user("lan", "officer", SECRET)["id"])


def test_a_user_changes_their_password_knowing_the_current_one(marketplace, lan):
    marketplace.change_own_password(lan, SECRET, "a new long secret")
    assert marketplace.authenticate("lan", "a new long secret").id == lan
    with pytest.raises(AuthenticationFailed):
        marketplace.authenticate("lan", SECRET)
    states = b"".join(n.state for n in marketplace.recorder.select_notifications(None, 100))
    assert b"argon2" not in states and b"a new long secret" not in states


@pytest.mark.parametrize(
    ("current", "new", "field"),
    [
        ("not my secret", "a new long secret", "current_password"),
        (SECRET, "short", "new_password"),
        (SECRET, "  LAN ", "new_password"),
    ],
)
def test_a_refused_password_change_records_nothing(marketplace, lan, current, new, field):
    before = count_events(marketplace)
    with pytest.raises(InvalidValue) as refused:
        marketplace.change_own_password(lan, current, new)
    assert refused.value.field == field
    assert count_events(marketplace) == before
    assert marketplace.authenticate("lan", SECRET).id == lan


def test_a_password_equal_to_the_username_is_refused_at_registration(marketplace):
    with pytest.raises(InvalidValue) as refused:
        marketplace.register_user("longname1", "officer", "LongName1")
    assert refused.value.field == "password"


def test_an_admin_resets_a_password_by_the_same_rules(marketplace, lan):
    with pytest.raises(InvalidValue):
        marketplace.reset_password(lan, "lan")
    marketplace.reset_password(lan, "set by the admin")
    assert marketplace.authenticate("lan", "set by the admin").id == lan
    with pytest.raises(NotFound):
        marketplace.reset_password(UUID(int=7), "set by the admin")


def test_the_new_hash_is_saved_only_with_its_event(marketplace, lan):
    version = marketplace.current_principal(lan)[1]
    never = ChangeOwnPassword(lan, SECRET, "never recorded")
    with pytest.raises(PrincipalChangedError):
        save_authorised_as(marketplace, Authorisation(lan, version - 1), never)
    assert marketplace.authenticate("lan", SECRET).id == lan


def test_a_repeated_reset_under_one_key_records_once(marketplace, lan):
    before = count_events(marketplace)
    key, reset = RequestKey("admin", "k1", "reset"), ResetPassword(lan, "set by the admin")
    marketplace.execute(reset, SYSTEM, key)
    marketplace.execute(reset, SYSTEM, key)
    assert count_events(marketplace) == before + 1


def test_roles_bindings_and_disabling_show_in_the_accounts(marketplace, lan, shelf):
    outlet = shelf["outlet"]
    assert marketplace.change_role(lan, "staff")["role"] == "staff"
    marketplace.bind_user_to_outlet(lan, outlet)
    marketplace.register_user("an", "admin", SECRET)
    marketplace.disable_user(lan)
    accounts = marketplace.accounts()
    assert [a["username"] for a in accounts] == ["an", "lan"]
    assert accounts[1] == marketplace.account(lan)
    assert accounts[1]["disabled"] and accounts[1]["outlet_ids"] == [str(outlet)]
    marketplace.unbind_user_from_outlet(lan, outlet)
    marketplace.enable_user(lan)
    assert marketplace.account(lan)["outlet_ids"] == [] and not marketplace.account(lan)["disabled"]
    with pytest.raises(RuleConflict) as refused:
        marketplace.unbind_user_from_outlet(lan, outlet)
    assert refused.value.field == "outlet_id"


def test_a_disabled_user_cannot_sign_in_and_is_told_only_that_sign_in_failed(marketplace, lan):
    marketplace.disable_user(lan)
    with pytest.raises(AuthenticationFailed) as refused:
        marketplace.authenticate("lan", SECRET)
    assert refused.value.message == "unknown username or wrong password"
    marketplace.enable_user(lan)
    assert marketplace.authenticate("lan", SECRET).id == lan


def test_the_last_enabled_admin_cannot_be_demoted_or_disabled(marketplace):
    first = UUID(marketplace.register_user("an", "admin", SECRET)["id"])
    second = UUID(marketplace.register_user("binh", "admin", SECRET)["id"])
    marketplace.disable_user(second)
    with pytest.raises(RuleConflict):
        marketplace.disable_user(first)
    with pytest.raises(RuleConflict):
        marketplace.change_role(first, "officer")
    marketplace.enable_user(second)
    marketplace.change_role(first, "officer")  # another enabled admin remains


def test_an_admin_may_not_demote_disable_or_reset_themselves(marketplace):
    admin = UUID(marketplace.register_user("an", "admin", SECRET)["id"])
    marketplace.register_user("binh", "admin", SECRET)
    as_admin = marketplace.principal(admin)
    for change in (
        lambda: marketplace.disable_user(admin, actor=as_admin),
        lambda: marketplace.change_role(admin, "officer", actor=as_admin),
        lambda: marketplace.reset_password(admin, "a new long secret", actor=as_admin),
    ):
        with pytest.raises(RuleConflict):
            change()


def test_a_revoking_change_ends_earlier_sessions_but_not_later_ones(marketplace, lan):
    before = marketplace.new_session(marketplace.authenticate("lan", SECRET))
    assert marketplace.session_principal(before)[0].id == lan
    marketplace.reset_password(lan, "set by the admin")
    with pytest.raises(AuthenticationFailed):
        marketplace.session_principal(before)
    after = marketplace.new_session(marketplace.authenticate("lan", "set by the admin"))
    assert marketplace.session_principal(after)[0].id == lan


def test_signing_out_ends_that_session_only(marketplace, lan):
    one = marketplace.new_session(marketplace.authenticate("lan", SECRET))
    other = marketplace.new_session(marketplace.authenticate("lan", SECRET))
    marketplace.end_session(one["sid"], 3600)
    with pytest.raises(AuthenticationFailed):
        marketplace.session_principal(one)
    assert marketplace.session_principal(other)[0].id == lan


def test_a_disabled_users_sessions_stay_ended_after_enabling(marketplace, lan):
    session = marketplace.new_session(marketplace.authenticate("lan", SECRET))
    marketplace.disable_user(lan)
    with pytest.raises(AuthenticationFailed):
        marketplace.session_principal(session)
    marketplace.enable_user(lan)
    with pytest.raises(AuthenticationFailed):
        marketplace.session_principal(session)


def test_a_write_with_a_signed_out_session_records_nothing(marketplace, lan):
    session = marketplace.new_session(marketplace.authenticate("lan", SECRET))
    version = marketplace.current_principal(lan)[1]
    marketplace.end_session(session["sid"], 3600)
    before = count_events(marketplace)
    signed_out = Authorisation(lan, version, session["sid"])
    with pytest.raises(PrincipalChangedError):
        save_authorised_as(marketplace, signed_out, PRODUCER)
    assert count_events(marketplace) == before
    assert not marketplace.principal_is_current(lan, version, session["sid"])
    assert marketplace.principal_is_current(lan, version, "another")


def test_expired_sign_outs_are_forgotten(marketplace):
    marketplace.recorder.revoke_session("old", expires_at=100, now=50)
    marketplace.recorder.revoke_session("new", expires_at=10**12, now=200)
    assert not marketplace.recorder.session_is_revoked("old")
    assert marketplace.recorder.session_is_revoked("new")


def test_a_store_without_the_insert_function_keeps_the_same_guarantees(marketplace, lan):
    """PostgreSQL before `ocop init` made its insert function saves through the library's
    statements (SQLite always does)."""
    marketplace.recorder.use_insert_function = False
    version = marketplace.current_principal(lan)[1]
    before = count_events(marketplace)
    never = ChangeOwnPassword(lan, SECRET, "never recorded")
    with pytest.raises(PrincipalChangedError):
        save_authorised_as(marketplace, Authorisation(lan, version - 1), never)
    assert count_events(marketplace) == before  # the library's path committed it (a bug)
    session = marketplace.new_session(marketplace.authenticate("lan", SECRET))
    marketplace.end_session(session["sid"], 3600)
    signed_out = Authorisation(lan, version, session["sid"])
    with pytest.raises(PrincipalChangedError):
        save_authorised_as(marketplace, signed_out, PRODUCER)
    marketplace.change_own_password(lan, SECRET, "a new long secret")
    assert marketplace.authenticate("lan", "a new long secret").id == lan


def test_a_rehash_at_sign_in_never_brings_back_a_password_changed_meanwhile(marketplace, lan):
    """Sign-in rehashes a password stored at an old cost; a reset between its check and its
    write must win."""
    old_hash = marketplace.recorder.select_password_hash(str(lan))
    marketplace.reset_password(lan, "set by the admin")
    rehashed = marketplace.password_hasher.hash(SECRET)
    marketplace.recorder.update_password_hash(str(lan), rehashed, replacing=old_hash)
    assert marketplace.authenticate("lan", "set by the admin").id == lan


def test_sign_in_rehashes_a_password_stored_at_another_cost(marketplace, lan):
    from argon2 import PasswordHasher

    old_hash = marketplace.recorder.select_password_hash(str(lan))
    marketplace.password_hasher = PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1)
    assert marketplace.authenticate("lan", SECRET).id == lan
    assert marketplace.recorder.select_password_hash(str(lan)) != old_hash
    assert marketplace.authenticate("lan", SECRET).id == lan
