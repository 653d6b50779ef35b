"""Declaration returns: a decision-maker's own, from "My interests", and who is due, overdue
and complete, for the governance team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import services
from ..forms.returns import ReturnForm
from ..models import User
from ..permissions import interests as permissions
from ..selectors import returns as selectors
from ..selectors.decision_makers import financial_year
from ..services import returns as return_services
from .base import apply
from .interests import my_interests_page


@login_required
@require_POST
def return_make(request):
    """Confirm my entries, or make a nil return; refused, "My interests" again with why."""
    form = ReturnForm(request.POST)
    if form.is_valid():
        made = apply(
            form,
            lambda: return_services.return_make(
                actor=request.user,
                person=request.user,
                kind=form.cleaned_data["kind"],
                on=timezone.localdate(),
            ),
        )
        if made is not None:
            messages.success(request, "Thank you: your return is made.")
            return redirect(reverse("partners:my_interests"))
    return my_interests_page(request, return_form=form)


FOLLOWS = "follows the returns"


@login_required
def returns(request):
    """The governance team's view of the round: who is overdue, due and complete, and when
    each was last reminded."""
    permissions.require_governance_team(request.user, FOLLOWS)
    on = timezone.localdate()
    context = {
        "rows": selectors.returns_owed(on),
        "on": on,
        "this_year": financial_year(on)[0].year,
    }
    return render(request, "partners/returns.html", context)


@login_required
@require_POST
def return_remind(request, person):
    """Remind one decision-maker again, by email, of a return that is due or overdue."""
    permissions.require_governance_team(request.user, FOLLOWS)
    who = get_object_or_404(User, pk=person)
    try:
        services.return_remind(actor=request.user, person=who, on=timezone.localdate())
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"{who.full_name} is reminded again by email.")
    return redirect(reverse("partners:returns"))
