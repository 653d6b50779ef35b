"""Demo meetings of the ICS Board, built from the project's data (`data/`) through the
meetings services.

- 4 November 2020: its agenda as minuted, published and held. The minutes give titles but
  not actions or formats, so the items are verbal items to note. Its attendance, each item's
  minute (discussion, what was noted, resolutions) and the matters-arising log come from the
  record of that meeting; the minutes are approved as a true record on 2 December 2020.
- 4 March and 2 September 2020: the meetings the log's older action codes name
  (ICSB200304-02 was raised on 4 March 2020). Nothing else of them is known, so each is a
  held meeting with the one item its actions are raised under.
- 2 December 2020: every section and item of the agenda, with owners, actions and formats;
  a paper for each cover sheet, its PDF generated from the paper's facts; the interests
  guidance and the minutes of 4 November as the Board's own parts of the pack; papers
  published with five clear working days' notice, and the "to follow" paper of item 8
  published later as a supplement.

Where SEEDS_DIR holds the source pack (seed 003), each paper's PDF carries the text of the
paper in the pack instead (`seeds.paper_bodies`). Loading twice adds nothing: the meetings
are built once, on a board that has none.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import format_html, format_html_join

# What the meetings demo uses of the apps, all here.
from meetings.models import (
    ANSWER_FIELDS,
    Action,
    ActionStatus,
    Answer,
    AttendanceKind,
    DeclarationsAsked,
    ItemFormat,
    Purpose,
)
from meetings.models.publication import latest_day_to_send
from meetings.selectors.agenda import default_standing_items
from meetings.services import actions as action_services
from meetings.services import agenda as agenda_services
from meetings.services import attendance as attendance_services
from meetings.services import minutes as minutes_services
from meetings.services import papers as paper_services
from meetings.services import publication as publication_services
from meetings.services.actions import LEAD_STATUSES
from meetings.services.minutes import ResolutionText
from partners.audit import save_with_history
from partners.models import Board, User
from partners.pdf import render_pdf

from . import seeds
from .data import actions, december, guidance, november
from .data.papers import PAPERS
from .data.shapes import AgendaLine, AgendaSection, heading, paragraph, table
from .partners import email_for

SECRETARY = "Stephanie Betts"
HEADING_IN_ATTENDANCE = "in attendance"

ACTIONS = {choice.label.lower(): choice for choice in Action}
FORMATS = {choice.label.lower(): choice for choice in ItemFormat}
STATUSES = {choice.label.lower(): choice for choice in ActionStatus}
# The purpose a cover sheet states follows from the action the agenda asks.
PURPOSES = {
    Action.NOTE: Purpose.NOTE,
    Action.APPROVE: Purpose.APPROVE,
    Action.ENDORSE: Purpose.APPROVE,
    Action.DISCUSS: Purpose.DISCUSS,
    Action.DECIDE: Purpose.DECISION,
    Action.ASSURE: Purpose.ASSURANCE,
}

# Rendering the papers is the slow part of loading the demo; within one process (a test run)
# each is rendered once.
_rendered = {}


def _paper_pdf(title, footer, blocks):
    key = repr((title, footer, blocks))
    if key not in _rendered:
        context = {"title": title, "blocks": blocks, "footer": footer}
        _rendered[key] = render_pdf("demo/paper_body.html", context)
    return _rendered[key]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load():
    """Build the ICS Board's demo meetings, unless the board already has meetings."""
    board = Board.objects.filter(slug="ics-board").first()
    if board is None or board.meetings.exists():
        return
    secretary = User.objects.get(email=email_for(SECRETARY))
    Loader(board, secretary, seeds.paper_bodies()).run()


