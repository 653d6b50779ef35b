"""The papers of the ICS Board's meeting of 2 December 2020: each cover sheet, and the body
its PDF is generated from. Titles, names, dates, answers and figures are those of the pack
(seed 003); summaries, recommendations and bodies are the portal's own words."""

from .figures import (
    CCG_M07,
    CCGS,
    CENTRAL_FUNCTIONS,
    ENVELOPE,
    M07,
    PLAN_COLUMNS,
    PROGRAMMES,
    STRATEGIC_OBJECTIVES,
    TRUST_GAPS,
)
from .shapes import Forum, PaperFacts, bullets, heading, paragraph, table

PHASE_3 = PaperFacts(
    item=5,
    title="Conclusion of the phase 3 planning process",
    presented_by="Gary Raphael",
    authors="Gary Raphael",
    purpose="To apprise the Board of how the System Leadership Executive closed phase 3 "
    "planning by sharing out the system's growth funding.",
    executive_summary="Phase 3 planning is finished. The growth funding has been shared so "
    "that every CCG plan balances and the deficits sit with the trusts; the paper explains "
    "why the SLE chose that route.",
    recommendations="Endorse and approve the SLE's decision on sharing out the growth "
    "funding, which gives the positions in table 1.",
    forums=(
        Forum(
            "FAC SLE",
            "13/11/20 18/11/20",
            "FAC agreed how the approach would go to SLE. SLE endorsed it and passed the "
            "£8.2m held back at system level to the providers.",
        ),
    ),
    conflicts_of_interest="None identified.",
    financial_impact="yes",
    associated_risks="yes",
    on_risk_register="no",
    body=(
        heading("Introduction"),
        paragraph(
            "Phase 3 planning closed once the growth funding had been allocated. The plans "
            "sent to the regional team on 18 November meet the SLE's limit: a shortfall of "
            "£90m against a £1.74bn envelope for October 2020 to March 2021."
        ),
        heading("Organisational positions achieved across the system"),
        paragraph("Table 1: final plan positions, £m (deficits in brackets)."),
        table(
            ("Organisation", "£m"),
            *TRUST_GAPS,
            ("Sub-total - Trusts", "(90.8)"),
            *((ccg, "0.0") for ccg in CCGS),
            ("Sub-total - CCGs", "0.0"),
            ("Total", "(90.8)"),
        ),
        heading("Why the CCGs balance and the trusts hold the deficits"),
        paragraph(
            "On 18 November the SLE took the Finance Advisory Committee's advice on sharing "
            "£68m of growth funding. It preferred balanced CCG plans: a CCG must recover an "
            "overspend the following year, while a trust can borrow public dividend capital "
            "at 3.5%."
        ),
        paragraph(
            "This year national block payments fixed most of what CCGs paid their providers, "
            "so they had little say over it."
        ),
        paragraph(
            "The deficits the trusts show remain the shared business of the CCGs and trusts "
            "of each ICP."
        ),
        heading("Adapting the plans to the second wave"),
        paragraph(
            "The second wave has overtaken the scenario behind phase 3, and more physical and "
            "mental health capacity is likely to be needed. Regional and national finance "
            "directors expect the system to hold its £90m deficit, and to better it if it can."
        ),
        *bullets(
            "Mental health: the region accepts that demand is building and will agree one "
            "response across the North West.",
            "Community beds: extra capacity costing about £8m has national approval and sits "
            "outside the envelope.",
        ),
        paragraph("Every organisation sends a revised forecast for the year by 4 December."),
        heading("Underlying financial deficit"),
        paragraph(
            "The 2021/22 round must face the underlying deficit too: at the start of the year "
            "the system was £180m away from its negative control total. Before any national "
            "guidance, the SLE wants the system's own starting points:"
        ),
        *bullets(
            "deliver the clinical strategy and HIP2;",
            "give staff time to recover while services are restored and the backlog met;",
            "restore financial balance over several years through one financial strategy "
            "for the whole system.",
        ),
        heading("Conclusion"),
        paragraph(
            "The SLE endorsed the Finance Advisory Committee's approach and passed the £8.2m "
            "it would otherwise have held in reserve to the providers."
        ),
        heading("Recommendation"),
        paragraph("The Board is asked to endorse the allocation in table 1 and approve it."),
        paragraph("Gary Raphael, ICS Finance Lead, 24 November 2020"),
    ),
)

