"""Every URL the portal serves, for every persona, with the status each must get.

Add each new view here. The last test fails when a named route is missing from the matrix.

Besides the personas, every row is checked for "mfa_not_done": the member signed in with the
password but not the second factor. It sees what the public sees (the anonymous column,
unless the row says otherwise), and where the public is sent to sign in it is sent to the
second factor instead.
"""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from meetings.selectors.agenda import WITHHELD_FROM_YOU
from partners.selectors.decision_makers import financial_year
from tests.conftest import (
    DRAFT_MINUTE,
    MFA_NOT_DONE,
    PERSONAS,
    PUBLIC_MINUTE,
    SECRET_MINUTE,
    SECRET_PAPER,
    SECRET_TITLE,
)

ALL_200 = dict.fromkeys(PERSONAS, 200)
ALL_404 = dict.fromkeys(PERSONAS, 404)
ALL_302 = dict.fromkeys(PERSONAS, 302)
SECRETARIAT_ONLY = {
    "anonymous": 302,
    "outsider": 403,
    "member": 403,
    "chair": 403,
    "secretary": 200,
    "governance_admin": 200,
}
ADMIN_ONLY = {**dict.fromkeys(PERSONAS, 302), "governance_admin": 200}
SIGNED_OUT_ONLY = {**dict.fromkeys(PERSONAS, 302), "anonymous": 200}
MEMBERS_ONLY = {**ALL_404, "member": 200, "chair": 200, "secretary": 200}
SECRETARY_ONLY_404 = {**ALL_404, "secretary": 200}
# A secretariat screen of something others can see: sign in, or 403.
MANAGE = {**dict.fromkeys(PERSONAS, 403), "anonymous": 302, "secretary": 200}
MANAGE_POST = {**MANAGE, "secretary": 302}
# ... of a draft others may not know exists: 404 once signed in.
MANAGE_DRAFT = {**ALL_404, "anonymous": 302, "secretary": 200}
# ... of a confidential paper: members know it exists.
MANAGE_SECRET = {**MANAGE_DRAFT, "member": 403, "chair": 403}
ALL_405 = dict.fromkeys(PERSONAS, 405)
# The conflict screening of a published meeting: the chair's and the secretariat's.
SCREENING = {**MANAGE, "chair": 200}
SCREENING_POST = {**MANAGE, "chair": 302, "secretary": 302}

# The financial year running today, and the last one that has ended.
THIS_YEAR = financial_year(datetime.date.today())[0].year
ENDED_YEAR = THIS_YEAR - 1
GOVERNANCE_404 = {**ALL_404, "secretary": 200, "governance_admin": 200}

DEC = "/boards/ics-board/meetings/2020-12-02/"
JAN = "/boards/ics-board/meetings/2021-01-13/"
NOV = "/boards/ics-board/meetings/2020-11-04/"
# The private session held on the day of the December meeting.
DEC_PRIVATE = "/boards/ics-board/meetings/2020-12-02-private/"

