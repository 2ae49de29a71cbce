"""The OpenAPI document and its Swagger UI page, served without the internet."""

import re

CONTRACT_PATHS = {
    "/api/v1/auth/token": {"post"},
    "/api/v1/producers": {"post"},
    "/api/v1/products": {"post"},
    "/api/v1/products/{product_id}": {"get"},
    "/api/v1/products/{product_id}/certifications": {"post"},
    "/api/v1/products/{product_id}/revocations": {"post"},
    "/api/v1/outlets": {"post"},
    "/api/v1/outlets/{outlet_id}/listings": {"post"},
    "/api/v1/outlets/{outlet_id}/listings/{product_id}": {"delete"},
    "/api/v1/outlets/{outlet_id}/receipts": {"post"},
    "/api/v1/outlets/{outlet_id}/sales": {"post"},
    "/api/v1/outlets/{outlet_id}/inventory": {"get"},
}


def test_openapi_document_lists_the_contract_paths_and_methods(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    paths = response.get_json()["paths"]
    missing = {
        path: methods - set(paths.get(path, {}))
        for path, methods in CONTRACT_PATHS.items()
        if methods - set(paths.get(path, {}))
    }
    assert missing == {}


def test_openapi_document_declares_bearer_auth(client):
    spec = client.get("/api/openapi.json").get_json()

    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_docs_page_loads_every_asset_from_this_server(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/api/docs/assets/swagger-ui-bundle.js" in assets
    assert all(a.startswith(("/api/docs/assets/", "/static/")) for a in assets), assets
    assert "://" not in "".join(assets)


def test_swagger_ui_bundle_asset_is_served(client):
    response = client.get("/api/docs/assets/swagger-ui-bundle.js")

    assert response.status_code == 200
    assert "javascript" in response.mimetype
    assert len(response.get_data()) > 100_000
    response.close()


def test_unknown_docs_asset_is_404(client):
    response = client.get("/api/docs/assets/not-there.js")

    assert response.status_code == 404