CLINICAL_STRATEGY = PaperFacts(
    item=7,
    title="Clinical Strategy - Update",
    presented_by="Andy Curran, ICS Exec Medical Director",
    authors="Andy Curran, ICS Exec Medical Director",
    purpose="For information",
    executive_summary="On 4 November the Board endorsed the clinical strategy's "
    "recommendations. The ICS Executive has since discussed how to put it into practice, "
    "taking the SLE's and the Board's comments as its guide. This paper reports that "
    "discussion, proposes how the strategy is built into planning from now on, and offers "
    "five high-level principles for the work streams.",
    recommendations="Note progress so far; back building the strategy into planning; expect "
    "a mapping of current work streams to the six pillars; keep backing the five principles.",
    quality_impact="no",
    equality_impact="no",
    privacy_impact="no",
    financial_impact="no",
    associated_risks="no",
    on_risk_register="n/a",
    body=(
        heading("1. Background"),
        paragraph(
            "The Board endorsed the strategy on 4 November as the clinical consensus of the "
            "system, asked for it to be owned by every partner under the ICS strategy, and "
            "asked the ICS Executive how it should be implemented over five to ten years."
        ),
        heading("2. ICS Executive proposals"),
        paragraph(
            "The strategy sets out no new case for change and stays within the Long Term "
            "Plan. It cannot be implemented on its own: it has to shape the financial "
            "strategy and the ICS strategy, which has not yet been published, and engagement "
            "will build on what partners have already heard rather than start again."
        ),
        heading("3. Reporting structures"),
        paragraph("Work plans sit under the six pillars:"),
        *bullets(
            "health and wellbeing of our communities",
            "living well",
            "managing illness",
            "urgent and emergency care",
            "end of life care, including frailty and dementia",
            "workforce",
        ),
        paragraph(
            "Much of the work is already under way; the ICS Executive will map it to the "
            "pillars. Leads will be named for work streams rather than for whole pillars."
        ),
        heading("4. High-level principles"),
        *bullets(
            "Principle 1: start from what the population needs, using population health "
            "management.",
            "Principle 2: let clinicians and care professionals lead, reducing variation "
            "through best-practice standards.",
            "Principle 3: keep the collaboration the pandemic response built.",
            "Principle 4: think as one system: shared data, mutual aid, and workforce and "
            "estate used across organisations.",
            "Principle 5: build on digital progress so that people can care for themselves "
            "and live independently for longer.",
        ),
        heading("5. Conclusions"),
        paragraph(
            "The strategy will be built into the ICS's work, engaged on through the "
            "ICS strategy, and carried by the work streams mapped to it."
        ),
        heading("6. Recommendations"),
        paragraph(
            "The Board is invited to note progress, support embedding the strategy in "
            "planning, receive the mapping to the six pillars and support the five "
            "principles."
        ),
        paragraph("Andy Curran, 24 November 2020"),
    ),
)

