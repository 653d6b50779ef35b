"""WhiteNoise, taught where NHS.UK frontend's stylesheet looks for its icons."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """Serves static files, plus NHS.UK frontend's assets at `/assets/`.

    The compiled NHS.UK frontend stylesheet refers to its icons by the absolute path
    `/assets/images/...`, so they are served there straight from the npm package.
    """

    def __init__(self, get_response=None, settings=settings):
        super().__init__(get_response, settings=settings)
        self.add_files(str(settings.NHSUK_FRONTEND_DIR / "assets"), prefix="assets/")


class PrivateCacheMiddleware:
    """Keeps what a signed-in person sees out of every cache, the browser's included.

    A member's pages show confidential business at the same addresses as the public's, so a
    response to a signed-in person is `private, no-store` unless its view decided otherwise
    (PDFs set their own). Responses to the public are left as their views made them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control") or not signed_in(request):
            return response
        response["Cache-Control"] = "private, no-store"
        return response


def signed_in(request):
    # Without a session cookie nobody is signed in: the public costs no session lookup.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    # Asked of the session, not of request.user: a session signed in with the password but
    # not yet the second factor is served as the public is, but it is still a person's own.
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_KEY))
