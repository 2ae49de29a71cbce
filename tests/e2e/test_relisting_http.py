"""A manager lists, delists and lists again on one day over HTTP: every read and page answers."""

import re
from datetime import date

from tests.e2e.conftest import API, PASSWORD


def page_sign_in(client, username: str) -> None:
    form = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    response = client.post(
        "/sign-in", data={"csrf_token": token, "username": username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_relisting_on_the_day_of_delisting_keeps_every_read_and_page_answering(market):
    shop, product = market.supermarket_id, market.product_id
    listing = f"{API}/outlets/{shop}/listings"
    for _ in range(2):  # listed this morning by the fixture: off, on, off, on
        response = market.client.delete(f"{listing}/{product}", headers=market.admin)
        assert response.status_code in (200, 204), response.get_data(as_text=True)
        assert market.post(f"/outlets/{shop}/listings", {"product_id": product}).status_code == 201
    reads = [
        f"{API}/coverage",
        f"{API}/coverage?by=district",
        f"{API}/catalogue?q=Chè",
        f"{API}/targets?province=Hà Nội&year={date.today().year}",
        f"{API}/outlets/{shop}/inventory",
        f"{API}/outlets/{shop}/low-stock",
        f"{API}/outlets/{shop}/expiring",
    ]
    answers = {url: market.client.get(url, headers=market.admin) for url in reads}
    assert {url: r.status_code for url, r in answers.items()} == {url: 200 for url in reads}
    coverage = answers[f"{API}/coverage"].get_json()
    assert (coverage["total"], coverage["selling"]) == (1, 1)
    items = answers[f"{API}/catalogue?q=Chè"].get_json()["items"]
    assert all(item["listed_at"] == [shop] for item in items)
    assert market.client.get(f"/p/{product}").status_code == 200
    page_sign_in(market.client, "admin")
    for page in (f"/shelf/{shop}", "/dashboard", "/catalogue", f"/counter/{shop}"):
        assert market.client.get(page).status_code == 200, page