ICP_NARRATIVE = PaperFacts(
    item=8,
    title="ICP Core Narrative",
    presented_by="Geoff Joliffe",
    executive_summary="Step 1: the common strategic narrative for ICPs, shortened and "
    "updated after the Board's comments in November and further feedback from the ICPs and "
    "sectors, now with an executive summary of its own and drawing on NHSEI's 'Integrating "
    "care' of 26 November 2020, is put to the Board for approval. Step 2: the priority work "
    "programmes for ICP development (success measures, leadership and organisational "
    "development, governance and accountability, financial frameworks) are set out in a "
    "plan on a page. A first communications and engagement plan is written, a maturity "
    "matrix agreed, to be kitemarked by AQuA, and a support offer discussed with NHSE/I. "
    "Delivery will be overseen by the ICP Development Advisory Group, reporting through the "
    "SLE.",
    recommendations="Approve the narrative and its executive summary as amended in November "
    "2020; note progress on step 2; approve carrying on with step 2 as the plan on a page "
    "sets out, with NHSEI's support; note NHSEI's guidance of 26 November 2020, which will "
    "go on shaping the ICPs and the ICS.",
    forums=(
        Forum("ICS Board", "04.11.20", "Asked for the document to be shortened and strengthened."),
        Forum(
            "System Leadership Executive",
            "21.10.20",
            "Agreed, and recommended to the ICS Board for approval on 04.11.20.",
        ),
        Forum(
            "ICP Development Advisory Group",
            "Throughout October 2020 and November 2020",
            "Agreed; recommended to the SLE (21.10.20) and the ICS Board (04.11.20, 02.12.20).",
        ),
        Forum(
            "Various groups within individual ICPs and across sectors within the ICS",
            "Throughout October 2020 and November 2020",
            "Its comments shaped the versions put to the SLE (21.10.20) and the ICS Board "
            "(02.12.20).",
        ),
    ),
    conflicts_of_interest="Every partner organisation has a stake in how the ICPs and the "
    "system reform plan develop.",
    body=(
        heading("Developing Integrated Care Partnerships in Lancashire and South Cumbria"),
        heading("1. What we mean by an Integrated Care Partnership"),
        paragraph(
            "An ICP brings together those who plan and provide health, council and community "
            "services in a place of up to 500,000 people, sharing responsibility for the "
            "health and wellbeing of the people who live there."
        ),
        paragraph("It aims to:"),
        *bullets(
            "improve health and wellbeing and reduce inequalities;",
            "offer consistent, high-quality services without unwarranted variation;",
            "meet national standards across its sectors;",
            "make the most of a place-based budget and of the NHS's part in the local economy.",
        ),
        heading("2. What partners will do together"),
        *bullets(
            "2.1. Lead the place together, as a partnership of equals.",
            "2.2. Listen to residents and shape services with them.",
            "2.3. Plan services as one, across every sector.",
            "2.4. Deliver joined-up services around neighbourhoods of 30-50,000 people, "
            "with PCNs at their core.",
            "2.5. Manage population health, from data to prevention.",
            "2.6. Improve quality and reduce variation.",
            "2.7. Use the place's money, buildings and information well.",
            "2.8. Value and develop the workforce, as anchor institutions and employers.",
        ),
        heading("3. How partners will work together"),
        paragraph(
            "ICPs are not expected to become statutory bodies. Partners will share "
            "responsibility, risk and resources, delegating some decisions to the place, "
            "with governance and leadership that support it."
        ),
        heading("Step 2: plan on a page"),
        table(
            ("Work programme", "Overseen by"),
            ("Success measures for ICPs", "ICP Development Advisory Group"),
            ("Leadership and organisational development", "ICP Development Advisory Group"),
            ("Governance and accountabilities", "ICP Development Advisory Group"),
            ("Financial frameworks", "ICP Development Advisory Group"),
        ),
    ),
)


