"""Demo meetings of the ICS Board, read from its board pack of 2 December 2020 (seed 003).

The agenda, cover sheets and paper bodies are parsed from the pack at load time, so none of
its prose is copied into the code. Only short facts are written here: the titles of the
items minuted on 4 November 2020. Without the seeds directory (SEEDS_DIR) the meetings are
not loaded, and the command says so.

- 4 November 2020: its agenda as minuted, published and held. The minutes give titles but
  not actions or formats, so the items are recorded as verbal items to note. Its attendance,
  each item's minute (discussion, what was noted, resolutions) and the matters-arising log
  are parsed from the minutes in the pack (`seed_minutes`); the minutes are approved as a
  true record at the meeting of 2 December 2020.
- 4 March and 2 September 2020: the meetings the log's older action codes name
  (ICSB200304-02 was raised on 4 March 2020). The pack holds nothing else of them, so each
  is a held meeting with the one item its actions are raised under.
- 2 December 2020: every section and item of the agenda, with owners, actions and formats;
  a paper for each cover sheet in the pack, with its field values and its body rendered to
  PDF; the interests guidance and the minutes of 4 November as papers of items 2 and 3;
  papers published with five clear working days' notice, and the "to follow" paper of
  item 8 published later as a supplement.
"""

import datetime
import functools
import logging

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from meetings import action_services, attendance_services, minutes_services, services
from meetings.action_services import LEAD_STATUSES
from meetings.minutes_services import ResolutionText
from meetings.models import (
    ANSWER_FIELDS,
    Action,
    ActionStatus,
    Answer,
    AttendanceKind,
    ItemFormat,
    Purpose,
    StandingKind,
)
from meetings.notice import latest_day_to_send
from meetings.rendering import render_pdf
from meetings.standing import default_standing_items
from partners.audit import save_with_history
from partners.models import Board, User

from .partners import email_for
from .seeds.bodies import read_document
from .seeds.minutes import raised_on, read_minutes
from .seeds.pack import AgendaLine, AgendaSection, read_board_pack

log = logging.getLogger(__name__)

SEED_PACK = "003_66cc8fc6162838c4.txt"
SECRETARY = "Stephanie Betts"
LONDON = timezone.get_default_timezone()

# The ICS Board's standing items, as its agenda of 2 December 2020 words them.
STANDING_TITLES = {
    StandingKind.WELCOME: "Welcome, Introductions and Apologies",
    StandingKind.DECLARATIONS: "Declarations of Interest",
    StandingKind.PREVIOUS_MINUTES: "Minutes of Previous Meeting and Actions",
    StandingKind.KEY_MESSAGES: "Key Messages",
    StandingKind.NEXT_MEETING_ITEMS: "Items for the Next Board Meeting",
    StandingKind.ANY_OTHER_BUSINESS: "Any Other Business",
}
# The ICS Board circulates its interests guidance with every agenda.
ATTACHED_STANDING = {StandingKind.DECLARATIONS, StandingKind.PREVIOUS_MINUTES}

# Items of business minuted on 4 November 2020, by section.
NOVEMBER = [
    (
        "Routine Items of Business",
        [
            "Welcome, Introductions and Apologies",
            "Declarations of Interest",
            "Minutes from Previous Meeting and Matters Arising",
            "Key Updates/Messages",
        ],
    ),
    (
        "Sustainability",
        [
            "Managing Phase 3 and Wave 2",
            "Clinical Strategy",
            "System Reform: A common strategic narrative for Integrated Care Partnerships",
            "Pathology Collaborative",
        ],
    ),
    ("Governance", ["ICS Governance"]),
    ("Performance and Outcomes", ["Finance Reports"]),
    (
        "For Information",
        [
            "Health Equality Project",
            "Provider Collaboration Board",
            "High Level Programme Summary Report",
            "COVID-19 Cell Logs",
        ],
    ),
    ("Any Other Business", ["Any Other Business"]),
]
NOVEMBER_TITLES = dict(enumerate((title for _, titles in NOVEMBER for title in titles), start=1))

