"""Contract checks of order-svc's routes: carts, checkout settings and
discounts, checkout with an Idempotency-Key, and reading and changing orders."""

import secrets

from report import fail_fast

ADDRESS = {
    "name": "Nusrat Jahan", "line1": "House 12, Road 5", "city": "Dhaka", "district": "Dhaka",
    "postcode": "1207", "country": "BD", "phone": "01712345678",
}


def check_settings(client, shop):
    """Give the shop a flat and a weight-banded rate, 5% tax and a discount code."""
    token, host = shop.owner_token, shop.host
    client.call("GET", "/api/v1/orders/settings", 200, host, token=token)
    client.call("PATCH", "/api/v1/orders/settings", 200, host, token=token, body={
        "shipping_rates": [
            {"code": "standard", "name": "Standard", "price": "60.00", "free_above": "5000.00"},
            {"code": "heavy", "name": "By weight", "weight_bands": [{"max_grams": 1000, "price": "80.00"},
                                                                    {"max_grams": 5000, "price": "150.00"}]},
        ],
        "tax": {"rate_basis_points": 500, "prices_include_tax": False},
    })
    client.call("PUT", "/api/v1/orders/settings", 200, host, token=token, body={"payment_hold_seconds": 1800})
    client.call("PATCH", "/api/v1/orders/settings", 422, host, token=token, check_request="invalid",
                body={"shipping_rates": [{"code": "both", "name": "Both", "price": "1.00",
                                          "weight_bands": [{"max_grams": 10, "price": "2.00"}]}]})
    client.call("GET", "/api/v1/orders/settings", 401, host)

    client.call("PUT", "/api/v1/orders/discounts/{code}", 200, host, params={"code": "TENOFF"}, token=token,
                body={"kind": "percentage", "basis_points": 1000, "minimum_subtotal": "100.00",
                      "usage_limit": 100, "ends_at": "2099-01-31T18:00:00Z"})
    client.call("PUT", "/api/v1/orders/discounts/{code}", 200, host, params={"code": "FLAT50"}, token=token,
                body={"kind": "fixed", "amount": "50.00", "is_active": True})
    client.call("GET", "/api/v1/orders/discounts/{code}", 200, host, params={"code": "TENOFF"}, token=token)
    client.call("GET", "/api/v1/orders/discounts/{code}", 404, host, params={"code": "NOSUCH"}, token=token)
    client.call("PUT", "/api/v1/orders/discounts/{code}", 422, host, params={"code": "BAD"}, token=token,
                check_request="invalid", body={"kind": "fixed", "basis_points": 10})
    # The schema cannot know the shop's currency, so only the server rejects BDT with three decimals.
    client.call("PUT", "/api/v1/orders/discounts/{code}", 422, host, params={"code": "BAD"}, token=token,
                check_request=False, body={"kind": "fixed", "amount": "5.001"})


def check_cart(client, shop, product):
    """Make a guest cart with two lines, change them, and return (cart id, cart token)."""
    host = shop.host
    created = client.call("POST", "/api/v1/carts", 201, host)
    cart, token = created.member("id"), created.member("token")
    access = {"X-Cart-Token": token or ""}
    ids = {"id": cart}
    small, medium = product["variants"][0]["id"], product["variants"][1]["id"]
    client.call("POST", "/api/v1/carts/{id}/lines", 200, host, params=ids, headers=access,
                body={"variant_id": small, "quantity": 2})
    client.call("POST", "/api/v1/carts/{id}/lines", 200, host, params=ids, headers=access,
                body={"variant_id": medium, "quantity": 1})
    client.call("PATCH", "/api/v1/carts/{id}/lines/{line_id}", 200, host, params={**ids, "line_id": medium},
                headers=access, body={"quantity": 3})
    client.call("DELETE", "/api/v1/carts/{id}/lines/{line_id}", 200, host, params={**ids, "line_id": medium},
                headers=access)
    client.call("POST", "/api/v1/carts/{id}/lines", 200, host, params=ids, headers=access,
                body={"variant_id": medium, "quantity": 1})
    client.call("POST", "/api/v1/carts/{id}/refresh", 200, host, params=ids, headers=access)
    client.call("GET", "/api/v1/carts/{id}", 200, host, params=ids, headers=access)

    client.call("POST", "/api/v1/carts/{id}/lines", 422, host, params=ids, headers=access, check_request="invalid",
                body={"variant_id": small, "quantity": 0})
    client.call("POST", "/api/v1/carts/{id}/lines", 422, host, params=ids, headers=access, check_request="invalid",
                body={"variant_id": small, "quantity": 1, "note": "gift"})
    client.call("POST", "/api/v1/carts/{id}/lines", 422, host, params=ids, headers={**access,
                "Content-Type": "application/json"}, raw=b'{"variant_id": ')
    client.call("GET", "/api/v1/carts/{id}", 404, host, params=ids, headers={"X-Cart-Token": "wrong"})
    client.call("GET", "/api/v1/carts/{id}", 401, host, params=ids)
    return cart, token