# (route name, method, path, {persona: expected status})
MATRIX = [
    ("home", "get", "/", ALL_200),
    ("accessibility", "get", "/accessibility/", ALL_200),
    ("partners:board_list", "get", "/boards/", ALL_200),
    ("partners:board", "get", "/boards/ics-board/", ALL_200),
    ("partners:board", "get", "/boards/no-such-board/", ALL_404),
    ("partners:board_history", "get", "/boards/ics-board/history/", SECRETARIAT_ONLY),
    ("partners:board_history", "get", "/boards/no-such-board/history/", ALL_404),
    ("partners:organisation_list", "get", "/partners/", ALL_200),
    ("partners:organisation", "get", "/partners/elht/", ALL_200),
    ("partners:organisation", "get", "/partners/no-such-partner/", ALL_404),
    ("login", "get", "/accounts/login/", {**SIGNED_OUT_ONLY, MFA_NOT_DONE: 302}),
    # Signing in with the organisation's account: not found unless configured from the
    # environment (tests/partners/test_oidc.py signs in through a mocked provider).
    ("oidc_authentication_init", "get", "/accounts/organisation/", ALL_404),
    ("oidc_authentication_callback", "get", "/accounts/organisation/callback/", ALL_404),
    # The second factor: set up at the first sign-in, asked for at every other. The personas
    # have passed it (sent on); the member without it has an authenticator to enter.
    ("second_factor", "get", "/accounts/second-factor/", {**ALL_302, MFA_NOT_DONE: 200}),
    ("second_factor_set_up", "get", "/accounts/second-factor/set-up/", ALL_302),
    (
        "second_factor_recovery_codes",
        "get",
        "/accounts/second-factor/recovery-codes/",
        ALL_302,
    ),
    ("logout", "get", "/accounts/logout/", dict.fromkeys(PERSONAS, 405)),
    ("logout", "post", "/accounts/logout/", dict.fromkeys(PERSONAS, 302)),
    ("password_reset", "get", "/accounts/password-reset/", ALL_200),
    ("password_reset_done", "get", "/accounts/password-reset/sent/", ALL_200),
    ("password_reset_confirm", "get", "/accounts/password-reset/MQ/bad-token/", ALL_200),
    ("password_reset_complete", "get", "/accounts/password-reset/done/", ALL_200),
    ("meetings:board_meetings", "get", "/boards/ics-board/meetings/", ALL_200),
    ("meetings:board_meetings", "get", "/boards/no-such-board/meetings/", ALL_404),
    ("meetings:meeting", "get", DEC, ALL_200),
    ("meetings:meeting", "get", JAN, SECRETARY_ONLY_404),
    ("meetings:meeting", "get", "/boards/ics-board/meetings/2020-12-03/", ALL_404),
    ("meetings:meeting", "get", "/boards/ics-board/meetings/2020-13-45/", ALL_404),
    ("meetings:paper", "get", "/papers/{public}/", ALL_200),
    ("meetings:paper", "get", "/papers/{secret}/", MEMBERS_ONLY),
    ("meetings:paper", "get", "/papers/{marked}/", MEMBERS_ONLY),
    ("meetings:paper", "get", "/papers/{pending}/", SECRETARY_ONLY_404),
    ("meetings:paper", "get", "/papers/{withdrawn}/", SECRETARY_ONLY_404),
    ("meetings:paper", "get", "/papers/{draft}/", SECRETARY_ONLY_404),
    ("meetings:paper", "get", "/papers/999999/", ALL_404),
    ("meetings:paper_file", "get", "/papers/{public}/files/{public_file}/", ALL_200),
    ("meetings:paper_file", "get", "/papers/{public}/files/{old_file}/", SECRETARY_ONLY_404),
    ("meetings:paper_file", "get", "/papers/{secret}/files/{secret_file}/", MEMBERS_ONLY),
    ("meetings:paper_file", "get", "/papers/{public}/files/{secret_file}/", ALL_404),
    ("meetings:paper_file", "get", "/papers/{draft}/files/{draft_file}/", SECRETARY_ONLY_404),
    ("meetings:calendar", "get", "/meetings.ics", ALL_200),
    ("meetings:board_calendar", "get", "/boards/ics-board/meetings.ics", ALL_200),
    ("meetings:board_calendar", "get", "/boards/no-such-board/meetings.ics", ALL_404),
    ("meetings:papers_feed", "get", "/papers/feed/", ALL_200),
    ("meetings:meeting_create", "get", "/boards/ics-board/meetings/new/", MANAGE),
    (
        "meetings:meeting_create",
        "get",
        "/boards/no-such-board/meetings/new/",
        {**ALL_404, "anonymous": 302},
    ),
    ("meetings:standing_items", "get", "/boards/ics-board/standing-items/", MANAGE),
    ("meetings:board_settings", "get", "/boards/ics-board/settings/", MANAGE),
    # Posted empty, the secretariat's form comes back with its errors.
    ("meetings:board_settings", "post", "/boards/ics-board/settings/", MANAGE),
    ("meetings:cover_sheet_settings", "get", "/boards/ics-board/settings/cover-sheet/", MANAGE),
    ("meetings:cover_sheet_settings", "post", "/boards/ics-board/settings/cover-sheet/", MANAGE),
    ("meetings:meeting_edit", "get", f"{DEC}edit/", MANAGE),
    ("meetings:meeting_edit", "get", f"{JAN}edit/", MANAGE_DRAFT),
    ("meetings:meeting_cancel", "get", f"{DEC}cancel/", MANAGE),
    ("meetings:meeting_held", "get", f"{DEC}held/", MANAGE),
    # Packs: built by a worker (see tests/meetings/test_packs.py for the editions served).
    ("meetings:pack", "get", f"{DEC}pack.pdf", ALL_404),
    ("meetings:pack", "get", f"{JAN}pack.pdf", ALL_404),
    ("meetings:pack_status", "get", f"{DEC}pack/", MANAGE),
    ("meetings:pack_status", "get", f"{JAN}pack/", MANAGE_DRAFT),
    ("meetings:pack_rebuild", "get", f"{DEC}pack/rebuild/", ALL_405),
    ("meetings:pack_rebuild", "post", f"{DEC}pack/rebuild/", MANAGE_POST),
    ("meetings:meeting_held", "get", f"{JAN}held/", MANAGE_DRAFT),
    ("meetings:agenda_edit", "get", f"{DEC}agenda/", MANAGE),
    ("meetings:agenda_edit", "get", f"{JAN}agenda/", MANAGE_DRAFT),
    ("meetings:publish", "get", f"{DEC}publish/", MANAGE),
    ("meetings:publish", "get", f"{JAN}publish/", MANAGE_DRAFT),
    ("meetings:section_add", "get", f"{DEC}sections/new/", ALL_405),
    # Posted empty: the agenda again, with the error (tests/test_form_errors.py).
    ("meetings:section_add", "post", f"{JAN}sections/new/", {**MANAGE_DRAFT, "secretary": 200}),
    ("meetings:section_move", "post", DEC + "sections/{section}/move/", MANAGE_POST),
    ("meetings:item_create", "get", f"{DEC}items/new/", MANAGE),
    ("meetings:item_edit", "get", DEC + "items/{item}/edit/", MANAGE),
    ("meetings:item_edit", "get", JAN + "items/{draft_item}/edit/", MANAGE_DRAFT),
    ("meetings:item_edit", "get", DEC + "items/{draft_item}/edit/", {**MANAGE, "secretary": 404}),
    ("meetings:item_move", "get", DEC + "items/{item}/move/", ALL_405),
    ("meetings:item_move", "post", DEC + "items/{item}/move/", MANAGE_POST),
    ("meetings:item_defer", "get", DEC + "items/{item}/defer/", MANAGE),
    ("meetings:item_withdraw", "get", DEC + "items/{item}/withdraw/", MANAGE),
    ("meetings:item_remove", "get", JAN + "items/{draft_item}/remove/", MANAGE_DRAFT),
    ("meetings:paper_create", "get", DEC + "items/{item}/papers/new/", MANAGE),
    ("meetings:paper_edit", "get", "/papers/{public}/edit/", MANAGE),
    ("meetings:paper_edit", "get", "/papers/{secret}/edit/", MANAGE_SECRET),
    ("meetings:paper_edit", "get", "/papers/{draft}/edit/", MANAGE_DRAFT),
    # Minutes: approved ones are public, drafts are for the board, the secretariat writes.
    ("meetings:minutes", "get", f"{NOV}minutes/", ALL_200),
    ("meetings:minutes", "get", f"{DEC}minutes/", MEMBERS_ONLY),
    ("meetings:minutes", "get", f"{JAN}minutes/", SECRETARY_ONLY_404),
    ("meetings:minutes_pdf", "get", f"{NOV}minutes.pdf", ALL_200),
    ("meetings:minutes_pdf", "get", f"{DEC}minutes.pdf", MEMBERS_ONLY),
    ("meetings:minutes_approve", "get", f"{DEC}minutes/approve/", MANAGE),
    ("meetings:minutes_approve", "get", f"{JAN}minutes/approve/", MANAGE_DRAFT),
    ("meetings:item_minutes", "get", NOV + "items/{november_item}/minutes/", MANAGE),
    ("meetings:item_minutes", "get", NOV + "items/{november_private_item}/minutes/", MANAGE),
    ("meetings:item_minutes", "get", DEC + "items/{item}/minutes/", MANAGE),
    (
        "meetings:item_minutes",
        "get",
        DEC + "items/{november_item}/minutes/",
        {**MANAGE, "secretary": 404},
    ),
    # Recording a meeting: the secretariat records; the action log is read by all who see
    # the meeting; an action's lead and the secretariat add progress, others get 404.
    ("meetings:attendance", "get", f"{NOV}attendance/", MANAGE),
    ("meetings:attendance", "get", f"{DEC}attendance/", MANAGE),
    ("meetings:attendance", "get", f"{JAN}attendance/", MANAGE_DRAFT),
    ("meetings:attendance_prefill", "get", f"{NOV}attendance/prefill/", ALL_405),
    ("meetings:attendance_prefill", "post", f"{NOV}attendance/prefill/", MANAGE_POST),
    (
        "meetings:attendance_prefill",
        "post",
        f"{JAN}attendance/prefill/",
        {**MANAGE_DRAFT, "secretary": 302},
    ),
    ("meetings:movement_add", "get", f"{NOV}movements/new/", MANAGE),
    ("meetings:movement_add", "get", f"{JAN}movements/new/", MANAGE_DRAFT),
    ("meetings:declaration_add", "get", f"{NOV}declarations/new/", MANAGE),
    ("meetings:declaration_add", "get", f"{JAN}declarations/new/", MANAGE_DRAFT),
    # Changing what was recorded (a correction with a reason once the minutes are approved).
    ("meetings:attendance_edit", "get", NOV + "attendance/{attendance}/edit/", MANAGE),
    (
        "meetings:attendance_edit",
        "get",
        DEC + "attendance/{attendance}/edit/",
        {**MANAGE, "secretary": 404},
    ),
    ("meetings:movement_edit", "get", NOV + "movements/{movement}/edit/", MANAGE),
    ("meetings:movement_edit", "post", NOV + "movements/{movement}/edit/", MANAGE),
    ("meetings:movement_remove", "get", NOV + "movements/{movement}/remove/", MANAGE),
    (
        "meetings:movement_remove",
        "get",
        DEC + "movements/{movement}/remove/",
        {**MANAGE, "secretary": 404},
    ),
    ("meetings:declaration_edit", "get", NOV + "declarations/{declaration}/edit/", MANAGE),
    ("meetings:declaration_remove", "get", NOV + "declarations/{declaration}/remove/", MANAGE),
    # Posted without a reason, approved minutes' removal comes back asking for one.
    ("meetings:declaration_remove", "post", NOV + "declarations/{declaration}/remove/", MANAGE),
    (
        "meetings:declaration_edit",
        "get",
        DEC + "declarations/{declaration}/edit/",
        {**MANAGE, "secretary": 404},
    ),
    # A declaration onto the register: the board's secretariat from the meeting, the person
    # from "My interests" (anyone else's declaration is not found).
    ("meetings:declaration_register", "get", NOV + "declarations/{declaration}/register/", MANAGE),
    (
        "meetings:declaration_register",
        "get",
        NOV + "declarations/999999/register/",
        {**MANAGE, "secretary": 404},
    ),
    ("meetings:my_declarations", "get", "/my-interests/meetings/", {**ALL_200, "anonymous": 302}),
    (
        "meetings:my_declaration_register",
        "get",
        "/my-interests/meetings/{declaration}/",
        {**ALL_404, "anonymous": 302, "member": 200},
    ),
    # Conflict screening: the board's chair and its secretariat decide; the secretariat
    # records an accepted ruling as the declaration.
    ("meetings:screening", "get", f"{DEC}screening/", SCREENING),
    ("meetings:screening", "get", f"{JAN}screening/", MANAGE_DRAFT),
    ("meetings:screening_run", "get", f"{DEC}screening/run/", ALL_405),
    ("meetings:screening_run", "post", f"{DEC}screening/run/", SCREENING_POST),
    (
        "meetings:flag_decide",
        "post",
        f"{DEC}screening/999999/",
        {**SCREENING, "chair": 404, "secretary": 404},
    ),
    (
        "meetings:flag_declare",
        "post",
        f"{DEC}screening/999999/declare/",
        {**SCREENING, "chair": 403, "secretary": 404},
    ),
    ("meetings:declarations_asked", "get", f"{NOV}declarations/asked/", ALL_405),
    # Posted empty: the attendance again, with the error (tests/test_form_errors.py).
    ("meetings:declarations_asked", "post", f"{DEC}declarations/asked/", MANAGE),
    ("meetings:action_log", "get", f"{NOV}actions/", ALL_200),
    ("meetings:action_log", "get", f"{DEC}actions/", ALL_200),
    ("meetings:action_log", "get", f"{JAN}actions/", SECRETARY_ONLY_404),
    ("meetings:action_log", "get", "/boards/ics-board/meetings/2020-12-03/actions/", ALL_404),
    ("meetings:action_add", "get", f"{NOV}actions/new/", MANAGE),
    ("meetings:action_add", "get", f"{JAN}actions/new/", MANAGE_DRAFT),
    ("meetings:action_close", "get", DEC + "actions/{action}/close/", MANAGE),
    ("meetings:action_close", "get", JAN + "actions/{action}/close/", MANAGE_DRAFT),
    (
        "meetings:action_close",
        "get",
        NOV + "actions/{action}/close/",
        {**MANAGE, "secretary": 404},
    ),
    # Changing an action's leads or due date: at a meeting whose log it is on, or that
    # raised it.
    ("meetings:action_leads", "get", DEC + "actions/{action}/leads/", MANAGE),
    ("meetings:action_leads", "get", NOV + "actions/{action}/leads/", MANAGE),
    ("meetings:action_leads", "get", JAN + "actions/{action}/leads/", MANAGE_DRAFT),
    ("meetings:action_leads", "get", DEC + "actions/999999/leads/", {**MANAGE, "secretary": 404}),
    ("meetings:action_due", "get", DEC + "actions/{action}/due/", MANAGE),
    ("meetings:action_due", "get", NOV + "actions/{action}/due/", MANAGE),
    ("meetings:action_due", "get", JAN + "actions/{action}/due/", MANAGE_DRAFT),
    ("meetings:action_due", "post", DEC + "actions/{action}/due/", MANAGE),
    ("meetings:action_due", "get", DEC + "actions/999999/due/", {**MANAGE, "secretary": 404}),
    ("meetings:my_actions", "get", "/my-actions/", {**ALL_200, "anonymous": 302}),
    (
        "meetings:action_update",
        "get",
        "/actions/{action}/update/",
        {**ALL_404, "anonymous": 302, "member": 200, "secretary": 200},
    ),
    (
        "meetings:action_update",
        "post",
        "/actions/{action}/update/",
        {**ALL_404, "anonymous": 302, "member": 200, "secretary": 200},
    ),
    ("meetings:action_update", "get", "/actions/999999/update/", {**ALL_404, "anonymous": 302}),
    # The register of interests: public for decision-makers' accepted entries; one's own
    # entries; the governance team reviews them.
    ("partners:public_register", "get", "/interests/", ALL_200),
    ("partners:public_register_csv", "get", "/interests/register.csv", ALL_200),
    ("partners:public_register_pdf", "get", "/interests/register.pdf", ALL_200),
    ("partners:my_interests", "get", "/my-interests/", {**ALL_200, "anonymous": 302}),
    ("partners:interest_declare", "get", "/my-interests/new/", {**ALL_200, "anonymous": 302}),
    ("partners:gift_declare", "get", "/my-interests/gifts/new/", {**ALL_200, "anonymous": 302}),
    ("partners:return_make", "get", "/my-interests/return/", {**ALL_405, "anonymous": 302}),
    ("partners:returns", "get", "/interests/returns/", SECRETARIAT_ONLY),
    (
        "partners:return_remind",
        "get",
        "/interests/returns/{member_person}/remind/",
        {**ALL_405, "anonymous": 302},
    ),
    (
        "partners:return_remind",
        "post",
        "/interests/returns/{member_person}/remind/",
        {**SECRETARIAT_ONLY, "secretary": 302, "governance_admin": 302},
    ),
    (
        "partners:return_remind",
        "post",
        "/interests/returns/999999/remind/",
        {**SECRETARIAT_ONLY, "secretary": 404, "governance_admin": 404},
    ),
    # The year-end list of decision-makers who made no declaration: published once the
    # financial year has ended (the clock's year here ends on 31 March), the governance
    # team's until then.
    ("partners:non_declarers_latest", "get", "/interests/no-declaration/", ALL_302),
    ("partners:non_declarers", "get", f"/interests/no-declaration/{ENDED_YEAR}/", ALL_200),
    ("partners:non_declarers_csv", "get", f"/interests/no-declaration/{ENDED_YEAR}.csv", ALL_200),
    ("partners:non_declarers", "get", f"/interests/no-declaration/{THIS_YEAR}/", GOVERNANCE_404),
    (
        "partners:non_declarers_csv",
        "get",
        f"/interests/no-declaration/{THIS_YEAR}.csv",
        GOVERNANCE_404,
    ),
    ("partners:non_declarers", "get", "/interests/no-declaration/1999/", ALL_404),
    (
        "partners:interest_change",
        "get",
        "/my-interests/{interest}/change/",
        {**ALL_404, "anonymous": 302, "member": 200},
    ),
    (
        "partners:interest_change",
        "get",
        "/my-interests/999999/change/",
        {**ALL_404, "anonymous": 302},
    ),
    ("partners:interests_review", "get", "/interests/review/", SECRETARIAT_ONLY),
    ("partners:breaches", "get", "/interests/breaches/", SECRETARIAT_ONLY),
    ("partners:breach_record", "get", "/interests/breaches/new/", SECRETARIAT_ONLY),
    (
        "partners:breach_record",
        "post",
        "/interests/breaches/new/",
        SECRETARIAT_ONLY,  # posted empty: the form again, with its errors
    ),
    ("partners:interest_review", "get", "/interests/{interest}/review/", SECRETARIAT_ONLY),
    (
        "partners:interest_review",
        "get",
        "/interests/999999/review/",
        {**SECRETARIAT_ONLY, "secretary": 404, "governance_admin": 404},
    ),
    # Generated documents on their own (tagged PDF/UA): seen exactly as their pages are.
    ("meetings:cover_sheet_pdf", "get", "/papers/{public}/cover-sheet.pdf", ALL_200),
    ("meetings:cover_sheet_pdf", "get", "/papers/{secret}/cover-sheet.pdf", MEMBERS_ONLY),
    ("meetings:cover_sheet_pdf", "get", "/papers/{draft}/cover-sheet.pdf", SECRETARY_ONLY_404),
    ("meetings:cover_sheet_pdf", "get", "/papers/999999/cover-sheet.pdf", ALL_404),
    ("meetings:agenda_pdf", "get", f"{DEC}agenda.pdf", ALL_200),
    ("meetings:agenda_pdf", "get", f"{JAN}agenda.pdf", SECRETARY_ONLY_404),
    ("admin:index", "get", "/admin/", ADMIN_ONLY),
    ("admin:partners_board_changelist", "get", "/admin/partners/board/", ADMIN_ONLY),
    ("admin:partners_membership_changelist", "get", "/admin/partners/membership/", ADMIN_ONLY),
    ("admin:partners_user_changelist", "get", "/admin/partners/user/", ADMIN_ONLY),
    # The health check, answered ahead of sign-in and host checks (icp_portal/health.py).
    ("healthz", "get", "/healthz", ALL_200),
    ("healthz", "head", "/healthz", ALL_200),
]