# The day the papers of 2 December 2020 went out with the action log. The log's progress
# updates carry no date of their own, so they are dated that day.
PAPERS_OUT = datetime.date(2020, 11, 24)
# Two codes on the log are not in the board's form (ICSB + yymmdd + number). Their actions
# are the ones the minutes of 4 November 2020 raise: item 3 puts the equality and diversity
# assessments on the action tracker, item 8 brings the pathology business case's components
# back to the Board. So they are raised at those items, keeping the codes as the log has them.
RAISED_AT_NOVEMBER_ITEM = {"ICSB2200915": 3, "ICSB2200916": 8}
# Of the meetings the other codes name, the pack says nothing but the actions raised there.
# They get the board's usual 10:00-12:00 slot and this one item, not an invented agenda.
EARLIER_SECTION = "Business of the meeting"
EARLIER_ITEM = "Actions raised at this meeting (its agenda is not in the demo's sources)"
EARLIER_LOCATION = "Not recorded in the demo's sources"
STATUSES = {choice.label.lower(): choice for choice in ActionStatus}
HEADING_IN_ATTENDANCE = "in attendance"

ACTIONS = {choice.label.lower(): choice for choice in Action}
FORMATS = {choice.label.lower(): choice for choice in ItemFormat}
# The purpose a cover sheet states follows from the action the agenda asks.
PURPOSES = {
    Action.NOTE: Purpose.INFORMATION,
    Action.APPROVE: Purpose.APPROVAL,
    Action.ENDORSE: Purpose.APPROVAL,
    Action.DISCUSS: Purpose.DISCUSSION,
    Action.DECIDE: Purpose.DECISION,
    Action.ASSURE: Purpose.ASSURANCE,
}
# Where the board's declarations of interest guidance begins and ends in the pack. (Its
# other document without a cover sheet, the minutes of 4 November, is loaded as minutes.)
GUIDANCE_BOUNDS = ("Declaration of Interests for member", "Minutes of the Formal")


# Parsing the pack and rendering its papers are the slow parts of loading the demo; within
# one process (a test run) each is done once.
@functools.cache
def guidance(path):
    """The guidance as paragraphs separated by blank lines, as the board keeps it."""
    lines = []
    for block in read_document(path, *GUIDANCE_BOUNDS):
        if block.kind == "table":
            lines += [" | ".join(cell for cell in row if cell) for row in block.rows]
        else:
            lines.append(f"• {block.text}" if block.kind == "list_item" else block.text)
    return "\n\n".join(line for line in lines if line.strip())


@functools.cache
def board_pack(path):
    return read_board_pack(path)


@functools.cache
def minutes_of_november(path):
    return read_minutes(path, NOVEMBER_TITLES)


_rendered = {}


def _paper_pdf(title, footer, blocks):
    key = repr((title, footer, blocks))
    if key not in _rendered:
        context = {"title": title, "blocks": blocks, "footer": footer}
        _rendered[key] = render_pdf("demo/paper_body.html", context)
    return _rendered[key]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(actor=None):
    path = settings.SEEDS_DIR / SEED_PACK
    board = Board.objects.filter(slug="ics-board").first()
    if board is None or board.meetings.exists():
        return []
    if not path.exists():
        log.warning("Demo meetings not loaded: %s is missing (set SEEDS_DIR).", path)
        return []
    secretary = User.objects.get(email=email_for(SECRETARY))
    Loader(board, secretary, path).run()
    return []