def place_order(client, shop, cart, cart_token, discount_code=None):
    """Check out the cart, replay the same key and body, and return the placed order's JSON."""
    body = {"cart_id": cart, "email": "buyer@example.com", "shipping_address": ADDRESS,
            "shipping_method": "standard"}
    if discount_code:
        body["discount_code"] = discount_code
    headers = {"X-Cart-Token": cart_token, "Idempotency-Key": secrets.token_hex(16)}
    first = client.call("POST", "/api/v1/checkout", 201, shop.host, headers=headers, body=body)
    replay = client.call("POST", "/api/v1/checkout", 201, shop.host, headers=headers, body=body)
    client.report.check("POST /api/v1/checkout replay returns the first order",
                        replay.json == first.json and replay.headers.get("idempotent-replayed") == "true",
                        f"first {first.body[:120]!r}, replay {replay.body[:120]!r}")
    return first.member("order")


def check_checkout(client, shop, product):
    """Place two orders, then read, list, look up, annotate and cancel them."""
    host, token = shop.host, shop.owner_token
    cart, cart_token = check_cart(client, shop, product)
    client.call("POST", "/api/v1/checkout", 422, host, headers={"X-Cart-Token": cart_token},
                body={"cart_id": cart, "email": "buyer@example.com", "shipping_address": ADDRESS})
    client.call("POST", "/api/v1/checkout", 422, host, check_request="invalid",
                headers={"X-Cart-Token": cart_token, "Idempotency-Key": secrets.token_hex(16)},
                body={"cart_id": cart, "email": "buyer@example.com", "gift_wrap": True})
    order = place_order(client, shop, cart, cart_token, discount_code="TENOFF")
    if order is None:
        fail_fast("checkout placed no order, so the order routes cannot be checked")

    second_cart = client.call("POST", "/api/v1/carts", 201, host)
    access = {"X-Cart-Token": second_cart.member("token")}
    client.call("POST", "/api/v1/carts/{id}/lines", 200, host, params={"id": second_cart.member("id")},
                headers=access, body={"variant_id": product["variants"][0]["id"], "quantity": 1})
    second = place_order(client, shop, second_cart.member("id"), second_cart.member("token")) or {}

    ids = {"id": order["id"]}
    client.call("GET", "/api/v1/orders/{id}", 200, host, params=ids, token=token)
    client.call("GET", "/api/v1/orders/{id}", 200, host, params=ids, query={"token": order["token"]})
    client.call("GET", "/api/v1/orders/{id}", 401, host, params=ids)
    client.call("GET", "/api/v1/orders", 200, host, token=token, query={"limit": 1})
    client.call("GET", "/api/v1/orders", 200, host, token=token, query={"status": "pending_payment",
                                                                         "email": "buyer@example.com"})
    client.call("GET", "/api/v1/orders", 422, host, token=token, query={"status": "shipped"})
    client.call("GET", "/api/v1/orders/lookup", 200, host, query={"number": order["number"],
                                                                  "email": "buyer@example.com"})
    client.call("GET", "/api/v1/orders/lookup", 422, host, query={"number": "abc"})

    client.call("POST", "/api/v1/orders/{id}/notes", 200, host, params=ids, token=token,
                body={"note": "Called the customer."})
    client.call("POST", "/api/v1/orders/{id}/fulfil", 409, host, params=ids, token=token,
                body={"tracking_number": "TRK-1", "carrier": "Pathao"})
    client.call("POST", "/api/v1/orders/{id}/fulfil", 422, host, params=ids, token=token, check_request="invalid",
                body={"tracking_number": "", "carrier": "Pathao"})
    client.call("POST", "/api/v1/orders/{id}/cancel", 200, host, params=ids, token=token,
                body={"reason": "customer asked"})
    client.call("POST", "/api/v1/orders/{id}/cancel", 200, host, params={"id": second.get("id")}, token=token)
