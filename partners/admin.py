"""The Django admin for governance administrators: every model, with its history.

Saves and deletes go through the services, so the admin obeys the same rules (and keeps
board permissions in step) as every other way in.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Board, Membership, Organisation, Partnership, QuorumRequirement, User


class AuditedAdmin(SimpleHistoryAdmin):
    def save_model(self, request, obj, form, change):
        services.record_save(actor=request.user, instance=obj)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Partnership)
class PartnershipAdmin(AuditedAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]


@admin.register(QuorumRequirement)
class QuorumRequirementAdmin(AuditedAdmin):
    list_display = ["board", "organisation_kind", "minimum"]
    list_filter = ["board"]


class QuorumRequirementInline(admin.TabularInline):
    model = QuorumRequirement
    extra = 0


class MembershipInline(admin.TabularInline):
    """Read-only here: memberships change through their own form, which syncs access."""

    model = Membership
    fields = ["user", "role", "voting", "representing", "starts_on", "ends_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Board)
class BoardAdmin(AuditedAdmin):
    list_display = ["name", "partnership", "reports_to", "kind", "meets_in_public"]
    list_filter = ["kind", "partnership", "meets_in_public"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [QuorumRequirementInline, MembershipInline]

    def delete_model(self, request, obj):
        services.board_delete(actor=request.user, board=obj)

    def delete_queryset(self, request, queryset):
        for board in queryset:
            services.board_delete(actor=request.user, board=board)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "board", "role", "voting", "representing", "starts_on", "ends_on"]
    list_filter = ["board", "role", "voting"]
    search_fields = ["user__full_name", "user__email", "board__name"]
    autocomplete_fields = ["user", "representing"]
    date_hierarchy = "starts_on"

    def save_model(self, request, obj, form, change):
        if change:
            # The form has already written its changes onto `obj`; the service needs the
            # membership as stored, to take access away from the old person or board.
            stored = Membership.objects.get(pk=obj.pk)
            fields = {name: getattr(obj, name) for name in form.changed_data}
            services.membership_change(actor=request.user, membership=stored, **fields)
        else:
            services.membership_start(
                actor=request.user,
                user=obj.user,
                board=obj.board,
                role=obj.role,
                voting=obj.voting,
                representing=obj.representing,
                constituency=obj.constituency,
                starts_on=obj.starts_on,
                ends_on=obj.ends_on,
            )

    def delete_model(self, request, obj):
        services.membership_delete(actor=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.membership_delete(actor=request.user, membership=membership)


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "job_title", "organisation"]


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"email": forms.EmailField}


@admin.register(User)
class UserAdmin(DjangoUserAdmin, AuditedAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = ["full_name", "email", "job_title", "organisation", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups", "organisation"]
    search_fields = ["full_name", "email", "job_title"]
    ordering = ["full_name"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title", "organisation"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    *["email", "full_name", "job_title", "organisation"],
                    *["usable_password", "password1", "password2"],
                ],
            },
        )
    ]
    readonly_fields = ["last_login", "date_joined"]
