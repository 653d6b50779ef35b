"""The screen where a board's secretariat sets how the board runs its meetings."""

from .. import permissions
from ..forms.board_settings import BoardSettingsForm
from ..selectors.board_settings import settings_for
from ..services import board_settings as board_settings_services
from .base import form_screen, secretariat


def changed_fields(form):
    return {name: form.cleaned_data[name] for name in form.changed_data}


@secretariat
def board_settings(request, slug):
    board = permissions.board_for_secretariat(request.user, slug)
    # The form checks a copy; the service applies only what the form changed.
    form = BoardSettingsForm(
        request.POST if request.method == "POST" else None, instance=settings_for(board)
    )
    return form_screen(
        request,
        form,
        lambda: board_settings_services.board_settings_save(
            actor=request.user, board=board, **changed_fields(form)
        ),
        done="The board's settings are saved. Meetings already published keep their "
        "numbering; everything else follows the new settings.",
        next_url=request.path,
        template="meetings/manage/board_settings.html",
        context={"board": board},
    )
