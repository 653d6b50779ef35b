"""Declaration returns: a decision-maker's own, from "My interests", and who is due, overdue
and complete, for the governance team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..forms.returns import ReturnForm
from ..permissions import interests as permissions
from ..selectors import returns as selectors
from ..services import returns as services
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
            lambda: services.return_make(
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


@login_required
def returns(request):
    """The governance team's view of the round: who is overdue, due and complete."""
    if not permissions.can_review_interests(request.user):
        raise PermissionDenied("Only the governance team follows the returns.")
    on = timezone.localdate()
    return render(request, "partners/returns.html", {"rows": selectors.returns_owed(on), "on": on})
