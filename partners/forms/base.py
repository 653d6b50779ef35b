"""Forms of the partners app, and the NHS.UK look every form of the portal shares."""

import re

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import pretty_name

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


CHOSEN_FROM_A_LIST = (
    forms.ChoiceField,
    forms.MultipleChoiceField,
    forms.ModelChoiceField,
    forms.NullBooleanField,
)


def label_alone(label):
    """The label without its punctuation and its note in brackets: "Location (leave blank if
    not yet known)" is "Location" in a message."""
    return re.sub(r"\s+\([^)]*\)$", "", str(label).rstrip("?:").strip())


# Labels that read on after "Enter" or "Select" as they are, without "the".
NO_ARTICLE = {"a", "an", "the", "your", "how", "who", "what", "when", "where", "whether", "which"}


def label_in_a_sentence(label):
    """ "Date of the meeting" as it reads after "Enter": "the date of the meeting", in lower
    case unless it starts with a short form that keeps its capitals (PDF, ICS)."""
    label = label_alone(label)
    first = label.split(" ", 1)[0]
    said = label if first[1:2].isupper() else label[:1].lower() + label[1:]
    return said if first.lower() in NO_ARTICLE else f"the {said}"


def _is_djangos(field, code):
    """Whether the field still has Django's own message for `code`, which a form has not
    replaced by its own."""
    own = field.error_messages.get(code)
    for kind in type(field).__mro__:
        default = getattr(kind, "default_error_messages", {}).get(code)
        if default is not None:
            return own is None or str(own) == str(default)
    return own is None


def plain_messages(name, field):
    """The NHS.UK error messages a field gets unless its form gives its own: what to do when
    it is empty ("Enter the title", "Select the action"), and what is wrong with what was
    typed, naming the field ("Date must be a real date")."""
    label = field.label or pretty_name(name)
    said = label_in_a_sentence(label)
    named = label_alone(label)
    if isinstance(field, forms.FileField):
        empty = f"Choose {said}."
    elif isinstance(field, CHOSEN_FROM_A_LIST) or isinstance(field.widget, forms.CheckboxInput):
        empty = f"Select {said}."
    else:
        empty = f"Enter {said}."
    messages = {"required": empty}
    if isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"{named} must be a real date and time."
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{named} must be a real date."
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"{named} must be a real time, like 14:00."
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{named} must be a whole number."
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{named} must be a number."
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = (
            f"{named} must be an email address in the correct format, like name@example.com."
        )
    if getattr(field, "max_length", None):
        messages["max_length"] = f"{named} must be {field.max_length} characters or fewer."
    return messages


class NHSFormMixin:
    """Gives every widget the NHS.UK frontend class its kind of input needs, every field an
    error message of its own (see `plain_messages`), never Django's "This field is required.",
    and every text the line ends it is stored with, so that a form posted unchanged is
    unchanged (and not "changed" by a browser's CRLF line ends)."""

    default_renderer = NHSFormRenderer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            for code, message in plain_messages(name, field).items():
                if _is_djangos(field, code):
                    field.error_messages[code] = message
            css = WIDGET_CLASSES.get(type(field.widget), "nhsuk-input")
            field.widget.attrs["class"] = f"{css} {field.widget.attrs.get('class', '')}".strip()
            if not getattr(field.to_python, "lf_line_ends", False):
                # On the field's own to_python, so that what the form counts as changed
                # and what it cleans read the text the same way.
                field.to_python = _with_lf_line_ends(field.to_python)
