"""The header's navigation: one list, marked with the section the visitor is in."""

from django.urls import reverse

SECTIONS = [
    ("Boards", "partners:board_list"),
    ("Partners", "partners:organisation_list"),
]


def navigation(request):
    items = []
    for text, url_name in SECTIONS:
        href = reverse(url_name)
        items.append({"text": text, "href": href, "current": request.path.startswith(href)})
    return {"navigation": items}
