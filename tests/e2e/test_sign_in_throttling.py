"""Sign-in throttling over HTTP (issue 12): wrong passwords make an account, and a client
address, wait before trying again, on the API and the sign-in page alike, shared by every
worker on the store, and a throttled guess costs no password hashing."""

import re
import threading
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from marketplace import clock
from marketplace.sign_in_throttle import ACCOUNT_AT_ADDRESS, ADDRESS
from tests.conftest import TEST_CONFIG
from tests.e2e.conftest import API, PASSWORD, assert_error, register

WRONG = "not the password"


def token(client, username: str, password: str, address: str = "127.0.0.1", **headers):
    """POST /auth/token from a client address."""
    return client.post(
        f"{API}/auth/token",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def fail(client, username: str, times: int, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        assert_error(token(client, username, WRONG, address), 401, "unauthorized")


def assert_throttled(response, at_most: timedelta = ACCOUNT_AT_ADDRESS.first_wait) -> int:
    """A 429 in the error envelope with a Retry-After in seconds; returns the seconds."""
    error = assert_error(response, 429, "too_many_sign_ins")
    assert "token" not in response.get_json()
    wait = int(response.headers["Retry-After"])
    assert 0 < wait <= at_most.total_seconds()
    assert error["message"]
    return wait


class CountingHasher(PasswordHasher):
    """argon2 itself (at the suite's low cost), counting the passwords it checks."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.verified = 0

    def verify(self, hash, password):
        self.verified += 1
        return super().verify(hash, password)


@pytest.fixture
def lan(app):
    register(app, "lan", "officer")
    return "lan"


@pytest.fixture
def moved_clock(app):
    """Move the throttle's clock forward by a timedelta."""
    throttle = app.extensions["ocop"].sign_in_throttle
    offset = [timedelta(0)]
    throttle.now = lambda: clock.now() + offset[0]

    def move(by: timedelta) -> None:
        offset[0] += by

    return move


def test_wrong_passwords_are_throttled_then_429_with_retry_after(client, lan):
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures)

    assert_throttled(token(client, lan, WRONG))


def test_the_right_password_after_throttling_still_waits(client, lan):
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures)

    assert_throttled(token(client, lan, PASSWORD))


def test_the_username_is_folded_as_the_user_id_is(client, lan):
    fail(client, " LAN ", ACCOUNT_AT_ADDRESS.free_failures)

    assert_throttled(token(client, "Lan", PASSWORD))


def test_a_success_clears_the_account_count(client, lan):
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures - 1)
    assert token(client, lan, PASSWORD).status_code == 200

    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures - 1)
    assert token(client, lan, PASSWORD).status_code == 200


def test_an_unknown_username_is_answered_and_throttled_as_a_known_one(client, lan):
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures)
    fail(client, "nobody", ACCOUNT_AT_ADDRESS.free_failures)

    known, unknown = token(client, lan, WRONG), token(client, "nobody", WRONG)
    assert (known.status_code, known.get_json()) == (unknown.status_code, unknown.get_json())
    assert_throttled(unknown)


def test_the_wait_doubles_with_each_failure_after_it(client, lan, moved_clock):
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures)
    moved_clock(ACCOUNT_AT_ADDRESS.first_wait)

    fail(client, lan, 1)  # the wait is over: one more guess is checked, and is wrong

    wait = assert_throttled(token(client, lan, PASSWORD), at_most=2 * ACCOUNT_AT_ADDRESS.first_wait)
    assert wait > ACCOUNT_AT_ADDRESS.first_wait.total_seconds()
    moved_clock(2 * ACCOUNT_AT_ADDRESS.first_wait)
    assert token(client, lan, PASSWORD).status_code == 200


def test_one_address_trying_many_usernames_is_throttled_and_others_are_not(client, lan):
    for number in range(ADDRESS.free_failures):
        fail(client, f"guess{number}", 1, address="203.0.113.9")

    assert_throttled(token(client, lan, PASSWORD, address="203.0.113.9"))
    assert token(client, lan, PASSWORD, address="198.51.100.7").status_code == 200


