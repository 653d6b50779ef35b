"""Figures and lists of the papers of 2 December 2020, as the pack gives them (seed 003):
the finance tables, the programmes and the strategic objectives with their first risks."""

TRUST_GAPS = [
    ("Blackpool Teaching Hospital", "(20.6)"),
    ("East Lancashire Hospitals Trust", "(17.7)"),
    ("Lancashire Teaching Hospitals Trust", "(19.4)"),
    ("Lancashire & South Cumbria FT", "(4.1)"),
    ("North West Ambulance Service", "(4.0)"),
    ("University Hospitals of Morecambe Bay", "(25.0)"),
]

CCGS = [
    "Blackburn with Darwen CCG",
    "Blackpool CCG",
    "Chorley & South Ribble CCG",
    "East Lancashire CCG",
    "Fylde & Wyre CCG",
    "Greater Preston CCG",
    "Morecambe Bay CCG",
    "West Lancashire CCG",
]

STRATEGIC_OBJECTIVES = [
    (
        "Improve population health and well-being and reduction in inequalities",
        "Inequalities widen, through economic decline, health policy or new risks such as "
        "COVID-19 delaying diagnosis and care.",
        "Evidence of widening inequalities; spend on prevention",
    ),
    (
        "Securing good staff health and well-being",
        "Staff resilience is stretched too far by shifting activity, absences and new guidance.",
        "Staff survey; use of the resilience hub",
    ),
    (
        "Delivery of safe, effective services",
        "Regulatory standards are not met, or infection control falls short during COVID-19.",
        "Hospital-acquired infection rates; safety reports",
    ),
    (
        "Managing capacity to meet demand for urgent and elective services",
        "Capacity falls short of demand, or is lost to absences and infection control.",
        "Common waiting list; mutual support; capacity plans",
    ),
    (
        "A common approach to learning and innovation",
        "Innovations are taken up unevenly across Lancashire and South Cumbria, or too slowly.",
        "Innovations adopted and their outcomes",
    ),
    (
        "To achieve a high level of cost effectiveness, ensuring delivery of best value for "
        "the public purse",
        "Services cost more than the money available, more than peers can explain.",
        "Affordability; unexplained variation",
    ),
    (
        "A sustainable workforce model for public services across L&SC",
        "There are not enough staff to provide the services the population needs.",
        "Clinical sustainability; growing our own workforce",
    ),
]

M07 = [
    ("CCG financial position", "(86.6)", "(121.2)", "(34.6)", "(94.9)", "(131.3)", "(36.4)"),
    ("CCG Retrospective Top Up - M1-6", "85.0", "113.9", "28.9", "85.0", "113.9", "28.9"),
    ("COVID-19 Reimbursement - M7-12", "0.0", "8.0", "8.0", "0.0", "8.0", "8.0"),
    ("Commissioner Total", "(1.6)", "0.8", "2.4", "(9.9)", "(9.3)", "0.6"),
    ("Trust Income excl Top Up", "1,533.0", "1,522.1", "(10.9)", "2,795.6", "2,788.0", "(7.6)"),
    ("Pay", "(1,214.4)", "(1,210.3)", "4.1", "(2,145.2)", "(2,136.2)", "9.0"),
    ("Non Pay", "(552.2)", "(554.5)", "(2.3)", "(976.5)", "(971.6)", "4.9"),
    ("Non Operating Items", "(24.4)", "(23.7)", "0.7", "(41.2)", "(39.9)", "1.3"),
    ("Trust Top Up - M1-6", "247.5", "256.4", "8.9", "247.5", "256.4", "8.9"),
    ("COVID-19 Reimbursement - M7-12", "0.0", "1.2", "1.2", "0.0", "1.2", "1.2"),
    ("Provider Total", "(10.5)", "(8.7)", "1.8", "(119.7)", "(102.1)", "17.6"),
    ("L&SC Total", "(12.1)", "(7.9)", "4.2", "(129.6)", "(111.4)", "18.2"),
]

