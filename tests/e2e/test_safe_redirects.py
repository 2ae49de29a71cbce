"""Redirects after sign-in and after a language switch stay on this site (issue 12): a link
crafted elsewhere cannot send a person who signs in to another site."""

import re

import pytest

from tests.e2e.conftest import PASSWORD, register


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in_with_next(client, target: str):
    form_token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    return client.post(
        "/sign-in",
        query_string={"next": target},
        data={"csrf_token": form_token, "username": "lan", "password": PASSWORD},
    )


@pytest.fixture
def lan(app):
    register(app, "lan", "officer")


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example",
        "//evil.example",
        "///evil.example",
        "https://evil.example",
        "https:evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "\\\\evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        " //evil.example",
        "/\x00/evil.example",
        "/\u3000/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "",
    ],
)
def test_sign_in_never_redirects_off_the_site(client, lan, target):
    response = sign_in_with_next(client, target)

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_raw_tab_trick_from_the_issue_lands_on_the_home_page(client, lan):
    form_token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in?next=/%09/evil.example",
        data={"csrf_token": form_token, "username": "lan", "password": PASSWORD},
    )

    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/dashboard", "/counter?outlet=1&q=ch%C3%A8", "/p/x#top"])
def test_sign_in_returns_to_a_page_of_this_site(client, lan, target):
    response = sign_in_with_next(client, target)

    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "referrer", ["https://evil.example/x", "//evil.example/x", "http://localhost.evil.example/"]
)
def test_the_language_switch_does_not_go_back_to_another_site(client, referrer):
    response = client.get("/language/en", headers={"Referer": referrer})

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_language_switch_goes_back_to_the_page_it_came_from(client):
    response = client.get("/language/en", headers={"Referer": "http://localhost/p/x?q=1"})

    assert response.headers["Location"] == "/p/x?q=1"