def test_an_ipv6_client_cannot_step_around_its_limit_within_its_64(client, lan):
    for number in range(ADDRESS.free_failures):
        fail(client, f"guess{number}", 1, address=f"2001:db8:1:2::{number + 1:x}")

    assert_throttled(token(client, lan, PASSWORD, address="2001:db8:1:2:ffff::1"))
    assert token(client, lan, PASSWORD, address="2001:db8:1:3::1").status_code == 200


def test_a_forwarded_for_header_is_ignored_unless_proxies_are_trusted(client, lan):
    for number in range(ADDRESS.free_failures):
        forged = {"X-Forwarded-For": f"192.0.2.{number}"}
        assert token(client, f"guess{number}", WRONG, **forged).status_code == 401

    assert_throttled(token(client, lan, PASSWORD, **{"X-Forwarded-For": "192.0.2.200"}))


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(database_url):
    from web import create_app

    app = create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": database_url, "OCOP_TRUSTED_PROXIES": "1"})
    try:
        register(app, "lan", "officer")
        client = app.test_client()
        for number in range(ADDRESS.free_failures):
            forwarded = {"X-Forwarded-For": "192.0.2.1"}
            assert token(client, f"guess{number}", WRONG, **forwarded).status_code == 401

        assert_throttled(token(client, "lan", PASSWORD, **{"X-Forwarded-For": "192.0.2.1"}))
        assert token(client, "lan", PASSWORD, **{"X-Forwarded-For": "192.0.2.2"}).status_code == 200
    finally:
        app.extensions["ocop_read"].close()
        app.extensions["ocop"].close()


def test_two_workers_on_one_store_share_the_count(app, client, lan, database_url):
    from web import create_app

    other_worker = create_app(TEST_CONFIG | {"OCOP_DATABASE_URL": database_url})
    try:
        fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures - 1)
        fail(other_worker.test_client(), lan, 1)

        assert_throttled(token(client, lan, PASSWORD))
        assert_throttled(token(other_worker.test_client(), lan, PASSWORD))
    finally:
        other_worker.extensions["ocop_read"].close()
        other_worker.extensions["ocop"].close()


def test_a_throttled_request_does_not_hash_a_password(app, client, lan):
    hasher = app.extensions["ocop"].password_hasher = CountingHasher()
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures)
    checked = hasher.verified
    assert checked == ACCOUNT_AT_ADDRESS.free_failures  # the counter does count real checks

    for _ in range(20):
        assert_throttled(token(client, lan, PASSWORD))
        assert_throttled(token(client, lan, WRONG))

    assert hasher.verified == checked


def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out_from_elsewhere(client, lan):
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures, address="203.0.113.66")
    assert_throttled(token(client, lan, PASSWORD, address="203.0.113.66"))

    assert token(client, lan, PASSWORD, address="198.51.100.7").status_code == 200
    page = page_sign_in(client, lan, PASSWORD)  # the sign-in page, from 127.0.0.1
    assert page.status_code == 302


# The sign-in page ----------------------------------------------------------------------------


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def page_sign_in(client, username: str, password: str, query: str = ""):
    form_token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    return client.post(
        f"/sign-in{query}",
        data={"csrf_token": form_token, "username": username, "password": password},
    )


def test_the_sign_in_page_is_throttled_with_a_message_in_vietnamese(client, lan):
    for _ in range(ACCOUNT_AT_ADDRESS.free_failures):
        assert page_sign_in(client, lan, WRONG).status_code == 200

    response = page_sign_in(client, lan, PASSWORD)

    assert response.status_code == 429 and response.mimetype == "text/html"
    assert 0 < int(response.headers["Retry-After"]) <= ACCOUNT_AT_ADDRESS.first_wait.total_seconds()
    assert "Đăng nhập sai quá nhiều lần" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302  # nobody signed in


def test_the_sign_in_page_says_the_wait_in_english_when_asked(client, lan):
    client.get("/language/en")
    for _ in range(ACCOUNT_AT_ADDRESS.free_failures):
        page_sign_in(client, lan, WRONG)

    page = page_sign_in(client, lan, PASSWORD).get_data(as_text=True)

    assert "Too many failed sign-ins" in page
    assert re.search(r"try again in \d+ (seconds?|minutes?)", page), page


