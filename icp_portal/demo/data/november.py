"""The ICS Board's meeting of 4 November 2020 as its minutes record it: the agenda, who was
there, and each item's minute. The facts are those of the minutes in seed 003; the words are
the portal's own."""

import datetime

from .shapes import Attendee, Minute, Resolved

DAY = datetime.date(2020, 11, 4)
LOCATION = "Microsoft Teams Teleconference"
NEXT_MEETING_NOTE = "10:00-12:00, MS Teams meeting"
# The agenda went out on this day, with the Board's five clear working days' notice.
AGENDA_SENT = datetime.date(2020, 10, 27)
# The item taken to the December meeting instead.
DEFERRED_ITEM = "ICS Governance"

# Items of business minuted on 4 November 2020, by section. The minutes give titles but not
# owners, actions or formats, so each is a verbal item to note.
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

EXECUTIVES = "ICS Executive Directors"
ICP_LEADS = "ICP Leads"
LAY_MEMBERS = "ICS Non-Executive Lay Members"
IN_ATTENDANCE = "In Attendance"

# The attendance table of the minutes, in its order and under its headings.
ATTENDANCE = [
    Attendee("", "David Flory"),
    Attendee("", "Dr Amanda Doyle"),
    *(
        Attendee(EXECUTIVES, name)
        for name in [
            "Andrew Bennett",
            "Jane Cass",
            "Talib Yaseen",
            "Andy Curran",
            "Carl Ashworth",
            "Gary Raphael",
        ]
    ),
    *(
        Attendee(ICP_LEADS, name)
        for name in [
            "Kevin McGee",
            "Caroline Donovan",
            "Roy Fisher",
            "Denis Gizzi",
            "Aaron Cummins",
            "Karen Partington",
            "Geoff Jolliffe",
            "Graham Burgess",
        ]
    ),
    *(Attendee(LAY_MEMBERS, name) for name in ["Mike Wedgeworth", "Ian Cherry", "Isla Wilson"]),
    Attendee("VCFS Representatives", "Peter Armer"),
    Attendee("Local Authority Councillor Representatives", "Shaun Turner"),
    Attendee(IN_ATTENDANCE, "Neil Greaves"),
    Attendee(IN_ATTENDANCE, "Eileen Fairhurst"),
    Attendee(IN_ATTENDANCE, "Stephanie Betts"),
    Attendee(IN_ATTENDANCE, "Jerry Hawker", on_behalf_of="Sue Smith"),
    Attendee(IN_ATTENDANCE, "Mark Hindle"),
    Attendee(IN_ATTENDANCE, "Nicki Latham"),
    Attendee(IN_ATTENDANCE, "John Bannister", on_behalf_of="Jacqui Hanson"),
    Attendee(IN_ATTENDANCE, "Claire Richardson"),
    Attendee(IN_ATTENDANCE, "Professor Ebrahim Adia"),
]
APOLOGIES = ["Jacqui Hanson", "Sue Smith", "Neil Japp"]

NOTED = "noted"
ENDORSED = "endorsed"
APPROVED = "approved"
NOT_APPROVED = "not_approved"
DEFERRED = "deferred"
MAY_RETURN = "The Board noted the paper, which can come back to a later meeting if needed."

