"""Every URL the portal serves, for every persona, with the status each must get.

Add each new view here. The last test fails when a named route is missing from the matrix.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import PERSONAS

ALL_200 = dict.fromkeys(PERSONAS, 200)
ALL_404 = dict.fromkeys(PERSONAS, 404)
SECRETARIAT_ONLY = {
    "anonymous": 302,
    "outsider": 403,
    "member": 403,
    "chair": 403,
    "secretary": 200,
    "governance_admin": 200,
}
ADMIN_ONLY = {**dict.fromkeys(PERSONAS, 302), "governance_admin": 200}
SIGNED_OUT_ONLY = {**dict.fromkeys(PERSONAS, 302), "anonymous": 200}

# (route name, method, path, {persona: expected status})
MATRIX = [
    ("home", "get", "/", ALL_200),
    ("accessibility", "get", "/accessibility/", ALL_200),
    ("partners:board_list", "get", "/boards/", ALL_200),
    ("partners:board", "get", "/boards/ics-board/", ALL_200),
    ("partners:board", "get", "/boards/no-such-board/", ALL_404),
    ("partners:board_history", "get", "/boards/ics-board/history/", SECRETARIAT_ONLY),
    ("partners:board_history", "get", "/boards/no-such-board/history/", ALL_404),
    ("partners:organisation_list", "get", "/partners/", ALL_200),
    ("partners:organisation", "get", "/partners/elht/", ALL_200),
    ("partners:organisation", "get", "/partners/no-such-partner/", ALL_404),
    ("login", "get", "/accounts/login/", SIGNED_OUT_ONLY),
    ("logout", "get", "/accounts/logout/", dict.fromkeys(PERSONAS, 405)),
    ("logout", "post", "/accounts/logout/", dict.fromkeys(PERSONAS, 302)),
    ("password_reset", "get", "/accounts/password-reset/", ALL_200),
    ("password_reset_done", "get", "/accounts/password-reset/sent/", ALL_200),
    ("password_reset_confirm", "get", "/accounts/password-reset/MQ/bad-token/", ALL_200),
    ("password_reset_complete", "get", "/accounts/password-reset/done/", ALL_200),
    ("admin:index", "get", "/admin/", ADMIN_ONLY),
    ("admin:partners_board_changelist", "get", "/admin/partners/board/", ADMIN_ONLY),
    ("admin:partners_membership_changelist", "get", "/admin/partners/membership/", ADMIN_ONLY),
    ("admin:partners_user_changelist", "get", "/admin/partners/user/", ADMIN_ONLY),
]

# Text that only the named personas may be shown on a page (the rest must not see it).
ONLY_FOR = [
    ("/boards/ics-board/", "/boards/ics-board/history/", {"secretary", "governance_admin"}),
]


@pytest.fixture
def everyone(member, chair, secretary, outsider, governance_admin, organisation):
    """Creates every persona, the ICS Board and the partner organisation."""


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method", "path", "expected"), MATRIX, ids=lambda v: str(v))
def test_access(everyone, client_as, persona, name, method, path, expected):
    response = getattr(client_as(persona), method)(path)
    assert response.status_code == expected[persona], f"{persona} {method.upper()} {path}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "text", "allowed"), ONLY_FOR)
def test_restricted_text(everyone, client_as, persona, path, text, allowed):
    shown = text in client_as(persona).get(path).content.decode()
    assert shown == (persona in allowed)


def route_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's own admin: covered by the sample above
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_route_is_in_the_matrix():
    missing = set(route_names()) - {name for name, *_ in MATRIX}
    assert not missing, f"add these routes to the access matrix: {sorted(missing)}"
