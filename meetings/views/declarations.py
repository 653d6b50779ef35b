"""Interests declared at a meeting, onto the register of interests in one step: by the
board's secretariat from the meeting's attendance screen (the entry accepted at once), or by
the person from "My interests" (the entry waiting for review, like any other)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from partners.views.base import apply

from ..forms.declarations import DeclarationLinkForm, DeclarationRegisterForm
from ..selectors import declarations as selectors
from ..services import declarations as services
from .base import secretariat, secretariat_meeting


@login_required
def my_declarations(request):
    """The interests I declared at meetings, and whether each is on my register."""
    rows = selectors.my_declarations(request.user)
    return render(request, "meetings/my_declarations.html", {"declarations": rows})


@login_required
def my_declaration_register(request, pk):
    declaration = selectors.my_declaration(request.user, pk)
    return _register_screen(
        request, declaration, team=False, back=reverse("meetings:my_declarations")
    )


@secretariat
def declaration_register(request, slug, day, pk):
    meeting = secretariat_meeting(request, slug, day)
    declaration = selectors.meeting_declaration(meeting, pk)
    back = reverse("meetings:attendance", args=meeting.url_args()) + "#declarations"
    return _register_screen(request, declaration, team=True, back=back)


def _register_screen(request, declaration, *, team, back):
    """Link the declaration to the entry it is about, or add a new entry from it. One form
    is posted at a time, so the page shows one error summary."""
    person = declaration.attendance.person
    if declaration.interest_id or person is None:
        messages.info(request, _why_not(declaration))
        return redirect(back)
    posted = request.POST if request.method == "POST" else None
    linking = posted is not None and "link" in request.GET  # the link form's own action
    entries = selectors.register_entries(person)
    link_form = DeclarationLinkForm(posted if linking else None, entries=entries)
    form = DeclarationRegisterForm(
        None if linking else posted,
        team=team,
        initial=DeclarationRegisterForm.initial_of_declaration(declaration),
    )
    done = None
    if linking and link_form.is_valid():
        done = apply(link_form, lambda: _link(request, declaration, link_form))
    elif posted is not None and not linking and form.is_valid():
        done = apply(form, lambda: _add(request, declaration, form, team))
    if done is not None:
        messages.success(request, done)
        return redirect(back)
    context = {
        "declaration": declaration,
        "where": services.declared_where(declaration),
        "form": form,
        "link_form": link_form,
        "has_entries": entries.exists(),
        "team": team,
        "back": back,
    }
    return render(request, "meetings/declaration_register.html", context)


def _why_not(declaration):
    if declaration.interest_id:
        return "This declaration is on the register already."
    return f"{declaration.attendance.full_name} has no portal account, so no register."


def _link(request, declaration, form):
    interest = form.cleaned_data["interest"]
    services.declaration_link(actor=request.user, declaration=declaration, interest=interest)
    return "The declaration is linked to its entry on the register."


def _add(request, declaration, form, team):
    added = services.declaration_register(
        actor=request.user,
        declaration=declaration,
        accept=team,
        breach_action=form.cleaned_data.get("breach_action", ""),
        **form.interest_fields(),
    )
    if not team:
        return "Added to your register. The governance team will review it."
    breach = " A breach is recorded on the register of breaches." if added.breach_id else ""
    return f"Added to the register of {added.attendance.full_name}, accepted.{breach}"
