"""The plumbing every form screen of the portal shares: showing a service's refusal on its form,
the one shape of a screen that applies a service, and serving a file with the right caching."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header


def apply(form, call):
    """Run a service; put its refusal on the form (by field where the form has it)."""
    try:
        return call()
    except ValidationError as refusal:
        renamed = getattr(form, "model_error_fields", {})
        for field, errors in refusal.message_dict.items():
            field = renamed.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
        return None


def form_screen(request, form, call, *, done, next_url, template, context):
    """A screen that applies one service: on a valid POST, run it; if it succeeds, say so
    (`done` is the message, or makes it from what the service returned) and go on to
    `next_url` (a URL, or a function of that result); otherwise show the form again, with any
    refusal on it. Nothing is saved unless the service succeeds."""
    if request.method == "POST" and form.is_valid():
        result = apply(form, call)
        if result is not None:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(next_url(result) if callable(next_url) else next_url)
    return render(request, template, {"form": form, **context})


def csv_cell(text):
    """What people typed, never read as a formula by a spreadsheet that opens the file."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def pdf_response(pdf, name, *, private):
    """A generated PDF to download; `private` business is never kept in any cache."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, name.replace("/", "-"))
    cache_for(response, private=private)
    return response


def cache_for(response, *, private):
    # The same address gives members more than the public: never in a shared cache, and
    # confidential or unpublished business not even in the browser's.
    response["Cache-Control"] = "private, no-store" if private else "private"
    return response
