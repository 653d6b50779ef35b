"""The sign-in forms: email and password, password reset, the second factor."""

from django import forms
from django.contrib.auth import forms as auth_forms

from .. import services, signin
from .base import NHSFormMixin


class SignInForm(NHSFormMixin, auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label="Email address",
        # Not autofocused: the first Tab goes to the skip link, as on every other page.
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter your email address."},
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password. The password is case "
        "sensitive.",
        "inactive": "This account is not active. Ask your board secretariat to restore it.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["required"] = "Enter your password."


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["required"] = "Enter your email address."


class SetPasswordForm(NHSFormMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password."
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again."


class SecondFactorForm(NHSFormMixin, forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=16,
        error_messages={"required": "Enter the security code."},
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
        error_messages={"required": "Enter the security code."},
        help_text="The 6-digit code your authenticator app shows for this portal.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