# Text that only the named personas may be shown on a page (the rest must not see it).
MEMBERS = {"member", "chair", "secretary"}
ONLY_FOR = [
    ("/boards/ics-board/", "/boards/ics-board/history/", {"secretary", "governance_admin"}),
    (DEC, SECRET_TITLE, MEMBERS),
    (DEC, SECRET_PAPER, MEMBERS),
    (DEC, "Finance detail by provider", MEMBERS),
    (DEC, "ICP Core Narrative paper", {"secretary"}),
    (DEC, "EU Exit Planning paper", {"secretary"}),
    ("/boards/ics-board/meetings/", "13 January 2021", {"secretary"}),
    ("/meetings.ics", "20210113", set()),
    ("/boards/ics-board/meetings.ics", "20210113", set()),
    ("/papers/feed/", SECRET_PAPER, set()),
    ("/papers/feed/", "Finance detail by provider", set()),
    ("/papers/feed/", "ICP Core Narrative paper", set()),
    ("/papers/feed/", "EU Exit Planning paper", set()),
    ("/papers/feed/", "Clinical Strategy", set()),
    ("/", SECRET_PAPER, set()),
    ("/", "Finance detail by provider", set()),
    ("/", "ICP Core Narrative paper", set()),
]
# And what everyone sees: the public face of the private item.
EVERYONE = set(PERSONAS)
ONLY_FOR += [
    (DEC, "Strategic risks", EVERYONE),
    (DEC, "Minutes of 4 November 2020", EVERYONE),
    ("/papers/feed/", "Minutes of 4 November 2020", EVERYONE),
    ("/", "Minutes of 4 November 2020", EVERYONE),
    ("/meetings.ics", "20201202", EVERYONE),
    (f"{NOV}minutes/", PUBLIC_MINUTE, EVERYONE),
    (f"{NOV}minutes/", "Commercial contract update", EVERYONE),
    (f"{NOV}minutes/", SECRET_MINUTE, MEMBERS),
    (f"{NOV}minutes/", "Pathology contract award", MEMBERS),
    (NOV, "Clinical lead for one of the six core areas", EVERYONE),
    (NOV, "Minutes, approved 2 December 2020", EVERYONE),
    (DEC, "Draft minutes", MEMBERS),
    (DEC, DRAFT_MINUTE, set()),
]
# The action log: the board's public business for all, the secretariat's links for it alone.
# (An action raised at a confidential item is checked in tests/meetings/test_record_pages.py:
# the scene has none.)
ONLY_FOR += [
    (f"{NOV}actions/", "Bring the implementation plan back to the Board", EVERYONE),
    (f"{DEC}actions/", "Bring the implementation plan back to the Board", EVERYONE),
    (f"{DEC}actions/", "/close/", {"secretary"}),
    (f"{DEC}actions/", "/update/", {"member", "secretary"}),
    (f"{DEC}actions/", "/due/", {"secretary"}),
    (f"{DEC}actions/", "/leads/", {"secretary"}),
    ("/", 'href="/my-actions/"', EVERYONE - {"anonymous"}),
    ("/", 'href="/accounts/login/', {"anonymous"}),
]


