"""The year-end list of decision-makers who neither declared nor made a nil return, published
once the financial year has ended, as a page and a CSV file."""

import csv
import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ..permissions import interests as permissions
from ..selectors.decision_makers import financial_year
from ..selectors.returns import non_declarers
from .base import csv_cell


def _year(request, year):
    """The financial year starting in April of `year`, if this person may see its list."""
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise Http404("There is no such year.")
    start, end = financial_year(datetime.date(year, 4, 1))
    if not permissions.can_see_non_declarers(request.user, end, today):
        raise Http404(f"The list for {_label(start)} is published when the year ends.")
    return start, end, today >= end


def _label(start):
    return f"{start.year}–{(start.year + 1) % 100:02d}"


def latest(request):
    """The list of the last year that has ended."""
    start, _end = financial_year(timezone.localdate())
    return redirect(reverse("partners:non_declarers", args=[start.year - 1]))


def _neighbour(year, request):
    """(year, label) of another year's list, if there is one this person may see."""
    try:
        start, _end, _ended = _year(request, year)
    except Http404:
        return None
    return year, _label(start)


def non_declarers_page(request, year):
    start, end, ended = _year(request, year)
    last_day = end - datetime.timedelta(days=1)
    return render(
        request,
        "partners/non_declarers.html",
        {
            "rows": non_declarers(start),
            "label": _label(start),
            "year": year,
            "start": start,
            "last_day": last_day,
            "ended": ended,
            "earlier": _neighbour(year - 1, request),
            "later": _neighbour(year + 1, request),
        },
    )


def non_declarers_csv(request, year):
    start, _end, _ended = _year(request, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"no-declaration-{_label(start)}.csv".replace("–", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(["Name", "Position"])
    for row in non_declarers(start):
        writer.writerow([csv_cell(row.person.full_name), csv_cell("; ".join(row.positions))])
    return response
