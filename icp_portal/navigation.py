"""The header's navigation: one list, marked with the section the visitor is in."""

from django.urls import reverse

SECTIONS = [
    ("Boards", "partners:board_list"),
    ("Partners", "partners:organisation_list"),
    ("Register of interests", "partners:public_register"),
]
# Sections that only mean something to someone signed in.
SIGNED_IN_SECTIONS = [
    ("My actions", "meetings:my_actions"),
    ("My interests", "partners:my_interests"),
]


def navigation(request):
    sections = SECTIONS
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        sections = SECTIONS + SIGNED_IN_SECTIONS
    items = []
    for text, url_name in sections:
        href = reverse(url_name)
        items.append({"text": text, "href": href, "current": request.path.startswith(href)})
    return {"navigation": items}
