"""Pages about partners and boards. Thin: selectors read, permissions decide."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import permissions, selectors


def accessibility(request):
    """The accessibility statement, with the contact and dates this installation sets."""
    return render(
        request,
        "accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
            "prepared_on": settings.ACCESSIBILITY_STATEMENT_PREPARED,
            "reviewed_on": settings.ACCESSIBILITY_STATEMENT_REVIEWED,
        },
    )


def board_list(request):
    return render(
        request, "partners/board_list.html", {"board_groups": selectors.boards_for_listing()}
    )


def board_detail(request, slug):
    board = selectors.board_detail(slug)
    return render(
        request,
        "partners/board_detail.html",
        {"board": board, "can_see_history": permissions.can_see_board_history(request.user, board)},
    )


def board_history(request, slug):
    board = selectors.board_by_slug(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_see_board_history(request.user, board):
        raise PermissionDenied("Only the board's secretariat can see its history.")
    page = Paginator(selectors.board_history(board), 50).get_page(request.GET.get("page"))
    return render(request, "partners/board_history.html", {"board": board, "page": page})


def organisation_list(request):
    return render(
        request,
        "partners/organisation_list.html",
        {"kind_groups": selectors.organisations_for_listing()},
    )


def organisation_detail(request, slug):
    return render(
        request,
        "partners/organisation_detail.html",
        {"organisation": selectors.organisation_detail(slug)},
    )
