"""Publishing a meeting: the secretariat's checklist of what is missing, and publishing the
agenda, the papers or a supplement with the notice each gives."""

from django.contrib import messages
from django.shortcuts import redirect, render

from partners.views.base import apply

from ..forms import publication as forms
from ..selectors import exempt_business
from ..selectors import publication as checklist
from ..services import publication as publication_services
from .base import secretariat, secretariat_meeting


def _publish_agenda(actor, meeting, data):
    return publication_services.meeting_publish_agenda(
        actor=actor, meeting=meeting, late_reason=data["late_reason"]
    )


def _publish_papers(actor, meeting, data):
    return publication_services.meeting_publish_papers(
        actor=actor, meeting=meeting, late_reason=data["late_reason"]
    )


def _issue_supplement(actor, meeting, data):
    return publication_services.supplement_issue(
        actor=actor, meeting=meeting, late_reason=data["late_reason"], note=data["note"]
    )


# The button pressed: what to publish, and what to say once it is.
PUBLISH = {
    "agenda": (_publish_agenda, "The agenda is published."),
    "papers": (_publish_papers, "The agenda and papers are published."),
    "supplement": (_issue_supplement, "The supplement is published."),
}


@secretariat
def publish(request, slug, day):
    meeting = secretariat_meeting(request, slug, day)
    form = forms.PublishForm(request.POST or None)
    chosen = PUBLISH.get(request.POST.get("publish"))
    if request.method == "POST" and chosen is not None and form.is_valid():
        publish, done = chosen
        if apply(form, lambda: publish(request.user, meeting, form.cleaned_data)):
            messages.success(request, done)
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/manage/publish.html",
        {
            "meeting": meeting,
            "form": form,
            "problems": checklist.problems(meeting),
            "warnings": exempt_business.meeting_warnings(meeting),
            "unpublished": checklist.unpublished_papers(meeting),
        },
    )