class Loader:
    def __init__(self, board, secretary, seed_bodies):
        self.board, self.actor, self.seed_bodies = board, secretary, seed_bodies
        self.people = {u.full_name: u for u in User.objects.all()}

    def run(self):
        self.standing_items()
        self.declarations_guidance()
        december_meeting, late = self.december()
        november_meeting = self.november(december_meeting)
        self.attendance(november_meeting)
        self.action_log(november_meeting)
        # The draft minutes of November are in December's pack: recorded before it goes out.
        self.minutes(november_meeting)
        self.december_papers(december_meeting, late)
        self.minutes_approve(november_meeting, december_meeting)

    def declarations_guidance(self):
        """The guidance every pack of the board carries."""
        self.board.declarations_guidance = guidance.GUIDANCE
        save_with_history(self.board, actor=self.actor, reason="Demo data")

    def standing_items(self):
        """The board's agenda template: the default standing items in its agenda's words."""
        for standing in default_standing_items(self.board):
            standing.title = december.STANDING_TITLES[standing.standing]
            if standing.standing in december.ATTACHED_STANDING:
                standing.format = ItemFormat.ATTACHED
            save_with_history(standing, actor=self.actor, reason="Demo data")

    # 2 December 2020 ---------------------------------------------------------------

    def december(self):
        day = december.DAY
        meeting = agenda_services.meeting_create(
            actor=self.actor,
            board=self.board,
            starts_at=_at(day, december.STARTS.hour, december.STARTS.minute),
            ends_at=_at(day, december.ENDS.hour, december.ENDS.minute),
            location=december.LOCATION,
            held_in_public=True,
            next_meeting_on=december.NEXT_MEETING_ON,
            next_meeting_note=december.NEXT_MEETING_NOTE,
        )
        items = self.agenda(meeting, december.AGENDA)
        late = []
        for paper in PAPERS:
            item = items[paper.item]
            if item.format == ItemFormat.TO_FOLLOW:
                late.append((item, paper))
            else:
                self.paper(item, paper)
        return meeting, late

    def december_papers(self, meeting, late):
        """The papers out on time, then the late ones as a supplement."""
        publication_services.meeting_publish_papers(
            actor=self.actor, meeting=meeting, now=_at(december.PAPERS_OUT, 9)
        )
        for item, paper in late:
            self.paper(item, paper)
        if late:
            publication_services.supplement_issue(
                actor=self.actor,
                meeting=meeting,
                note=", ".join(f"Item {item.reference} paper" for item, _ in late),
                late_reason=december.SUPPLEMENT_REASON,
                now=_at(december.SUPPLEMENT_OUT, 9),
            )

    def agenda(self, meeting, sections):
        """Lay an agenda over the standing items; returns items by number."""
        standing = {item.title: item for item in meeting.items.all()}
        items = {}
        for section in sections:
            target = meeting.sections.filter(
                title=section.title
            ).first() or agenda_services.section_add(
                actor=self.actor, meeting=meeting, title=section.title
            )
            for line in section.items:
                fields = self.item_fields(line)
                existing = standing.pop(line.title, None)
                if existing is not None:
                    item = agenda_services.item_change(actor=self.actor, item=existing, **fields)
                else:
                    item = agenda_services.item_add(actor=self.actor, section=target, **fields)
                items[line.number] = item
        for leftover in standing.values():
            agenda_services.item_remove(actor=self.actor, item=leftover)
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

    def paper(self, item, facts):
        """A paper with its cover sheet, and its PDF."""
        answers = {name: getattr(facts, name) for name in ANSWER_FIELDS}
        paper = paper_services.paper_create(
            actor=self.actor,
            item=item,
            title=facts.title,
            presented_by=facts.presented_by,
            authors=facts.authors,
            contributors=facts.contributors,
            confidential=facts.confidential,
            purposes=[PURPOSES.get(item.action, Purpose.NOTE)],
            purpose_detail=facts.purpose,
            executive_summary=facts.executive_summary,
            recommendations=facts.recommendations,
            conflicts_of_interest=facts.conflicts_of_interest,
            risk_description=facts.risk_description,
            forums=[(forum.meeting, forum.date, forum.outcome) for forum in facts.forums],
            **{name: value or Answer.NOT_APPLICABLE for name, value in answers.items()},
        )
        footer = f"{self.board.name} – {item.meeting.date:%-d %B %Y}"
        pdf = _paper_pdf(facts.title, footer, self.body(item, facts))
        paper_services.paper_file_upload(
            actor=self.actor, paper=paper, upload=SimpleUploadedFile("paper.pdf", pdf)
        )
        return paper

    def body(self, item, facts):
        """The paper's own text from the seed pack where it is at hand; otherwise the
        paper's particulars and its body as the demo writes it."""
        if item.number in self.seed_bodies:
            return tuple(self.seed_bodies[item.number])
        particulars = table(
            ("Meeting", "Agenda item", "Presented by", "Author(s)"),
            (
                f"{self.board.name}, {item.meeting.date:%-d %B %Y}",
                item.reference,
                facts.presented_by,
                facts.authors or "Not stated",
            ),
        )
        summary = (heading("Executive summary"), paragraph(facts.executive_summary))
        return (particulars, *summary, *facts.body)

    # 4 November 2020 ---------------------------------------------------------------

    def november(self, december_meeting):
        day = november.DAY
        meeting = agenda_services.meeting_create(
            actor=self.actor,
            board=self.board,
            starts_at=_at(day, 10),
            ends_at=_at(day, 12),
            location=november.LOCATION,
            held_in_public=True,
            next_meeting_on=december_meeting.date,
            next_meeting_note=november.NEXT_MEETING_NOTE,
        )
        numbers = iter(range(1, 100))
        sections = [
            AgendaSection(title, tuple(AgendaLine(next(numbers), t) for t in titles))
            for title, titles in november.NOVEMBER
        ]
        items = self.agenda(meeting, sections)
        publication_services.meeting_publish_agenda(
            actor=self.actor, meeting=meeting, now=_at(november.AGENDA_SENT, 9)
        )
        deferred = next(i for i in items.values() if i.title == november.DEFERRED_ITEM)
        agenda_services.item_defer(
            actor=self.actor,
            item=deferred,
            to_meeting=december_meeting,
            reason="Deferred to the December meeting.",
            add_to_agenda=False,
        )
        agenda_services.meeting_mark_held(actor=self.actor, meeting=meeting)
        return meeting

    def attendance(self, meeting):
        """The minutes' attendance over the board's seats, then the apologies.

        The seats are those of these same minutes, so the prefill lists everyone the
        attendance does and the three members who sent apologies; the attendance then says
        who deputised.
        """
        attendance_services.attendance_prefill(actor=self.actor, meeting=meeting)
        listed = {row.person_id: row for row in meeting.attendance.all()}
        for row in november.ATTENDANCE:
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
        for name in november.APOLOGIES:
            attendance_services.attendance_record(
                actor=self.actor,
                meeting=meeting,
                person=self.people[name],
                kind=AttendanceKind.APOLOGIES,
            )
        # Item 2: the chair asked for declarations; the minutes record none in particular.
        attendance_services.declarations_asked_record(
            actor=self.actor, meeting=meeting, asked=DeclarationsAsked.ASKED
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

    def minutes(self, meeting):
        """Each item's minute."""
        items = {item.number: item for item in meeting.items.all()}
        for minute in november.MINUTES:
            minutes_services.item_minutes_save(
                actor=self.actor,
                item=items[minute.number],
                discussion=_discussion_html(minute.discussion),
                noted="\n".join(minute.noted),
                resolutions=[ResolutionText(r.text, r.outcome) for r in minute.resolutions],
            )

    def minutes_approve(self, meeting, december_meeting):
        """Approved as a true record at the December meeting."""
        minutes_services.minutes_approve(
            actor=self.actor,
            meeting=meeting,
            at_meeting=december_meeting,
            now=december_meeting.starts_at,
        )

    # The matters-arising log of 2 December 2020 -------------------------------------------

    def action_log(self, november_meeting):
        """Each action raised where its code says, keeping the code, with its lead, due
        date, status and progress."""
        earlier = {}
        for row in actions.ACTIONS:
            if row.raised_on == november_meeting.date:
                item = november_meeting.items.get(number=row.raised_at_item)
            else:
                if row.raised_on not in earlier:
                    earlier[row.raised_on] = self.earlier_meeting(row.raised_on)
                item = earlier[row.raised_on].items.get(number=row.raised_at_item)
            action = action_services.action_raise(
                actor=self.actor,
                item=item,
                title=row.title,
                lead=self.people[row.lead],
                code=row.code,
                **({"ongoing": True} if row.ongoing else {"due_on": row.due_on}),
            )
            self.progress(action, row)

    def earlier_meeting(self, day):
        """A held meeting of the board on `day` with the one item its actions hang on.

        The agenda is taken to have gone out on the last day that gives the board's notice.
        """
        meeting = agenda_services.meeting_create(
            actor=self.actor,
            board=self.board,
            starts_at=_at(day, 10),
            ends_at=_at(day, 12),
            location=actions.EARLIER_LOCATION,
            held_in_public=True,
        )
        line = AgendaLine(1, actions.EARLIER_ITEM)
        self.agenda(meeting, [AgendaSection(actions.EARLIER_SECTION, (line,))])
        sent = latest_day_to_send(day, self.board.notice_clear_working_days)
        publication_services.meeting_publish_agenda(
            actor=self.actor, meeting=meeting, now=_at(sent, 9)
        )
        agenda_services.meeting_mark_held(actor=self.actor, meeting=meeting)
        return meeting

    def progress(self, action, row):
        """The log's progress update, written by the lead, and the status it gives."""
        status = STATUSES.get(row.status.lower())
        if row.progress:
            action_services.action_update_add(
                actor=action.lead,
                action=action,
                text="\n\n".join(row.progress),
                status=status if status in LEAD_STATUSES else None,
                written_on=actions.WRITTEN_ON,
            )
        elif status in LEAD_STATUSES and action.status != status:
            # The log gives a status but no words, and action_update_add needs words: the
            # status is set as that service would set it.
            action.status = status
            save_with_history(
                action, actor=self.actor, reason=f"Marked {status.label.lower()} on the log"
            )


def _discussion_html(passages):
    """A minute's discussion as the simple HTML the minutes keep: paragraphs (text) and lists
    (tuples of entries)."""
    return "".join(
        format_html("<p>{}</p>", passage)
        if isinstance(passage, str)
        else format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((entry,) for entry in passage))
        )
        for passage in passages
    )