# A private session on the day of the December meeting, published, at its own address: the
# public sees only its date and that it is held in private; the December meeting's page and
# the calendars are as before. It is added to the scene by the tests that check these rows
# (`scene_with_private_session`), so the scene keeps one meeting a day for every other test.
PRIVATE_SESSION_ITEM = "Chief executive recruitment"
PRIVATE_SESSION_ROOM = "Boardroom 2, County Hall"
PRIVATE_SESSION_MATRIX = [
    ("meetings:meeting", "get", DEC_PRIVATE, ALL_200),
    ("meetings:meeting", "get", "/boards/ics-board/meetings/2020-12-02-part-2/", ALL_404),
    ("meetings:meeting", "get", "/boards/ics-board/meetings/2020-12-02-Private/", ALL_404),
    ("meetings:agenda_pdf", "get", f"{DEC_PRIVATE}agenda.pdf", ALL_200),
    ("meetings:action_log", "get", f"{DEC_PRIVATE}actions/", MEMBERS_ONLY),
    ("meetings:meeting_edit", "get", f"{DEC_PRIVATE}edit/", MANAGE),
    ("meetings:agenda_edit", "get", f"{DEC_PRIVATE}agenda/", MANAGE),
    ("meetings:item_edit", "get", DEC_PRIVATE + "items/{private_session_item}/edit/", MANAGE),
    (
        "meetings:item_edit",
        "get",
        DEC + "items/{private_session_item}/edit/",
        {**MANAGE, "secretary": 404},
    ),
]
PRIVATE_SESSION_ONLY_FOR = [
    (DEC_PRIVATE, PRIVATE_SESSION_ITEM, MEMBERS),
    (DEC_PRIVATE, PRIVATE_SESSION_ROOM, MEMBERS),
    (DEC_PRIVATE, "This meeting is held in private", EVERYONE - MEMBERS),
    (DEC_PRIVATE, "Meeting of 2 December 2020 (Private)", EVERYONE),
    (DEC, PRIVATE_SESSION_ITEM, set()),
    (DEC, "Strategic risks", EVERYONE),
    ("/boards/ics-board/meetings/", "2020-12-02-private/", EVERYONE),
    ("/boards/ics-board/meetings/", "Wednesday 2 December 2020, 14:00", MEMBERS),
    ("/boards/ics-board/meetings/", "Wednesday 2 December 2020, 10:00", EVERYONE),
    ("/meetings.ics", "ICS Board meeting (Private)\\, held in private", EVERYONE),
    ("/meetings.ics", "DTSTART;VALUE=DATE:20201202", EVERYONE),
    ("/meetings.ics", "Boardroom 2", set()),
    ("/boards/ics-board/meetings.ics", "DTSTART:20201202T100000Z", EVERYONE),
]