CCG_M07 = [
    ("Blackburn with Darwen CCG", "164.6", "164.6", "(0.1)", "286.0", "286.1", "(0.1)"),
    ("Blackpool CCG", "239.2", "238.8", "0.4", "584.9", "584.9", "(0.0)"),
    ("Chorley & South Ribble CCG", "184.7", "184.3", "0.4", "314.2", "314.2", "(0.0)"),
    ("East Lancashire CCG", "399.5", "399.4", "0.0", "682.1", "682.1", "0.0"),
    ("Fylde & Wyre CCG", "200.7", "200.2", "0.5", "336.7", "336.7", "(0.0)"),
    ("Greater Preston CCG", "207.3", "206.3", "1.0", "350.9", "350.9", "(0.0)"),
    ("Morecambe Bay CCG", "363.3", "363.3", "0.0", "619.8", "619.8", "0.0"),
    ("West Lancashire CCG", "114.0", "113.9", "0.1", "192.8", "192.2", "0.7"),
    ("Total CCG Net Expenditure", "1,873.2", "1,870.8", "2.4", "3,367.4", "3,366.9", "0.6"),
]

ENVELOPE = [
    ("CCG allocations", "1,477.4", "1,461.9", "2,939.3"),
    ("Top up funding", "50.9", "119.9", "170.8"),
    ("Covid funding", "63.0", "90.5", "153.5"),
    ("Growth funding", "", "67.6", "67.6"),
    ("Financial envelope", "1,591.3", "1,739.9", "3,331.2"),
    ("Service Development Funding (SDF)", "", "27.3", "27.3"),
    ("Other funding - Hospital Discharge Programme", "", "8.9", "8.9"),
    ("Total funding available to CCGs", "1,591.3", "1,776.1", "3,367.4"),
]

CENTRAL_FUNCTIONS = [
    ("Clinical Portfolios", "294", "282", "12", "462", "462", "0"),
    ("Enabling Functions", "768", "776", "(8)", "1,313", "1,313", "0"),
    ("Executive Functions", "1,247", "1,000", "247", "2,140", "2,140", "0"),
    ("Other Support Functions", "166", "166", "(0)", "284", "284", "0"),
    ("ICS Core Budgets", "2,474", "2,224", "250", "4,199", "4,199", "0"),
    ("Nationally Funded Budgets", "3,524", "1,596", "1,928", "6,048", "6,048", "0"),
    ("System Funded Budgets", "256", "249", "7", "437", "437", "0"),
    ("Total", "6,253", "4,069", "2,184", "10,684", "10,684", "0"),
]

PLAN_COLUMNS = ("Plan", "Actual", "Under/(over) spend", "Plan", "Forecast", "Under/(over) spend")

PROGRAMMES = [
    ("1. Transformation of Services", "1.1 Intermediate Care – Advancing Integration"),
    ("", "1.2 Acute Paediatric Services"),
    ("", "1.3 Diagnostics Collaborative"),
    ("", "1.4 Urgent and Emergency Care"),
    ("", "1.5 Integrated Learning Disabilities and Autism Service Strategy"),
    ("", "1.6 Children and Young Peoples Emotional Wellbeing and Mental Health"),
    ("2. Delivering Sustainable Services", "2.1 Head & Neck Services"),
    ("", "2.2 Vascular Services"),
    ("", "2.3 Strategic Workforce Planning"),
    ("", "2.4 Integrated Children & Young People's Health"),
    ("", "2.5 Medicines Management"),
    ("3. Building the Future System", "3.1 HIP2 Development"),
    ("", "3.2 Strategic Estates Infrastructure"),
    ("", "3.3 Population Health"),
    ("", "3.4 Corporate/Shared Services Collaborative"),
    ("", "3.5 Primary, Community Care & Wellbeing"),
    ("", "3.6 Digitally Enabled Care"),
    ("4. Improving Performance & Outcomes", "4.1 Adult Mental Health"),
    ("", "4.2 Better Births and Maternity"),
    ("", "4.3 Cancer"),
    ("", "4.4 Intensive & Hyper Acute Stroke Services (ISDN)"),
    ("", "4.5 Palliative & End of Life Care"),
    ("", "4.6 Planned Care Services"),
    ("", "4.7 Prevention Strategies"),
    ("", "4.8 Universal Personalised Care"),
    ("", "4.9 Individual Patient Activity (IPA)"),
    ("", "4.10 Respiratory"),
    ("5. Business as Usual", "5.1 Leadership & Organisational Development"),
]
