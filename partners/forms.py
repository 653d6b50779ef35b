"""Forms of the partners app, and the NHS.UK look every form of the portal shares."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.forms.renderers import TemplatesSetting

from . import services, signin

WIDGET_CLASSES = {
    forms.CheckboxInput: "nhsuk-checkboxes__input",
    forms.CheckboxSelectMultiple: "nhsuk-checkboxes__input",
    forms.RadioSelect: "nhsuk-radios__input",
    forms.Select: "nhsuk-select",
    forms.Textarea: "nhsuk-textarea",
}


class NHSFormRenderer(TemplatesSetting):
    """Renders `{{ form }}` as NHS.UK frontend form groups with an error summary."""

    form_template_name = "partials/form.html"
    field_template_name = "partials/field.html"


def one_kind_of_line_end(text):
    """Text with its lines ended as stored (LF), whatever a browser sent: browsers post a
    textarea's lines ended with CRLF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _with_lf_line_ends(to_python):
    def converted(value):
        value = to_python(value)
        return one_kind_of_line_end(value) if isinstance(value, str) else value

    converted.lf_line_ends = True
    return converted


class NHSFormMixin:
    """Gives every widget the NHS.UK frontend class its kind of input needs, and every text
    the line ends it is stored with, so that a form posted unchanged is unchanged (and not
    "changed" by a browser's CRLF line ends)."""

    default_renderer = NHSFormRenderer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = WIDGET_CLASSES.get(type(field.widget), "nhsuk-input")
            field.widget.attrs["class"] = f"{css} {field.widget.attrs.get('class', '')}".strip()
            if not getattr(field.to_python, "lf_line_ends", False):
                # On the field's own to_python, so that what the form counts as changed
                # and what it cleans read the text the same way.
                field.to_python = _with_lf_line_ends(field.to_python)


class SignInForm(NHSFormMixin, auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password. The password is case "
        "sensitive.",
        "inactive": "This account is not active. Ask your board secretariat to restore it.",
    }


class PasswordResetForm(NHSFormMixin, auth_forms.PasswordResetForm):
    """Asks for a reset link. The email is looked up and sent by a background task, so the
    page answers in the same time whether or not the address has an account, and it is sent
    at most a few times an hour to one address, or from one client."""

    def save(self, *, request, use_https=False, **kwargs):
        services.password_reset_request(
            email=self.cleaned_data["email"],
            address=signin.sign_in_address(request),
            domain=request.get_host(),
            use_https=use_https,
        )


class SetPasswordForm(NHSFormMixin, auth_forms.SetPasswordForm):
    pass


class SecondFactorForm(NHSFormMixin, forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now, or one of your "
        "recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class SecondFactorSetUpForm(SecondFactorForm):
    code = forms.CharField(
        label="Security code",
        max_length=6,
        help_text="The 6-digit code your authenticator app shows for this portal.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