# The chair's ruling on the member's conflict of interest withholds the papers of two items
# of the December meeting from the member (a public one and a confidential one): the member
# alone loses them, on the meeting's page and at the papers' and files' own addresses. It is
# added to the scene by the tests that check these rows (`scene_with_papers_withheld`).
WITHHELD_MATRIX = [
    ("meetings:meeting", "get", DEC, ALL_200),
    ("meetings:paper", "get", "/papers/{public}/", {**ALL_200, "member": 404}),
    ("meetings:paper", "get", "/papers/{secret}/", {**MEMBERS_ONLY, "member": 404}),
    (
        "meetings:paper_file",
        "get",
        "/papers/{public}/files/{public_file}/",
        {**ALL_200, "member": 404},
    ),
    (
        "meetings:paper_file",
        "get",
        "/papers/{secret}/files/{secret_file}/",
        {**MEMBERS_ONLY, "member": 404},
    ),
    (
        "meetings:cover_sheet_pdf",
        "get",
        "/papers/{public}/cover-sheet.pdf",
        {**ALL_200, "member": 404},
    ),
    (
        "meetings:cover_sheet_pdf",
        "get",
        "/papers/{secret}/cover-sheet.pdf",
        {**MEMBERS_ONLY, "member": 404},
    ),
    ("meetings:agenda_pdf", "get", f"{DEC}agenda.pdf", ALL_200),
]
WITHHELD_ONLY_FOR = [
    (DEC, "/papers/{public}/", EVERYONE - {"member"}),
    (DEC, "/papers/{secret}/", MEMBERS - {"member"}),
    (DEC, WITHHELD_FROM_YOU, {"member"}),
    ("/", "/papers/{public}/", EVERYONE - {"member"}),
]