class Loader:
    def __init__(self, board, secretary, path):
        self.board, self.actor, self.pack_path = board, secretary, path
        self.pack = board_pack(path)
        self.people = {u.full_name: u for u in User.objects.all()}

    def run(self):
        self.standing_items()
        self.declarations_guidance()
        december = self.december()
        november = self.november(december)
        record = minutes_of_november(self.pack_path)
        self.attendance(november, record)
        self.action_log(november, december, record)
        self.minutes(november, december, record)

    def declarations_guidance(self):
        """The guidance every pack of the board carries, read from the December pack."""
        self.board.declarations_guidance = guidance(self.pack_path)
        save_with_history(self.board, actor=self.actor, reason="Demo data")

    def standing_items(self):
        """The board's agenda template: the default standing items in the pack's words."""
        for standing in default_standing_items(self.board):
            standing.title = STANDING_TITLES[standing.standing]
            if standing.standing in ATTACHED_STANDING:
                standing.format = ItemFormat.ATTACHED
            save_with_history(standing, actor=self.actor, reason="Demo data")

    # 2 December 2020 ---------------------------------------------------------------

    def december(self):
        pack = self.pack
        meeting = services.meeting_create(
            actor=self.actor,
            board=self.board,
            starts_at=_at(pack.meeting_date, pack.starts_at.hour, pack.starts_at.minute),
            ends_at=_at(pack.meeting_date, pack.ends_at.hour, pack.ends_at.minute),
            location=pack.location,
            held_in_public=True,
            next_meeting_on=pack.next_meeting_date,
            next_meeting_note=pack.next_meeting_text,
        )
        items = self.agenda(meeting, pack.sections)
        late = []
        for sheet in pack.cover_sheets:
            item = items.get(sheet.agenda_item)
            if item is None:
                continue
            if item.format == ItemFormat.TO_FOLLOW:
                late.append((item, sheet))
            else:
                self.paper_from_sheet(item, sheet)
        services.meeting_publish_papers(actor=self.actor, meeting=meeting, now=_at(PAPERS_OUT, 9))
        for item, sheet in late:
            self.paper_from_sheet(item, sheet)
        if late:
            services.supplement_issue(
                actor=self.actor,
                meeting=meeting,
                note=", ".join(f"Item {item.number} paper" for item, _ in late),
                late_reason="Paper to follow, as the agenda said.",
                now=_at(datetime.date(2020, 11, 30), 9),
            )
        return meeting

    def agenda(self, meeting, sections):
        """Lay the pack's agenda over the standing items; returns items by number."""
        standing = {item.title: item for item in meeting.items.all()}
        items = {}
        for section in sections:
            target = meeting.sections.filter(title=section.title).first() or services.section_add(
                actor=self.actor, meeting=meeting, title=section.title
            )
            for line in section.items:
                fields = self.item_fields(line)
                existing = standing.pop(line.title, None)
                if existing is not None:
                    item = services.item_change(actor=self.actor, item=existing, **fields)
                else:
                    item = services.item_add(actor=self.actor, section=target, **fields)
                items[line.number] = item
        for leftover in standing.values():
            services.item_remove(actor=self.actor, item=leftover)
        for item in meeting.items.all():
            items[item.number] = item
        return items

    def item_fields(self, line):
        names = [name.strip() for name in line.owner.split("/")]
        presenters = [self.people[n] for n in names if n in self.people]
        unknown = [n for n in names if n not in self.people]
        return {
            "title": line.title,
            "action": ACTIONS[line.action.lower()],
            "format": FORMATS[line.format.lower()],
            "presenters": presenters,
            "presenters_text": "/".join(unknown),
        }

    def paper_from_sheet(self, item, sheet):
        answers = {name: getattr(sheet, name) for name in ANSWER_FIELDS}
        paper = services.paper_create(
            actor=self.actor,
            item=item,
            title=sheet.title,
            presented_by=sheet.presented_by,
            authors=sheet.authors,
            contributors=sheet.contributors,
            confidential=sheet.confidential,
            purpose=PURPOSES.get(item.action, Purpose.INFORMATION),
            purpose_detail=sheet.purpose,
            executive_summary=sheet.executive_summary or sheet.purpose,
            recommendations=sheet.recommendations or "Not stated on the cover sheet.",
            conflicts_of_interest=sheet.conflicts_of_interest,
            risk_description=sheet.risk_description,
            forums=[(row.meeting, row.date, row.outcome) for row in sheet.forums],
            **{name: value or Answer.NOT_APPLICABLE for name, value in answers.items()},
        )
        self.upload_body(paper, sheet.title, sheet.body)
        return paper

    def upload_body(self, paper, title, blocks):
        footer = f"{self.board.name} – {paper.item.meeting.date:%-d %B %Y}"
        pdf = _paper_pdf(title, footer, blocks)
        services.paper_file_upload(
            actor=self.actor, paper=paper, upload=SimpleUploadedFile("paper.pdf", pdf)
        )

    # 4 November 2020 ---------------------------------------------------------------

    def november(self, december):
        day = datetime.date(2020, 11, 4)
        meeting = services.meeting_create(
            actor=self.actor,
            board=self.board,
            starts_at=_at(day, 10),
            ends_at=_at(day, 12),
            location="Microsoft Teams Teleconference",
            held_in_public=True,
            next_meeting_on=december.date,
            next_meeting_note="10:00-12:00, MS Teams meeting",
        )
        numbers = iter(range(1, 100))
        sections = [
            AgendaSection(
                title, [AgendaLine(next(numbers), t, "", "Note", "Verbal") for t in titles]
            )
            for title, titles in NOVEMBER
        ]
        items = self.agenda(meeting, sections)
        services.meeting_publish_agenda(
            actor=self.actor, meeting=meeting, now=_at(datetime.date(2020, 10, 27), 9)
        )
        governance = next(i for i in items.values() if i.title == "ICS Governance")
        services.item_defer(
            actor=self.actor,
            item=governance,
            to_meeting=december,
            reason="Deferred to the December meeting.",
            add_to_agenda=False,
        )
        services.meeting_mark_held(actor=self.actor, meeting=meeting)
        return meeting

    # What the minutes of 4 November 2020 record -------------------------------------------

    def attendance(self, meeting, record):
        """The minutes' attendance table over the board's seats, then the apologies.

        The seats come from these same minutes, so the prefill lists everyone the table does
        and the three members who sent apologies; the table then says who deputised.
        """
        attendance_services.attendance_prefill(actor=self.actor, meeting=meeting)
        listed = {row.person_id: row for row in meeting.attendance.all()}
        for row in record.attendance:
            person = self.people[row.name]
            if row.on_behalf_of:
                attendance_services.attendance_record(
                    actor=self.actor,
                    meeting=meeting,
                    person=person,
                    kind=AttendanceKind.DEPUTY,
                    on_behalf_of=self.people[row.on_behalf_of],
                    group=row.heading,
                )
                continue
            self.attend(meeting, listed.get(person.pk), person, row.heading)
        for name in record.apologies:
            attendance_services.attendance_record(
                actor=self.actor,
                meeting=meeting,
                person=self.people[name],
                kind=AttendanceKind.APOLOGIES,
            )

    def attend(self, meeting, listed, person, heading):
        """Present, or in attendance, under the heading the minutes give."""
        in_attendance = heading.lower() == HEADING_IN_ATTENDANCE
        kind = AttendanceKind.IN_ATTENDANCE if in_attendance else AttendanceKind.PRESENT
        # The prefill heads a seat without a constituency by its role ("Chair"); the minutes
        # list the chair and the chief officer first, under no heading.
        group = heading if kind == AttendanceKind.PRESENT else None
        if listed is None or listed.kind != kind or (group is not None and listed.group != group):
            attendance_services.attendance_record(
                actor=self.actor, meeting=meeting, person=person, kind=kind, group=group
            )

    def minutes(self, meeting, december, record):
        """Each item's minute, then approval as a true record at the December meeting."""
        items = {item.number: item for item in meeting.items.all()}
        for number, note in record.items.items():
            minutes_services.item_minutes_save(
                actor=self.actor,
                item=items[number],
                discussion=_discussion_html(note.discussion),
                noted="\n".join(note.noted),
                resolutions=[ResolutionText(line.text, line.outcome) for line in note.resolutions],
            )
        minutes_services.minutes_approve(
            actor=self.actor, meeting=meeting, at_meeting=december, now=december.starts_at
        )

    def action_log(self, november, december, record):
        """The matters-arising log of 2 December 2020: each action raised where its code says,
        keeping the code, with its lead, due date, status and progress."""
        earlier = {}
        for row in record.actions:
            item = self.raised_at(row.code, november, earlier)
            if item is None:
                log.warning("Demo action %s not loaded: no item to raise it at.", row.code)
                continue
            action = action_services.action_raise(
                actor=self.actor,
                item=item,
                title=row.title,
                lead=self.people[row.lead],
                code=row.code,
                **self.due(row),
            )
            self.progress(action, row)

    def raised_at(self, code, november, earlier):
        """The agenda item an action was raised under, making the earlier meeting if needed."""
        if code in RAISED_AT_NOVEMBER_ITEM:
            return november.items.get(number=RAISED_AT_NOVEMBER_ITEM[code])
        day = raised_on(code)
        # A code in no known form, or naming 4 November without the minutes saying at which
        # item, is left out rather than pinned on a guessed item.
        if day is None or day == november.date:
            return None
        if day not in earlier:
            earlier[day] = self.earlier_meeting(day)
        return earlier[day]

    def earlier_meeting(self, day):
        """A held meeting of the board on `day` with the one item its actions hang on.

        The agenda is taken to have gone out on the last day that gives the board's notice.
        """
        meeting = services.meeting_create(
            actor=self.actor,
            board=self.board,
            starts_at=_at(day, 10),
            ends_at=_at(day, 12),
            location=EARLIER_LOCATION,
            held_in_public=True,
        )
        line = AgendaLine(1, EARLIER_ITEM, "", "Note", "Verbal")
        items = self.agenda(meeting, [AgendaSection(EARLIER_SECTION, [line])])
        sent = latest_day_to_send(day, self.board.notice_clear_working_days)
        services.meeting_publish_agenda(actor=self.actor, meeting=meeting, now=_at(sent, 9))
        services.meeting_mark_held(actor=self.actor, meeting=meeting)
        return items[1]

    def due(self, row):
        """When an action is due, as the service takes it.

        "On-going" is on-going. A month without a day ("January 2021") is read as the board's
        meeting that month: the update says the report comes "back to the Board in January",
        and the December agenda dates that meeting 13 January 2021. That meeting is not in
        the demo, so the action is due on its date rather than at it. A month without a
        known meeting falls due at its end.
        """
        if row.ongoing:
            return {"ongoing": True}
        if row.due_on:
            return {"due_on": row.due_on}
        if row.due_month:
            following = self.pack.next_meeting_date
            if following and (following.year, following.month) == (
                row.due_month.year,
                row.due_month.month,
            ):
                return {"due_on": following}
            next_month = (row.due_month + datetime.timedelta(days=31)).replace(day=1)
            return {"due_on": next_month - datetime.timedelta(days=1)}
        log.warning("Demo action %s: due %r not understood, on-going.", row.code, row.due_text)
        return {"ongoing": True}

    def progress(self, action, row):
        """The log's progress update, written by the lead, and the status it gives."""
        status = STATUSES.get(row.status.lower())
        if row.progress:
            action_services.action_update_add(
                actor=action.lead,
                action=action,
                text="\n\n".join(row.progress),
                status=status if status in LEAD_STATUSES else None,
                written_on=PAPERS_OUT,
            )
        elif status in LEAD_STATUSES and action.status != status:
            # The log gives a status but no words, and action_update_add needs words: the
            # status is set as that service would set it.
            action.status = status
            save_with_history(
                action, actor=self.actor, reason=f"Marked {status.label.lower()} on the log"
            )


def _discussion_html(passages):
    """A minute's discussion as the simple HTML the minutes keep: paragraphs and lists."""
    return "".join(
        format_html("<p>{}</p>", passage.text)
        if passage.kind == "paragraph"
        else format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in passage.items))
        )
        for passage in passages
    )
