"""Declaring a gift or hospitality from "My interests", with the rule that applies shown before
anything is saved ("Check which rule applies" needs no JavaScript)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from ..forms.gifts import GiftForm
from ..services import gifts as services
from .base import form_screen

TEMPLATE = "partners/gift_form.html"


@login_required
def gift_declare(request):
    person = request.user
    form = GiftForm(request.POST if request.method == "POST" else None, person=person)
    context = {"rules": services.gift_rules_for(person)}
    if request.method == "POST" and "check" in request.POST:
        rule = services.rule_for_offer(person, **form.offer()) if form.is_valid() else None
        return render(request, TEMPLATE, {**context, "form": form, "rule": rule})
    return form_screen(
        request,
        form,
        lambda: services.gift_declare(actor=person, person=person, **form.gift_fields()),
        done=lambda gift: (
            f"The {gift.get_kind_display().split(' (')[0].lower()} is declared. {gift.rule}"
        ),
        next_url=reverse("partners:my_interests"),
        template=TEMPLATE,
        context=context,
    )
