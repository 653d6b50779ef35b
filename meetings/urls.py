from django.urls import path, register_converter

from . import feeds
from .models.agenda import SESSION_PATTERN, MeetingDay
from .views import (
    actions,
    agenda,
    attendance,
    board_settings,
    cover_sheets,
    declarations,
    minutes,
    packs,
    papers,
    publication,
    screening,
)


class DayConverter:
    """A meeting's day in its address: 2020-12-02 for the day's main meeting, or
    2027-01-13-private for another meeting that day (its session name after the date).
    A day that is not a date (2020-02-30) matches no address, so it is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}(?:-" + SESSION_PATTERN + ")?"

    def to_python(self, value):
        return MeetingDay.of(value)  # its ValueError means "no match"

    def to_url(self, value):
        return str(MeetingDay.of(value))


register_converter(DayConverter, "day")

app_name = "meetings"
MEETING = "boards/<slug:slug>/meetings/<day:day>/"

urlpatterns = [
    path("boards/<slug:slug>/meetings/", agenda.board_meetings, name="board_meetings"),
    path(MEETING, agenda.meeting, name="meeting"),
    path(f"{MEETING}minutes/", minutes.minutes, name="minutes"),
    path(f"{MEETING}minutes.pdf", minutes.minutes_pdf, name="minutes_pdf"),
    path(f"{MEETING}agenda.pdf", agenda.agenda_pdf, name="agenda_pdf"),
    path("papers/<int:pk>/cover-sheet.pdf", papers.cover_sheet_pdf, name="cover_sheet_pdf"),
    path(f"{MEETING}pack.pdf", packs.pack, name="pack"),
    path("papers/<int:pk>/", papers.paper, name="paper"),
    path("papers/<int:pk>/files/<int:file_pk>/", papers.paper_file, name="paper_file"),
    path("meetings.ics", feeds.all_meetings_calendar, name="calendar"),
    # The secretariat's screens hang off the same addresses.
    path("boards/<slug:slug>/meetings/new/", agenda.meeting_create, name="meeting_create"),
    path("boards/<slug:slug>/standing-items/", agenda.standing_items, name="standing_items"),
    path("boards/<slug:slug>/settings/", board_settings.board_settings, name="board_settings"),
    path(
        "boards/<slug:slug>/settings/cover-sheet/",
        cover_sheets.cover_sheet_settings,
        name="cover_sheet_settings",
    ),
    path(f"{MEETING}edit/", agenda.meeting_edit, name="meeting_edit"),
    path(f"{MEETING}cancel/", agenda.meeting_cancel, name="meeting_cancel"),
    path(f"{MEETING}held/", agenda.meeting_held, name="meeting_held"),
    path(f"{MEETING}pack/", packs.pack_status, name="pack_status"),
    path(f"{MEETING}pack/rebuild/", packs.pack_rebuild, name="pack_rebuild"),
    path(f"{MEETING}agenda/", agenda.agenda_edit, name="agenda_edit"),
    path(f"{MEETING}publish/", publication.publish, name="publish"),
    path(f"{MEETING}minutes/approve/", minutes.minutes_approve, name="minutes_approve"),
    path(f"{MEETING}items/<int:pk>/minutes/", minutes.item_minutes, name="item_minutes"),
    path(f"{MEETING}sections/new/", agenda.section_add, name="section_add"),
    path(f"{MEETING}sections/<int:pk>/move/", agenda.section_move, name="section_move"),
    path(f"{MEETING}items/new/", agenda.item_create, name="item_create"),
    path(f"{MEETING}items/<int:pk>/edit/", agenda.item_edit, name="item_edit"),
    path(f"{MEETING}items/<int:pk>/move/", agenda.item_move, name="item_move"),
    path(f"{MEETING}items/<int:pk>/defer/", agenda.item_defer, name="item_defer"),
    path(f"{MEETING}items/<int:pk>/withdraw/", agenda.item_withdraw, name="item_withdraw"),
    path(f"{MEETING}items/<int:pk>/remove/", agenda.item_remove, name="item_remove"),
    path(f"{MEETING}items/<int:pk>/papers/new/", papers.paper_create, name="paper_create"),
    path("papers/<int:pk>/edit/", papers.paper_edit, name="paper_edit"),
    # Recording the meeting (attendance, comings and goings, declarations) and its actions.
    path(f"{MEETING}attendance/", attendance.attendance, name="attendance"),
    path(f"{MEETING}attendance/prefill/", attendance.attendance_prefill, name="attendance_prefill"),
    path(f"{MEETING}movements/new/", attendance.movement_add, name="movement_add"),
    path(f"{MEETING}declarations/new/", attendance.declaration_add, name="declaration_add"),
    path(f"{MEETING}attendance/<int:pk>/edit/", attendance.attendance_edit, name="attendance_edit"),
    path(f"{MEETING}movements/<int:pk>/edit/", attendance.movement_edit, name="movement_edit"),
    path(
        f"{MEETING}movements/<int:pk>/remove/", attendance.movement_remove, name="movement_remove"
    ),
    path(
        f"{MEETING}declarations/<int:pk>/edit/",
        attendance.declaration_edit,
        name="declaration_edit",
    ),
    path(
        f"{MEETING}declarations/<int:pk>/remove/",
        attendance.declaration_remove,
        name="declaration_remove",
    ),
    path(
        f"{MEETING}declarations/asked/",
        attendance.declarations_asked,
        name="declarations_asked",
    ),
    path(
        f"{MEETING}declarations/<int:pk>/register/",
        declarations.declaration_register,
        name="declaration_register",
    ),
    path("my-interests/meetings/", declarations.my_declarations, name="my_declarations"),
    path(
        "my-interests/meetings/<int:pk>/",
        declarations.my_declaration_register,
        name="my_declaration_register",
    ),
    path(f"{MEETING}screening/", screening.screening, name="screening"),
    path(f"{MEETING}screening/run/", screening.screening_run, name="screening_run"),
    path(f"{MEETING}screening/<int:pk>/", screening.flag_decide, name="flag_decide"),
    path(f"{MEETING}screening/<int:pk>/declare/", screening.flag_declare, name="flag_declare"),
    path(f"{MEETING}actions/", actions.action_log, name="action_log"),
    path(f"{MEETING}actions/new/", actions.action_add, name="action_add"),
    path(f"{MEETING}actions/<int:pk>/close/", actions.action_close, name="action_close"),
    path(f"{MEETING}actions/<int:pk>/leads/", actions.action_leads, name="action_leads"),
    path(f"{MEETING}actions/<int:pk>/due/", actions.action_due, name="action_due"),
    path("my-actions/", actions.my_actions, name="my_actions"),
    path("actions/<int:pk>/update/", actions.action_update, name="action_update"),
    path("boards/<slug:slug>/meetings.ics", feeds.board_calendar, name="board_calendar"),
    path("papers/feed/", feeds.PapersFeed(), name="papers_feed"),
]