ASSURANCE_FRAMEWORK = PaperFacts(
    item=9,
    title="Lancashire & South Cumbria ICS System Assurance Framework & Strategic Risk "
    "Management Update",
    presented_by="Gary Raphael",
    authors="Emily Kruger Collier",
    contributors="Ann Highton",
    confidential=True,
    purpose="For discussion and endorsement",
    executive_summary="The partnership needs a system assurance framework as it develops. "
    "This paper makes the case, reports the strategic risks and issues found so far, and "
    "sets out how their management will improve over the coming months, as a first phase.",
    recommendations="1. Support and take part in building a system assurance framework with "
    "strategic objectives (section 4). 2. Support a group, with ICP members, to take it "
    "forward for the Board (section 4). 3. Support the approach to strategic risks as its "
    "first phase (section 5).",
    forums=(
        Forum("ICS Executive Team", "09/11/20", "Endorsed; its recommendations go to the SLE."),
    ),
    conflicts_of_interest="NA",
    on_risk_register="no",
    body=(
        heading("1. Introduction"),
        paragraph(
            "As the partnership integrates, the Board needs assurance that the system's "
            "objectives are being met and its risks managed, beyond what each partner's own "
            "board provides."
        ),
        heading("2. Background"),
        paragraph(
            "Each partner keeps its own assurance framework and risk register; nothing yet "
            "joins them up at system level."
        ),
        heading("3. System Assurance Framework (SAF)"),
        paragraph(
            "The framework starts from strategic objectives, names the risks to each, and "
            "records controls, assurances and gaps, reported to the Board."
        ),
        heading("4. The first phase: strategic risks and issues"),
        paragraph("Appendix 1 lists the seven strategic objectives and a first risk for each."),
        heading("5. Strategic risk roles and responsibilities"),
        paragraph(
            "Risks run from the ICS Board (assurance) through the SLE (sponsorship) to cells, "
            "ICPs and programmes, with an owner named at each level."
        ),
        heading("6. What the Board is asked to do"),
        paragraph("Support the framework, the working group and the first phase."),
        heading("Appendix 1"),
        table(("Strategic objective", "Risk", "Sources of assurance"), *STRATEGIC_OBJECTIVES),
    ),
)


FINANCE_REPORT = PaperFacts(
    item=10,
    title="ICS Finance Report",
    presented_by="Gary Raphael, ICS Executive Lead for Finance",
    authors="Elaine Collier, ICS Head of Finance",
    purpose="For noting.",
    executive_summary="The system's finances at month 7: the revenue and capital positions "
    "of every partner and of the ICS central functions, the final phase 3 plans, and a first "
    "look at planning for 2021/22.",
    recommendations="Note the financial position, and take part in setting the system's "
    "ambitions for the coming short and medium-term planning rounds.",
    conflicts_of_interest="Not applicable",
    financial_impact="yes",
    associated_risks="yes",
    on_risk_register="no",
    risk_description="Set out in the body of the report.",
    body=(
        heading("Introduction"),
        paragraph(
            "This report covers month 7 (October 2020) for the partners of Lancashire and "
            "South Cumbria and the ICS central functions, the final phase 3 plans, and the "
            "2021/22 planning round."
        ),
        heading("Financial performance"),
        paragraph(
            "From month 7 the system is measured against a fixed envelope: top-up payments "
            "no longer cover deficits. Month 7 straddled versions of the phase 3 plans, so "
            "the figures below predate the final ones, which month 8 will use. They assume "
            "that claims for months 1 to 6 not yet validated (CCGs £28.9m, trusts £8.9m) "
            "will be paid."
        ),
        paragraph("Table 1: the system at month 7, £m."),
        table(("L&SC - M07", *PLAN_COLUMNS), *M07),
        paragraph("Table 2: CCG net expenditure at month 7, £m."),
        table(("CCG", *PLAN_COLUMNS), *CCG_M07),
        heading("Phase 3 planning"),
        paragraph(
            "Phase 3 closed with a gap of £90.8m against the envelope, once top-up, COVID-19 "
            "and growth funding were all shared out so that CCGs balance and the trusts show "
            "the deficits, which the CCGs and trusts of each ICP own together."
        ),
        paragraph("Table 3: the final phase 3 plans, £m."),
        table(
            ("Summary of financial gap", "18/11/20 plan"),
            *TRUST_GAPS,
            ("Trusts", "(90.8)"),
            ("CCGs", "0.0"),
            ("L&SC system financial gap", "(90.8)"),
        ),
        heading("Financial envelope"),
        paragraph(
            "The system has £3.3bn for 2020/21, all of it CCG allocations; the envelope for "
            "months 7 to 12 is £1.7bn."
        ),
        paragraph("Table 4: the envelope within the year's funding, £m."),
        table(("L&SC - Financial envelope", "M1-6", "M7-12", "Full year"), *ENVELOPE),
        heading("Capital"),
        paragraph(
            "The capital envelope for business as usual is £138.7m. Trusts still forecast "
            "meeting their plans, apart from £4m at Lancashire Teaching Hospitals. About £80m "
            "of further allocations is still awaited, which makes trusts wary of committing "
            "large sums; a detailed review in December will report to the Board in January."
        ),
        heading("ICS central functions"),
        paragraph(
            "A slow start while COVID-19 came first, and national funding confirmed late, "
            "left the central functions underspent so far; they expect to break even by the "
            "end of the year."
        ),
        paragraph("Table 5: central functions at month 7, £000."),
        table(
            (
                "ICS central functions",
                "Budget",
                "Actual",
                "Under/(over) spend",
                "Annual budget",
                "Forecast",
                "Under/(over) spend",
            ),
            *CENTRAL_FUNCTIONS,
        ),
        heading("Underlying deficit"),
        paragraph(
            "Before COVID-19 the system was just under £180m away from its control total of "
            "minus £97m: a deficit of £277m, 8% of its spending. Nothing this year suggests "
            "that has improved. The clinical strategy gives the system a way to tackle the "
            "part of the deficit that comes from how services are delivered, alongside "
            "efficiency and structural causes; the planning round will set out the steps."
        ),
        heading("Recommendation"),
        paragraph(
            "The Board is invited to note the position and to help set the system's "
            "ambitions for the coming planning rounds."
        ),
        paragraph("Gary Raphael, ICS Executive Lead for Finance, 24 November 2020"),
    ),
)


