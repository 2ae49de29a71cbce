"""Accounts: an admin resets a password, changes a role, disables or enables a user; a user
changes their own password or signs out. After every step each user's last token reads
(``GET /users/me``) only while its session lives, and then reads what the reference holds: a
token of a signed-out session, or of one a change ended (the reference counts those changes
in ``Account.generation``; a disabling is one), is 401."""

from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

from tests.stateful import strategies as s
from tests.stateful.machine import API, PASSWORD, MarketplaceMachine

ROLES = ["admin", "officer", "staff", "auditor"]
CHANGES = ["reset_password", "change_role", "change_own_password", "sign_out", "disable", "enable"]
SIGNED_OUT = -1
"""The generation kept for a signed-out token: it matches no account's, so the token is dead."""
NEW_PASSWORDS = st.one_of(st.sampled_from(["mật khẩu mới 2026", "ngắn"]), s.texts())


class AccountRules(MarketplaceMachine):
    """Admins keeping accounts, and users keeping their own."""

    @rule(change=st.sampled_from(CHANGES), data=st.data())
    def change_an_account(self, change, data):
        if not self.accounts():
            self._register(data)
        uid = data.draw(st.sampled_from(self.accounts()), label="user")
        getattr(self, f"_{change}")(uid, data)

    def accounts(self) -> list[str]:
        """Users the machine registered (not the admin it acts as), in the order registered."""
        return [uid for uid, account in self.ref.users.items() if account.username != "admin"]

    def _register(self, data) -> None:
        role = data.draw(st.sampled_from(ROLES), label="role")
        outlets = [data.draw(st.sampled_from(list(self.ref.outlets)), label="outlet")]
        body = {"username": f"tk.{self.steps}", "role": role, "password": PASSWORD}
        answer = self.post("/users", body | {"outlet_ids": outlets if role == "staff" else []})
        self.tokens[answer.get_json()["id"]] = (self.sign_in(body["username"]), 0)

    def _reset_password(self, uid, data) -> None:
        new = data.draw(NEW_PASSWORDS, label="new password")
        answer = self.post(f"/users/{uid}/password", {"new_password": new})
        self._password_taken_or_refused(uid, new, answer)

    def _change_own_password(self, uid, data) -> None:
        header = self._live_token(uid)
        if header is None:  # disabled: they cannot sign in to change it
            return
        new = data.draw(NEW_PASSWORDS, label="new password")
        body = {"current_password": self.password_of(uid), "new_password": new}
        answer = self.send("POST", "/users/me/password", body, as_user=header)
        self._password_taken_or_refused(uid, new, answer)

    def _password_taken_or_refused(self, uid, new, answer) -> None:
        """At least 8 characters and not the username (422 else); the user signs in with it."""
        if len(new) < 8 or new.strip().lower() == self.ref.users[uid].username:
            self.expect_refusal(answer, 422, f"password {new!r} accepted")
            return
        assert answer.status_code == 204, answer.text
        self.passwords[uid] = new
        if not self.ref.users[uid].disabled:
            assert self._live_token(uid) is not None, "the new password does not sign in"

    def _change_role(self, uid, data) -> None:
        role = data.draw(st.sampled_from(ROLES), label="role")
        same = role == self.ref.users[uid].role
        answer = self.send("PATCH", f"/users/{uid}", {"role": role})
        if same:
            self.expect_refusal(answer, 409, "a change to the same role was accepted")
        else:
            assert answer.status_code == 200, answer.text

    def _disable(self, uid, data) -> None:
        disabled = self.ref.users[uid].disabled
        answer = self.post(f"/users/{uid}/disable", None)
        if disabled:
            self.expect_refusal(answer, 409, "a disabled user was disabled again")

    def _enable(self, uid, data) -> None:
        disabled = self.ref.users[uid].disabled
        answer = self.post(f"/users/{uid}/enable", None)
        if not disabled:
            self.expect_refusal(answer, 409, "an enabled user was enabled")

    def _sign_out(self, uid, data) -> None:
        """DELETE /auth/token: that session ends (no event); signing out again is 401."""
        header = self._live_token(uid)
        if header is None:
            return
        answer = self.client.delete(f"{API}/auth/token", headers=header)
        assert answer.status_code == 204, f"sign-out: {answer.status_code} {answer.text}"
        self.tokens[uid] = (header, SIGNED_OUT)
        again = self.client.delete(f"{API}/auth/token", headers=header)
        assert again.status_code == 401, f"signed out twice: {again.status_code}"

    def _live_token(self, uid) -> dict[str, str] | None:
        """The user's last token if its session lives, else a new one; None if disabled (the
        staff's rules try that sign-in: each refusal counts toward the sign-in throttle)."""
        account = self.ref.users[uid]
        header, generation = self.tokens.get(uid, (None, SIGNED_OUT))
        if generation == account.generation or account.disabled:
            return None if account.disabled else header
        credentials = {"username": account.username, "password": self.password_of(uid)}
        signed = self.client.post(f"{API}/auth/token", json=credentials)
        assert signed.status_code == 200, f"sign-in: {signed.status_code} {signed.text}"
        header = {"Authorization": f"Bearer {signed.get_json()['token']}"}
        self.tokens[uid] = (header, account.generation)
        return header

    @invariant()
    def each_users_last_token_reads_as_the_reference_says(self):
        for uid, (header, generation) in self.tokens.items():
            account = self.ref.users[uid]
            me = self.client.get(f"{API}/users/me", headers=header)
            if generation != account.generation:  # signed out, or a change ended it
                assert me.status_code == 401, f"a dead token read: {me.status_code} {me.text}"
                continue
            assert not account.disabled, "the reference kept a disabled user's session"
            assert me.status_code == 200, f"a live token: {me.status_code} {me.text}"
            seen = me.get_json()
            assert not seen.pop("disabled", False), f"a live token of a disabled user: {seen}"
            expected = {"id": uid, "username": account.username, "role": account.role}
            expected |= {"outlet_ids": sorted(account.outlets)}  # /users/me sorts them
            assert seen == expected, f"/users/me {seen} != the reference's {expected}"
