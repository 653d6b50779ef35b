"""The admin for meetings, agendas and papers, with history. Governance administrators use
it to look and to mend; the secretariat works through its own screens."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionUpdate,
    AgendaItem,
    AgendaSection,
    Attendance,
    CoverSheetQuestion,
    Declaration,
    ForumDiscussion,
    Meeting,
    MeetingAction,
    Movement,
    Paper,
    PaperFile,
    Publication,
    StandingItem,
)


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = [
        "board",
        "date",
        "session",
        "status",
        "held_in_public",
        "notice_clear_working_days",
    ]
    list_filter = ["board", "status"]
    date_hierarchy = "starts_at"
    readonly_fields = ["status", "agenda_published_at", "notice_clear_working_days"]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "reference", "title", "action", "format", "confidential", "status"]
    list_filter = ["meeting__board", "confidential", "status"]
    search_fields = ["title", "public_title", "reference"]
    readonly_fields = ["number", "reference", "minute_reference"]


class ForumInline(admin.TabularInline):
    model = ForumDiscussion
    extra = 0


class PaperFileInline(admin.TabularInline):
    """Files are added through the secretariat's upload, which checks them."""

    model = PaperFile
    fields = ["slot", "version", "original_name", "size", "page_count", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Declaration)
class DeclarationAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "attendance", "item", "interest_type", "ruling"]
    list_filter = ["meeting__board", "interest_type", "ruling"]


@admin.register(Paper)
class PaperAdmin(SimpleHistoryAdmin):
    list_display = ["title", "item", "confidential", "published_at"]
    list_filter = ["item__meeting__board", "confidential"]
    search_fields = ["title", "presented_by"]
    inlines = [ForumInline, PaperFileInline]


for model in [
    AgendaSection,
    Publication,
    StandingItem,
    PaperFile,
    Attendance,
    Movement,
    CoverSheetQuestion,
]:
    admin.site.register(model, SimpleHistoryAdmin)


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0


@admin.register(MeetingAction)
class MeetingActionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "lead", "status", "due_on", "due_meeting", "ongoing"]
    list_filter = ["status", "board"]
    search_fields = ["code", "title"]
    readonly_fields = ["board", "code"]
    inlines = [ActionUpdateInline]

    def get_queryset(self, request):
        # The first lead, shown on every row, from one query for the page.
        return super().get_queryset(request).prefetch_related("lead_rows__person")
