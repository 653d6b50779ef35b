"""The ICS Board's guidance on declaring interests, which goes out with every agenda: the four
types of interest, the Chair's options and what the minutes record, in the portal's words."""

PARAGRAPHS = [
    "Declaring interests: guidance for members of the ICS Board",
    "Why declarations matter",
    "Open handling of conflicts of interest keeps NHS commissioning honest. It also shields "
    "the commissioners and providers we work with, from NHS England and the CCGs to GP "
    "practices, from any suggestion of impropriety.",
    "Each declaration, and what is done about it, is written into the Board's minutes.",
    "At each meeting",
    "The Independent Chair opens every meeting by asking whether anyone has an interest to "
    "declare. A member declaring one says which of the four types it is:",
    "Financial | The member could gain or lose money from the decision: for example as a "
    "director, shareholder, partner or consultant of a business that works, or hopes to work, "
    "with health or care organisations; through a second job or income; or through grants, "
    "research funding, fees or expenses paid by a provider.",
    "Non-financial professional | The decision could advance the member's career or standing: "
    "for example as an advocate for a group of patients, a GP with a special interest, a "
    "member of a specialist professional body, or an adviser to the CQC or NICE.",
    "Non-financial personal | The member could benefit personally, though not in money or "
    "career: for example as a volunteer or champion for a provider, or on the board of a "
    "voluntary organisation.",
    "Indirect | Someone close to the member, such as a spouse or partner, a close relative "
    "or a close friend, has one of the three interests above.",
    "The Chair's ruling",
    "The Chair decides, case by case, how the member takes part from then on, and tells the "
    "Board why. The Chair may rule that:",
    "• the member leaves the room for the item;",
    "• the member stays and may speak, but does not vote;",
    "• the member stays, speaks and votes;",
    "• the item is deferred, and the agenda changed to show it.",
    "Where the Chair has the conflict, the Deputy Chair chairs that part of the meeting and "
    "has the same choices.",
    "What the minutes record",
    "• who declared the interest, and at which point of the meeting;",
    "• what the interest is;",
    "• the Chair's ruling and what followed from it;",
    "• anyone leaving the meeting, and coming back.",
]

GUIDANCE = "\n\n".join(PARAGRAPHS)