PROGRAMME_REPORT = PaperFacts(
    item=12,
    title="ICS Programme Executive Summary Report",
    presented_by="Talib Yaseen – ICS Executive Director of Transformation",
    authors="Emily Kruger Collier – Head of ICS PMO / Denise Wyn-Jones – PMO Programme "
    "Manager / Tracy Ashworth – PMO Programme Manager / Jenny Wright – Programme "
    "Co-ordinator / ICS Programme Teams",
    confidential=True,
    purpose="Each month's summary of how the ICS programmes are progressing.",
    executive_summary="How each programme across Lancashire and South Cumbria stands this "
    "month. Programme staff are increasingly helping with the second wave and with restoring "
    "services, and programmes have re-prioritised. The SLE and the Provider Collaboration "
    "Board are discussing when system programmes can restart and how they will be led; "
    "restoration is likely to take up most of 2021/22.",
    recommendations="None: the Board is asked to note the position.",
    forums=(Forum("SLE", "Nov-2020", "For information and recommendation"),),
    body=(
        heading("Monthly programme summary: November 2020"),
        heading("Highlights"),
        *bullets(
            "Learning disabilities and autism: a shadow pooled budget from April 2021 is "
            "agreed between Lancashire County Council, Blackburn with Darwen Council, "
            "Blackpool Council and every CCG.",
            "Workforce: all five trusts have joined the Staff Digital Passport scheme, which "
            "only one other ICS had managed; trials have begun.",
            "Digitally enabled care: the link between WeLLPres and LPRES went live on 30 "
            "September 2020.",
            "Cancer: lockdown, digital priorities and staffing are delaying the Targeted Lung "
            "Health Check, whose timetable is under review.",
            "Stroke: the ICS Investment Committee has approved funding for AI for Stroke.",
        ),
        heading("The programmes"),
        table(("Portfolio", "Programme"), *PROGRAMMES),
    ),
)

# In agenda order; item 8's paper arrives late, as a supplement.
PAPERS = [
    PHASE_3,
    CLINICAL_STRATEGY,
    ICP_NARRATIVE,
    ASSURANCE_FRAMEWORK,
    FINANCE_REPORT,
    PROGRAMME_REPORT,
]