def test_the_page_and_the_api_count_against_the_same_account(client, lan):
    for _ in range(ACCOUNT_AT_ADDRESS.free_failures - 1):
        page_sign_in(client, lan, WRONG)
    fail(client, lan, 1)

    assert page_sign_in(client, lan, PASSWORD).status_code == 429
    assert_throttled(token(client, lan, PASSWORD))


class HeldHasher(PasswordHasher):
    """argon2 that holds each check until the test lets it go, noting how many run at once."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.entered = threading.Semaphore(0)
        self.go = threading.Event()
        self.running = 0
        self.most_at_once = 0
        self.lock = threading.Lock()

    def verify(self, hash, password):
        with self.lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        self.entered.release()
        try:
            self.go.wait(timeout=10)
            return super().verify(hash, password)
        finally:
            with self.lock:
                self.running -= 1


def test_while_a_worker_checks_a_password_another_sign_in_is_told_to_retry(app, lan):
    hasher = HeldHasher()
    app.extensions["ocop"].password_hasher = hasher
    answers = []
    first = threading.Thread(
        target=lambda: answers.append(token(app.test_client(), lan, PASSWORD).status_code)
    )
    first.start()
    assert hasher.entered.acquire(timeout=10)
    try:
        response = token(app.test_client(), lan, PASSWORD, "198.51.100.2")
        page = page_sign_in(app.test_client(), lan, PASSWORD)
    finally:
        hasher.go.set()
        first.join(10)

    assert_error(response, 503, "sign_in_busy")
    assert response.headers["Retry-After"] == "1"
    assert page.status_code == 503 and "Hệ thống đang bận" in page.get_data(as_text=True)
    assert answers == [200] and hasher.most_at_once == 1
    assert token(app.test_client(), lan, PASSWORD).status_code == 200  # the slot is free again


# Changing one's own password checks a password too ----------------------------------------


def change_own_password(client, headers, current: str, address: str = "127.0.0.1"):
    return client.post(
        f"{API}/users/me/password",
        json={"current_password": current, "new_password": "a new long password"},
        headers=headers,
        environ_base={"REMOTE_ADDR": address},
    )


def test_wrong_current_passwords_are_throttled_like_wrong_sign_ins(client, lan):
    headers = {"Authorization": f"Bearer {token(client, lan, PASSWORD).get_json()['token']}"}
    for _ in range(ACCOUNT_AT_ADDRESS.free_failures):
        assert_error(change_own_password(client, headers, WRONG), 422, "wrong_password")

    assert_throttled(change_own_password(client, headers, PASSWORD))
    assert_throttled(token(client, lan, PASSWORD))  # one count per account, whichever door


def test_the_password_change_page_counts_wrong_current_passwords_too(app, client, lan):
    from tests.e2e.test_officer_pages import submit
    from tests.e2e.test_user_pages import sign_in as sign_in_page

    page = app.test_client()
    assert sign_in_page(page, lan, PASSWORD).status_code == 302
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures - 1)
    new = "a new long password"
    submit(
        page,
        "/account/password",
        "own-password",
        current_password=WRONG,
        new_password=new,
        new_password_again=new,
    )

    assert_throttled(token(client, lan, PASSWORD))


def test_a_throttled_password_change_page_says_so_in_vietnamese(app, client, lan):
    from tests.e2e.test_officer_pages import submit
    from tests.e2e.test_user_pages import sign_in as sign_in_page

    page = app.test_client()
    assert sign_in_page(page, lan, PASSWORD).status_code == 302
    fail(client, lan, ACCOUNT_AT_ADDRESS.free_failures)
    new = "a new long password"
    answer, _ = submit(
        page,
        "/account/password",
        "own-password",
        current_password=PASSWORD,
        new_password=new,
        new_password_again=new,
    )

    assert answer.status_code == 429 and int(answer.headers["Retry-After"]) > 0
    assert "Đăng nhập sai quá nhiều lần" in answer.get_data(as_text=True)
