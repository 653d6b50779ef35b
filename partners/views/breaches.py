"""The register of breaches, kept by the governance team: breaches found when an interest is
declared at a meeting (recorded as it is added to the register) and those recorded by hand."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from ..forms.breaches import BreachForm
from ..permissions import interests as permissions
from ..selectors import breaches as selectors
from ..services import breaches as services
from .base import form_screen

KEEPS = "keeps the register of breaches"


@login_required
def breaches(request):
    permissions.require_governance_team(request.user, KEEPS)
    return render(request, "partners/breaches.html", {"breaches": selectors.breaches()})


@login_required
def breach_record(request):
    permissions.require_governance_team(request.user, KEEPS)
    form = BreachForm(request.POST if request.method == "POST" else None)

    def record():
        return services.breach_record(actor=request.user, **form.cleaned_data)

    return form_screen(
        request,
        form,
        record,
        done=lambda breach: f"Breach recorded: {breach.person.full_name}.",
        next_url=reverse("partners:breaches"),
        template="partners/breach_form.html",
        context={},
    )
