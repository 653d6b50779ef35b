"""The Django admin for governance administrators: every model, with its history.

Saves and deletes go through the services, so the admin obeys the same rules (and keeps
board permissions in step) as every other way in.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from simple_history.admin import SimpleHistoryAdmin

from . import permissions, services
from .models import (
    AddedDecisionMaker,
    Board,
    GiftRules,
    Membership,
    Organisation,
    Partnership,
    QuorumRequirement,
    User,
)


class HistoryAdmin(SimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history reverts a row to an old version for anyone who may view it: reverting
        # is a change, so it takes the right to change the row as it stands.
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is not None and not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def refuse_unless_each_deletable(self, request, queryset):
        # The "delete selected" action asks for permission on the model, not on each row.
        if any(not self.has_delete_permission(request, row) for row in queryset):
            raise PermissionDenied


class AuditedAdmin(HistoryAdmin):
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


@admin.register(GiftRules)
class GiftRulesAdmin(AuditedAdmin):
    """A partnership's thresholds for gifts and hospitality; without a row, NHS England's."""

    list_display = [
        "partnership",
        "hospitality_declared_from",
        "hospitality_refused_over",
        "gifts_for_the_organisation_over",
        "promotional_up_to",
    ]


@admin.register(AddedDecisionMaker)
class AddedDecisionMakerAdmin(AuditedAdmin):
    """People the governance team names decision-makers though they have no vote or chair:
    they make declaration returns and appear on the public register."""

    list_display = ["person", "position", "starts_on", "ends_on"]
    search_fields = ["person__full_name", "position"]
    autocomplete_fields = ["person"]


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


class MembershipForm(forms.ModelForm):
    """A membership as the admin edits it; `actor` is the person at the keyboard."""

    actor = None

    def clean_user(self):
        person = self.cleaned_data.get("user")
        if person and not permissions.can_change_memberships_of(self.actor, person):
            raise ValidationError(
                "You cannot give yourself a seat on a board: another administrator must."
            )
        return person


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    form = MembershipForm
    list_display = ["user", "board", "role", "voting", "representing", "starts_on", "ends_on"]
    list_filter = ["board", "role", "voting"]
    search_fields = ["user__full_name", "user__email", "board__name"]
    autocomplete_fields = ["user", "representing"]
    date_hierarchy = "starts_on"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request, obj=None):
        if obj is not None and not permissions.can_change_memberships_of(request.user, obj.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not permissions.can_change_memberships_of(request.user, obj.user):
            return False
        return super().has_delete_permission(request, obj)

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
        self.refuse_unless_each_deletable(request, queryset)
        for membership in queryset:
            services.membership_delete(actor=request.user, membership=membership)


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "job_title", "organisation"]


class PersonWithoutPasswordForm(forms.ModelForm):
    """A new person, added by someone who may not set their password: the account starts
    with none, and its owner sets one through a password reset link."""

    class Meta:
        model = User
        fields = ["email", "full_name", "job_title", "organisation"]
        field_classes = {"email": forms.EmailField}

    def save(self, commit=True):
        person = super().save(commit=False)
        person.set_unusable_password()
        if commit:
            person.save()
        return person


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"email": forms.EmailField}


# What a governance administrator who is not a superuser may not change on a person: the
# admin's own access, which only a superuser grants (see `permissions.can_grant_admin_access`).
ADMIN_ACCESS_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None and not permissions.can_set_new_person_password(request.user):
            hidden = {"usable_password", "password1", "password2"}
        elif obj is not None and not permissions.can_change_sign_in_of(request.user, obj):
            hidden = {"password"}
        else:
            return fieldsets
        # Someone else's password is not hers to set, so not even the link to set it.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not permissions.can_set_new_person_password(request.user):
            kwargs["form"] = PersonWithoutPasswordForm
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and not permissions.can_change_sign_in_of(request.user, obj):
            # The form declares its password field whatever the fieldsets say.
            form = type(form.__name__, (form,), {"password": None})
        return form

    def get_readonly_fields(self, request, obj=None):
        # Fields read-only here are left out of the form, so a forged POST cannot set them.
        readonly = list(super().get_readonly_fields(request, obj))
        if not permissions.can_grant_admin_access(request.user):
            readonly += ADMIN_ACCESS_FIELDS
        if obj is not None and not permissions.can_change_sign_in_of(request.user, obj):
            readonly.append("email")
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and not permissions.can_change_person(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not permissions.can_change_person(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        self.refuse_unless_each_deletable(request, queryset)
        super().delete_queryset(request, queryset)

    def save_model(self, request, obj, form, change):
        if not permissions.can_grant_admin_access(request.user):
            # An old version being reverted to brings its access along, whatever the form.
            stored = User.objects.filter(pk=obj.pk).first()
            obj.is_staff = stored.is_staff if stored else False
            obj.is_superuser = stored.is_superuser if stored else False
        super().save_model(request, obj, form, change)

    def user_change_password(self, request, id, form_url=""):
        person = self.get_object(request, unquote(id))
        if person is not None and not permissions.can_change_sign_in_of(request.user, person):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)
