"""The register of interests, for the people who declare them ("My interests") and for the
governance team who review them. Thin: selectors read, permissions decide, services write."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from ..forms.interests import InterestForm, RegisterSearchForm, ReviewForm
from ..forms.returns import ReturnForm
from ..models import Precision, shown
from ..pdf import page_footer, render_pdf
from ..permissions import interests as permissions
from ..selectors import gifts as gift_selectors
from ..selectors import interests as selectors
from ..selectors import returns as return_selectors
from ..services import interests as services
from .base import csv_cell, form_screen, pdf_response

FORM_TEMPLATE = "partners/interest_form.html"
REVIEWS = "reviews interests"


def _post(request):
    return request.POST if request.method == "POST" else None


def my_interests_page(request, return_form=None):
    """My interests: the entries, the gifts and, for a decision-maker, the next return."""
    user = request.user
    owed = return_selectors.returns_owed(timezone.localdate(), people=[user])
    return render(
        request,
        "partners/my_interests.html",
        {
            "interests": selectors.my_interests(user),
            "gifts": gift_selectors.my_gifts(user),
            "owed": owed[0] if owed else None,
            "return_form": return_form or ReturnForm(),
        },
    )


@login_required
def my_interests(request):
    return my_interests_page(request)


@login_required
def interest_declare(request):
    form = InterestForm(_post(request))
    return form_screen(
        request,
        form,
        lambda: services.interest_declare(
            actor=request.user, person=request.user, **form.interest_fields()
        ),
        done="Your interest is declared. The governance team will review it.",
        next_url=reverse("partners:my_interests"),
        template=FORM_TEMPLATE,
        context={"heading": "Declare an interest", "button": "Declare the interest"},
    )


@login_required
def interest_change(request, pk):
    interest = selectors.interest_of(request.user, pk)
    form = InterestForm(_post(request), initial=InterestForm.initial_of(interest))
    return form_screen(
        request,
        form,
        lambda: services.interest_change(
            actor=request.user, interest=interest, **form.interest_fields()
        ),
        done=lambda changed: (
            "Your interest is changed. The governance team will review it again."
            if changed
            else "Nothing was changed."
        ),
        next_url=reverse("partners:my_interests"),
        template=FORM_TEMPLATE,
        context={
            "heading": "Change an interest",
            "button": "Save changes",
            "interest": interest,
        },
    )


def _reviewer(request):
    permissions.require_governance_team(request.user, REVIEWS)


@login_required
def interests_review(request):
    _reviewer(request)
    return render(
        request,
        "partners/interests_review.html",
        {"interests": selectors.interests_to_review()},
    )


@login_required
def interest_review(request, pk):
    _reviewer(request)
    interest = selectors.interest_for_review(pk)
    form = ReviewForm(_post(request))

    def review():
        accepted = form.cleaned_data["decision"] == "accept"
        return services.interest_review(
            actor=request.user,
            interest=interest,
            accepted=accepted,
            comment=form.cleaned_data["comment"],
            withheld=form.cleaned_data["withheld"],
            withheld_reason=form.cleaned_data["withheld_reason"],
        )

    return form_screen(
        request,
        form,
        review,
        done=lambda done: (
            f"{done.person.full_name}'s interest is {done.get_status_display().lower()}."
        ),
        next_url=reverse("partners:interests_review"),
        template="partners/interest_review.html",
        context={"interest": interest},
    )


CSV_HEADERS = [
    "Name",
    "Position",
    "Type of interest",
    "Description",
    "Organisation",
    "Whose interest",
    "From",
    "To",
    "Action taken",
]


def _register(request):
    form = RegisterSearchForm(request.GET or None)
    people = selectors.public_register(on=timezone.localdate(), **form.filters())
    return form, people


def public_register(request):
    """The published register of decision-makers' interests, for everyone."""
    form, people = _register(request)
    query = request.GET.urlencode()
    return render(
        request,
        "partners/public_register.html",
        {"form": form, "people": people, "searched": bool(form.filters()), "query": query},
    )


def public_register_pdf(request):
    """The published register (as searched) as a tagged PDF, dated: what was public that day."""
    form, people = _register(request)
    today = timezone.localdate()
    context = {
        "people": people,
        "on": today,
        "searched": bool(form.filters()),
        "searched_for": form.described(),
        "page_footer": page_footer(f"Register of interests, {today:%-d %B %Y}"),
    }
    pdf = render_pdf("pdf/register_of_interests.html", context, tagged=True)
    return pdf_response(pdf, f"register-of-interests-{today.isoformat()}.pdf", private=False)


def public_register_csv(request):
    """The published register (as searched) as a CSV file: a header row even when empty."""
    _form, people = _register(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="register-of-interests.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADERS)
    for entry in people:
        if entry.nil_return_on:
            writer.writerow(_nil_row(entry))
        for interest in entry.interests:
            writer.writerow(_csv_row(entry, interest))
    return response


def _nil_row(entry):
    made_on = shown(entry.nil_return_on, Precision.DAY)
    row = [entry.person.full_name, "; ".join(entry.positions), "Nil return"]
    row.append(f"No interests to declare (return made on {made_on})")
    return [csv_cell(value) for value in row] + [""] * (len(CSV_HEADERS) - len(row))


def _csv_row(entry, interest):
    return [
        csv_cell(value)
        for value in [
            entry.person.full_name,
            "; ".join(entry.positions),
            interest.get_interest_type_display(),
            interest.description,
            interest.organisation_named,
            interest.get_relationship_display(),
            shown(interest.starts_on, interest.starts_precision),
            shown(interest.ends_on, interest.ends_precision),
            interest.action_agreed,
        ]
    ]