MINUTES = [
    Minute(
        1,
        discussion=(
            "David Flory welcomed everyone to the Board, meeting online.",
            "Jacqui Hanson, Sue Smith and Neil Japp had sent their apologies.",
        ),
    ),
    Minute(
        2,
        discussion=(
            "Every member also holds a role in a partner organisation, and the Board "
            "acknowledged that this gives each of them a standing interest in its business. "
            "The Chair thanked members for keeping those roles in their place: they inform "
            "the Board's discussions without steering or limiting them.",
        ),
    ),
    Minute(
        3,
        discussion=("The Board accepted the minutes of its last meeting as a true record.",),
        noted=(
            "The Board noted the action log, and the actions due back at its December meeting.",
            "At Isla Wilson's request, the equality and diversity assessments go onto the "
            "action log.",
        ),
    ),
    Minute(
        4,
        discussion=(
            "The Chair said the agenda showed the system's two tasks side by side: carrying "
            "on the response to COVID-19 while everyone else's care stays safe, and setting "
            "the system's future course through system reform and the clinical strategy. "
            "The Board's oversight of that shared effort would matter a great deal.",
            "Amanda Doyle asked the Board to thank the staff working under relentless "
            "pressure, many of them well outside their usual jobs to keep the system's "
            "programmes going.",
            "Infection rates across Lancashire and South Cumbria were levelling off after "
            "five weeks in tier 3 before the national lockdown. Hospitals, community services "
            "and primary care were still under strain, and critical care would feel it next.",
            "A vaccine looked increasingly likely to arrive at the start of December; the "
            "Board would hear more at its next meeting.",
        ),
    ),
    Minute(
        5,
        discussion=(
            "Gary Raphael and Carl Ashworth took the Board through a paper in three parts: "
            "the end of phase 3 planning, keeping elective capacity open, and the Gold "
            "Command Winter Room.",
            "Gary Raphael explained that the phase 3 financial plans assumed the virus's "
            "reproduction number stayed at or below 1, as in August. The system broke even over "
            "April to September once its COVID-19 claims were met. For the second "
            "half it forecast a gap of £98m, partly from how the envelope was built and "
            "partly from restoring elective services, which would cost an extra £30m "
            "compared with April to September.",
            "For the rest of the year the phase 3 plans would be the baseline: differences "
            "would be explained by the response to the second wave and by any further "
            "national funding.",
            "It was not yet known whether 2021/22 allocations would recognise this year's "
            "COVID-19 costs. In the spring the system had been £180m away from its negative "
            "control total of £98m, a deficit of just over £277m or about 8% of turnover. The "
            "underlying position remained very difficult, and the Board should discuss next "
            "year's planning before any national guidance arrived.",
            "Carl Ashworth recalled that the activity plans, drawn up assuming little impact "
            "from COVID-19, already limited elective capacity. The hospital cell was working "
            "to protect planned capacity through the second surge, and the system would "
            "still be measured against its phase 3 plans.",
            "The Winter Room would keep the system safe, move capacity to where demand was "
            "rising and organise mutual aid between organisations, with its functions and "
            "governance set out in the paper.",
        ),
        noted=(
            "The ICS Board noted:",
            "• how far the phase 3 financial planning had got",
            "• the plans to keep elective care going",
            "• the Gold Command Winter Room set up for Lancashire and South Cumbria to "
            "manage the system through the second wave this winter",
        ),
    ),
    Minute(
        6,
        discussion=(
            "Andy Curran presented the clinical strategy, which all partners should own and "
            "which sits beneath the ICS strategy. The task now was to put it into practice "
            "over the next five to ten years.",
            "The strategy had to help the system towards financial balance as well as better "
            "care. Commissioned by the SLE in February, just as the pandemic began, it "
            "reflected what had been learnt since about caring for patients remotely.",
            "Clinical and non-clinical leaders wrote it together in workshops, and it was "
            "validated clinically in six areas: the health and wellbeing of our communities, "
            "living well, managing illness, urgent and emergency care, end of life care "
            "(including frailty and dementia), and workforce.",
            "The communications teams would turn it into a short summary for wider "
            "engagement. Each of the six areas would have a senior responsible officer, a "
            "clinical lead and a finance lead, with work plans beneath them rather than "
            "separate strategies.",
            "Members wanted more detail on primary care, community services, mental health "
            "and drug and alcohol services, without losing the strategy's high-level view; "
            "the engagement through the ICPs would settle the balance. The strategy's service "
            "models would also shape the HIP2 programme.",
            "The Board backed the next stage of engagement through the ICPs and the search "
            "for the leads; the ICS Executive would discuss the next steps, guided by the "
            "SLE and the Board.",
        ),
        resolutions=(
            Resolved(
                "The Board endorsed all the recommendations in the clinical strategy, as the "
                "clinical consensus of the system rather than every service's priorities.",
                ENDORSED,
            ),
        ),
    ),
    Minute(
        7,
        discussion=(
            "Geoff Jolliffe presented the common strategic narrative for the ICPs of "
            "Lancashire and South Cumbria and sought the Board's support for the paper's "
            "three recommendations:",
            (
                "approve the narrative, which completes step 1;",
                "agree that step 2 runs in two phases, 2A and 2B, depending on the NHS phase "
                "4 guidance, and finishes by the end of March 2021;",
                "agree step 2's first actions: check the work programmes against the system "
                "reform plan, settle them, name their leads and support, and write a "
                "communications and engagement plan.",
            ),
            "The Chair praised the work so far and asked for more on what ICPs will be "
            "expected to deliver.",
            "Members supported the paper in principle. Time was short, so the place-based "
            "partnerships should move ahead of the national guidance. The ICP Advisory Group "
            "was considering how ICPs could show, until the funding routes were clear, that "
            "the money they receive is well spent.",
        ),
        resolutions=(
            Resolved(
                "The Board does not approve the narrative in its present form.",
                NOT_APPROVED,
            ),
            Resolved("The Board approves moving on to step 2.", APPROVED),
            Resolved(
                "The Board approves work starting before the phase 4 letter arrives.", APPROVED
            ),
        ),
    ),
    Minute(
        8,
        discussion=(
            "Mark Hindle updated the Board on the Pathology Collaborative and on pathology "
            "during the pandemic. The four acute trusts, the area's main pathology "
            "providers, formed the collaborative after a national review of NHS efficiency "
            "named pathology as an area to improve. About £30m of national capital had been "
            "provisionally set aside for bringing their services together.",
            "The paper set out the decisions facing the system in the coming months:",
            (
                "agreeing a hub and spoke clinical model in December, with Leyland as "
                "the site of the hub;",
                "the finances in January, leading to an outline business case before the "
                "financial year ends;",
                "then a full business case for NHSE/I to approve, releasing the capital.",
            ),
            "The programme had made good progress in a year dominated by COVID-19 and was "
            "at a critical stage. Mark Hindle suggested that parts of the business case come "
            "to the Board as each is finished. An executive director of one of the acute "
            "trusts chairs the Pathology Collaboration Board, on which every trust has a "
            "clinical and an executive lead.",
            "Asked by the Chair about Leyland, Mark Hindle explained that more than 300 "
            "stakeholders had scored possible sites across Lancashire and South Cumbria "
            "against agreed criteria, such as where the population, GPs and staff are and "
            "the transport links, in a process run independently by PwC.",
        ),
        noted=(
            "The ICS Board noted the paper. The SLE is to discuss its governance, and parts "
            "of the business case will come back to the Board.",
        ),
    ),
    Minute(
        9,
        resolutions=(Resolved("The Board deferred the item to its December meeting.", DEFERRED),),
    ),
    Minute(
        10,
        discussion=(
            "Gary Raphael reported that the ICS staffing budget was underspent, chiefly "
            "because national development funding was still unclear, and would end the year "
            "well underspent once that was settled.",
            "Capital was forecast to be £4m underspent against an allocation of £234m. Much "
            "of the spending falls late in the year, but the system monitors and controls "
            "capital together and the trusts expect to meet their forecasts; the report "
            "lists how each trust is managing possible slippage.",
        ),
    ),
    Minute(11, noted=(MAY_RETURN,)),
    Minute(12, discussion=("There was nothing to report.",)),
    Minute(13, noted=(MAY_RETURN,)),
    Minute(
        14,
        discussion=(
            "The hospital, out-of-hospital and joint cell logs were shared with the Board "
            "for information.",
        ),
        noted=("The Board noted the logs, which can come back to a later meeting if needed.",),
    ),
    Minute(15, discussion=("No other business was raised.",)),
]
