"""Forms of the partners app: the NHS.UK look every form of the portal shares (base), and
signing in."""

from .base import (
    CHOSEN_FROM_A_LIST,
    NO_ARTICLE,
    WIDGET_CLASSES,
    NHSFormMixin,
    NHSFormRenderer,
    label_alone,
    label_in_a_sentence,
    one_kind_of_line_end,
    plain_messages,
)
from .signin import (
    PasswordResetForm,
    SecondFactorForm,
    SecondFactorSetUpForm,
    SetPasswordForm,
    SignInForm,
)

__all__ = [
    "CHOSEN_FROM_A_LIST",
    "NO_ARTICLE",
    "WIDGET_CLASSES",
    "NHSFormMixin",
    "NHSFormRenderer",
    "PasswordResetForm",
    "SecondFactorForm",
    "SecondFactorSetUpForm",
    "SetPasswordForm",
    "SignInForm",
    "label_alone",
    "label_in_a_sentence",
    "one_kind_of_line_end",
    "plain_messages",
]