# Each row checks every persona on one scene, and reports every persona that differs.


def row_id(value):
    return value if isinstance(value, str) else None


@pytest.mark.parametrize(("name", "method", "path", "expected"), MATRIX, ids=row_id)
def test_access(scene, client_as, name, method, path, expected):
    path = path.format(**scene)
    expected = {MFA_NOT_DONE: expected["anonymous"], **expected}
    got = {}
    for persona in [*PERSONAS, MFA_NOT_DONE]:
        response = getattr(client_as(persona), method)(path)
        got[persona] = response.status_code
        assert not duplicate_ids(response), f"{persona} {path}: {duplicate_ids(response)}"
        if persona != "anonymous":
            assert kept_from_shared_caches(response), f"{persona} {path}: may be cached"
        if persona == MFA_NOT_DONE and response.status_code == 302:
            assert not response["Location"].startswith("/accounts/login/"), path
    wrong = {p: f"got {got[p]}, expected {expected[p]}" for p in got if got[p] != expected[p]}
    assert not wrong, f"{method.upper()} {path}: {wrong}"


def kept_from_shared_caches(response):
    """What a signed-in person is shown may be confidential: no proxy may keep it."""
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return bool(directives & {"private", "no-store"})


def duplicate_ids(response):
    """Ids used twice on an HTML page: labels and error links would point at the wrong one."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    ids = re.findall(r'\sid="([^"]+)"', response.content.decode())
    return sorted({i for i in ids if ids.count(i) > 1})


def body(response):
    return b"".join(getattr(response, "streaming_content", [response.content])).decode()


@pytest.mark.parametrize(("path", "text", "allowed"), ONLY_FOR, ids=row_id)
def test_restricted_text(scene, client_as, path, text, allowed):
    # Without the second factor, a member sees what the public sees.
    if "anonymous" in allowed:
        allowed = {*allowed, MFA_NOT_DONE}
    wrong = {}
    for persona in [*PERSONAS, MFA_NOT_DONE]:
        response = client_as(persona).get(path)
        assert response.status_code == 200, f"{persona} {path}"
        shown = text in body(response)
        if shown != (persona in allowed):
            wrong[persona] = "sees it" if shown else "does not see it"
    assert not wrong, f"{text!r} on {path}: {wrong}"


@pytest.fixture
def scene_with_private_session(scene, secretary):
    import datetime

    from django.utils import timezone

    from meetings.services import publication as publication_services
    from tests.factories import meeting_at
    from tests.meetings.conftest import add_item

    session = meeting_at(
        secretary.memberships.get().board,
        datetime.date(2020, 12, 2),
        hour=14,
        actor=secretary,
        held_in_public=False,
        session="private",
        location=PRIVATE_SESSION_ROOM,
    )
    item = add_item(session, secretary, title=PRIVATE_SESSION_ITEM, format="verbal")
    publication_services.meeting_publish_agenda(
        actor=secretary, meeting=session, now=timezone.make_aware(datetime.datetime(2020, 11, 20))
    )
    return {**scene, "private_session_item": item.pk}


@pytest.mark.parametrize(("name", "method", "path", "expected"), PRIVATE_SESSION_MATRIX, ids=row_id)
def test_access_with_a_private_session(
    scene_with_private_session, client_as, name, method, path, expected
):
    test_access(scene_with_private_session, client_as, name, method, path, expected)


@pytest.mark.parametrize(("path", "text", "allowed"), PRIVATE_SESSION_ONLY_FOR, ids=row_id)
def test_restricted_text_with_a_private_session(
    scene_with_private_session, client_as, path, text, allowed
):
    test_restricted_text(scene_with_private_session, client_as, path, text, allowed)


@pytest.fixture
def scene_with_papers_withheld(scene, member, chair):
    from meetings.models import ConflictFlag, Paper, Ruling, ScreeningStatus
    from partners.models import Interest

    for paper in Paper.objects.filter(pk__in=[scene["public"], scene["secret"]]):
        ConflictFlag.objects.create(
            meeting=paper.item.meeting,
            item=paper.item,
            person=member,
            interest=Interest.objects.get(pk=scene["interest"]),
            found_because="a test",
            suggested_ruling=Ruling.LEAVES,
            status=ScreeningStatus.ACCEPTED,
            ruling=Ruling.LEAVES,
            withhold_papers=True,
            decided_by=chair,
        )
    return scene


@pytest.mark.parametrize(("name", "method", "path", "expected"), WITHHELD_MATRIX, ids=row_id)
def test_access_with_papers_withheld(
    scene_with_papers_withheld, client_as, name, method, path, expected
):
    test_access(scene_with_papers_withheld, client_as, name, method, path, expected)


@pytest.mark.parametrize(("path", "text", "allowed"), WITHHELD_ONLY_FOR, ids=row_id)
def test_restricted_text_with_papers_withheld(
    scene_with_papers_withheld, client_as, path, text, allowed
):
    test_restricted_text(
        scene_with_papers_withheld,
        client_as,
        path,
        text.format(**scene_with_papers_withheld),
        allowed,
    )


def route_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's own admin: covered by the sample above
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_route_is_in_the_matrix():
    missing = set(route_names()) - {name for name, *_ in MATRIX}
    assert not missing, f"add these routes to the access matrix: {sorted(missing)}"
