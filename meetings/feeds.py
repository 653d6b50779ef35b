"""Calendar feeds of published meetings and an RSS feed of newly published papers.

Both are public, so both read only what an anonymous visitor may see (the selectors).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from icalendar import Calendar, Event

from partners.selectors import board_by_slug

from .models import MeetingStatus
from .selectors.agenda import public_meetings
from .selectors.papers import public_papers

FEED_SIZE = 50


def _calendar(name, meetings, request):
    calendar = Calendar()
    calendar.add("prodid", "-//icp-portal//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{request.get_host()}")
        event.add("dtstamp", meeting.agenda_published_at)
        if meeting.held_in_public:
            event.add("dtstart", meeting.starts_at)
            if meeting.ends_at:
                event.add("dtend", meeting.ends_at)
        else:  # the public knows only the day of a meeting held in private
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + datetime.timedelta(days=1))
        event.add("summary", _summary(meeting))
        if meeting.held_in_public:
            event.add(
                "location", meeting.location or meeting.online_link or "Venue to be confirmed"
            )
        event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
        cancelled = meeting.status == MeetingStatus.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


def _summary(meeting):
    """The board's meeting; a second session that day, or a private meeting, says so."""
    summary = f"{meeting.board.name} meeting"
    if meeting.session:
        summary += f" ({meeting.session_name})"
    return summary if meeting.held_in_public else f"{summary}, held in private"


def all_meetings_calendar(request):
    return _calendar("Board meetings", public_meetings(), request)


def board_calendar(request, slug):
    board = board_by_slug(slug)
    meetings = public_meetings().filter(board=board)
    return _calendar(f"{board.name} meetings", meetings, request)


class PapersFeed(Feed):
    title = "Newly published board papers"
    description = "Papers published for board meetings, newest first."

    def link(self):
        return reverse("partners:board_list")

    def items(self):
        return public_papers().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, paper):
        meeting = paper.item.meeting
        return f"{meeting.board.name}, {meeting.date:%-d %B %Y}: {paper.title}"

    def item_description(self, paper):
        return paper.executive_summary or paper.purpose_detail

    def item_link(self, paper):
        return paper.get_absolute_url()

    def item_pubdate(self, paper):
        return paper.published_at

    def item_updateddate(self, paper):
        return paper.published_at or datetime.datetime.now(datetime.UTC)
