"""WhiteNoise, taught where NHS.UK frontend's stylesheet looks for its icons."""

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """Serves static files, plus NHS.UK frontend's assets at `/assets/`.

    The compiled NHS.UK frontend stylesheet refers to its icons by the absolute path
    `/assets/images/...`, so they are served there straight from the npm package.
    """

    def __init__(self, get_response=None, settings=settings):
        super().__init__(get_response, settings=settings)
        self.add_files(str(settings.NHSUK_FRONTEND_DIR / "assets"), prefix="assets/")
