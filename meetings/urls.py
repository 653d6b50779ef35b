from django.urls import path, register_converter

from . import document_views as documents
from . import feeds, views
from . import minutes_views as minutes
from . import pack_views as packs
from . import record_views as record
from . import secretariat_views as manage


class DayConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(DayConverter, "day")

app_name = "meetings"
MEETING = "boards/<slug:slug>/meetings/<day:day>/"

urlpatterns = [
    path("boards/<slug:slug>/meetings/", views.board_meetings, name="board_meetings"),
    path(MEETING, views.meeting, name="meeting"),
    path(f"{MEETING}minutes/", minutes.minutes, name="minutes"),
    path(f"{MEETING}minutes.pdf", minutes.minutes_pdf, name="minutes_pdf"),
    path(f"{MEETING}agenda.pdf", documents.agenda_pdf, name="agenda_pdf"),
    path("papers/<int:pk>/cover-sheet.pdf", documents.cover_sheet_pdf, name="cover_sheet_pdf"),
    path(f"{MEETING}pack.pdf", packs.pack, name="pack"),
    path("papers/<int:pk>/", views.paper, name="paper"),
    path("papers/<int:pk>/files/<int:file_pk>/", views.paper_file, name="paper_file"),
    path("meetings.ics", feeds.all_meetings_calendar, name="calendar"),
    # The secretariat's screens hang off the same addresses.
    path("boards/<slug:slug>/meetings/new/", manage.meeting_create, name="meeting_create"),
    path("boards/<slug:slug>/standing-items/", manage.standing_items, name="standing_items"),
    path(f"{MEETING}edit/", manage.meeting_edit, name="meeting_edit"),
    path(f"{MEETING}cancel/", manage.meeting_cancel, name="meeting_cancel"),
    path(f"{MEETING}held/", manage.meeting_held, name="meeting_held"),
    path(f"{MEETING}pack/", packs.pack_status, name="pack_status"),
    path(f"{MEETING}pack/rebuild/", packs.pack_rebuild, name="pack_rebuild"),
    path(f"{MEETING}agenda/", manage.agenda_edit, name="agenda_edit"),
    path(f"{MEETING}publish/", manage.publish, name="publish"),
    path(f"{MEETING}minutes/approve/", minutes.minutes_approve, name="minutes_approve"),
    path(f"{MEETING}items/<int:pk>/minutes/", minutes.item_minutes, name="item_minutes"),
    path(f"{MEETING}sections/new/", manage.section_add, name="section_add"),
    path(f"{MEETING}sections/<int:pk>/move/", manage.section_move, name="section_move"),
    path(f"{MEETING}items/new/", manage.item_create, name="item_create"),
    path(f"{MEETING}items/<int:pk>/edit/", manage.item_edit, name="item_edit"),
    path(f"{MEETING}items/<int:pk>/move/", manage.item_move, name="item_move"),
    path(f"{MEETING}items/<int:pk>/defer/", manage.item_defer, name="item_defer"),
    path(f"{MEETING}items/<int:pk>/withdraw/", manage.item_withdraw, name="item_withdraw"),
    path(f"{MEETING}items/<int:pk>/remove/", manage.item_remove, name="item_remove"),
    path(f"{MEETING}items/<int:pk>/papers/new/", manage.paper_create, name="paper_create"),
    path("papers/<int:pk>/edit/", manage.paper_edit, name="paper_edit"),
    # Recording the meeting (attendance, comings and goings, declarations) and its actions.
    path(f"{MEETING}attendance/", record.attendance, name="attendance"),
    path(f"{MEETING}attendance/prefill/", record.attendance_prefill, name="attendance_prefill"),
    path(f"{MEETING}movements/new/", record.movement_add, name="movement_add"),
    path(f"{MEETING}declarations/new/", record.declaration_add, name="declaration_add"),
    path(f"{MEETING}actions/", record.action_log, name="action_log"),
    path(f"{MEETING}actions/new/", record.action_add, name="action_add"),
    path(f"{MEETING}actions/<int:pk>/close/", record.action_close, name="action_close"),
    path("my-actions/", record.my_actions, name="my_actions"),
    path("actions/<int:pk>/update/", record.action_update, name="action_update"),
    path("boards/<slug:slug>/meetings.ics", feeds.board_calendar, name="board_calendar"),
    path("papers/feed/", feeds.PapersFeed(), name="papers_feed"),
]
