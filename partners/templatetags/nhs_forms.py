"""The page's one error summary, and "Error: " in the title of a page that has one.

base.html puts the summary of every form of the page that failed (the forms and formsets
the view gave the template, and its `refusals`) first in the main content; the forms it
has summarised then render without a summary of their own. A form that base.html could not
see (`{{ form }}` of a form made elsewhere) summarises itself, so no form is left without
one, and none is summarised twice."""

from django import template
from django.forms import BaseForm, BaseFormSet, CheckboxSelectMultiple, RadioSelect

register = template.Library()


def _href(bound_field):
    # A group of radios or checkboxes is reached by its first option.
    if isinstance(bound_field.field.widget, RadioSelect | CheckboxSelectMultiple):
        return f"#{bound_field.auto_id}_0"
    return f"#{bound_field.auto_id}"


def _form_problems(form, row=""):
    problems = [(None, f"{row}{error}") for error in form.non_field_errors()]
    for bound_field in form:
        href = None if bound_field.is_hidden else _href(bound_field)
        problems += [(href, f"{row}{error}") for error in bound_field.errors]
    return problems


def _row_name(formset, index, form):
    name = getattr(form, "legend", None)
    if not name:
        name = f"{getattr(formset, 'row_name', 'Row')} {index + 1}"
    return f"{name}: "


def _forms_in(thing, row=""):
    """(form, its row's name) of a form or formset, with the formsets a form holds
    (`inner_formsets`, such as a cover sheet's forums)."""
    if isinstance(thing, BaseFormSet):
        for index, form in enumerate(thing.forms):
            yield from _forms_in(form, _row_name(thing, index, form))
    elif isinstance(thing, BaseForm):
        yield thing, row
        for inner in getattr(thing, "inner_formsets", ()):
            yield from _forms_in(inner)


def _formsets_in(thing):
    if isinstance(thing, BaseFormSet):
        yield thing
    elif isinstance(thing, BaseForm):
        for inner in getattr(thing, "inner_formsets", ()):
            yield from _formsets_in(inner)


def problems_of(*things):
    """Each error of the forms and formsets given, as (link to its field or None, message);
    a row of a formset names its row, so that the same message on two rows still reads as
    two different problems."""
    problems = []
    for thing in things:
        if isinstance(thing, BaseForm | BaseFormSet):
            for formset in _formsets_in(thing):
                problems += [(None, str(error)) for error in formset.non_form_errors()]
            for form, row in _forms_in(thing):
                problems += _form_problems(form, row)
        elif thing:
            # A list of refusals from a service: messages without a field.
            problems += [(None, str(error)) for error in thing]
    return problems


def _mark_summarised(*things):
    for thing in things:
        for form, _row in _forms_in(thing):
            form.summarised_on_page = True


@register.inclusion_tag("partials/error_summary.html")
def error_summary(*things):
    """The error summary of everything given (forms, formsets, lists of refusals), and
    nothing for a form already summarised higher up the page."""
    things = [t for t in things if not getattr(t, "summarised_on_page", False)]
    _mark_summarised(*things)
    return {"problems": problems_of(*things)}


def _failed(value):
    kind = type(value)  # not isinstance: that would evaluate lazy objects (user, csrf_token)
    if issubclass(kind, BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    if issubclass(kind, BaseForm):
        inner = getattr(value, "inner_formsets", ())
        return value.is_bound and (bool(value.errors) or any(_failed(f) for f in inner))
    return False


def _failures(context):
    """What failed on the page: the view's refusals (messages of a service refusing what
    was sent), then every bound form and formset of the page with errors, in the order the
    view gave them."""
    flat = context.flatten()
    failures = [flat[name] for name in ("refusals", "page_errors") if flat.get(name)]
    seen = set()
    for value in flat.values():
        if _failed(value) and id(value) not in seen:
            seen.add(id(value))
            failures.append(value)
    return failures


@register.simple_tag(takes_context=True)
def page_has_errors(context):
    """Whether any form on the page failed, or the view refused what was sent: the page's
    title then starts "Error: "."""
    return bool(_failures(context))


@register.inclusion_tag("partials/error_summary.html", takes_context=True)
def page_error_summary(context):
    """The page's one error summary, first in its main content (base.html), of every form
    of the page that failed: where focus goes when the page loads (NHS.UK frontend's error
    summary focuses itself), and where a reader without JavaScript starts."""
    return error_summary(*_failures(context))


@register.filter(is_safe=True)
def error_title(title, failing):
    """The page's title, starting "Error: " if the page shows errors (once, even if the
    page's own title block says so already)."""
    title = str(title).strip()
    if failing and not title.startswith("Error: "):
        return f"Error: {title}"
    return title
