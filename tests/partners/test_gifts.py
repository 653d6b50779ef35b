"""Gifts and hospitality: the rule that applies to an offer, under the partnership's thresholds
(NHS England's by default), said by the form before anything is saved; and what the rules do
not allow refused with a message naming the field and the rule."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partners.models import Gift, GiftKind, GiftOutcome, GiftRules
from partners.services import gifts as services
from tests.as_rendered import as_rendered
from tests.conftest import text_of

pytestmark = pytest.mark.django_db

NEW = "/my-interests/gifts/new/"
DAY = datetime.date(2024, 5, 1)
NHS = GiftRules()


def rule(kind, value, earlier=0, rules=NHS):
    return services.gift_rule(
        kind=kind, value=Decimal(value), earlier=Decimal(earlier), rules=rules
    )


@pytest.mark.parametrize(
    ("kind", "value", "text", "needs_approval"),
    [
        (GiftKind.HOSPITALITY, "24.99", "Hospitality under £25 may be accepted.", False),
        (GiftKind.HOSPITALITY, "25", "Hospitality of £25 to £75 may be accepted.", False),
        (GiftKind.HOSPITALITY, "75", "Hospitality of £25 to £75 may be accepted.", False),
        (
            GiftKind.HOSPITALITY,
            "75.01",
            "Hospitality over £75 is refused unless it is approved.",
            True,
        ),
        (GiftKind.GIFT, "50", "Gifts up to £50 from one source may be accepted.", False),
        (
            GiftKind.GIFT,
            "50.01",
            "Gifts over £50 are accepted only on behalf of the organisation, with approval.",
            True,
        ),
        (GiftKind.PROMOTIONAL, "6", "Promotional items up to £6 may be accepted.", False),
        (GiftKind.PROMOTIONAL, "6.50", "Gifts up to £50 from one source may be accepted.", False),
        (GiftKind.CASH, "5", "Cash and vouchers are always declined.", False),
    ],
)
def test_nhs_englands_thresholds_are_the_default_and_their_boundaries(
    kind, value, text, needs_approval
):
    found = rule(kind, value)
    assert (found.text, found.needs_approval) == (text, needs_approval)


def test_gifts_from_one_source_are_counted_together_over_a_year(member, chair):
    for day, value in [
        (DAY - datetime.timedelta(days=366), 40),
        (DAY - datetime.timedelta(days=30), 30),
    ]:
        services.gift_declare(
            actor=member,
            person=member,
            kind=GiftKind.GIFT,
            giver="Acme Supplies Ltd",
            description="A book",
            value=Decimal(value),
            offered_on=day,
            outcome=GiftOutcome.ACCEPTED,
            approved_by=chair,
        )
    found = services.rule_for_offer(
        member, kind=GiftKind.GIFT, value=Decimal(25), giver="ACME Supplies Ltd ", offered_on=DAY
    )
    # The gift of a year and a day before is not counted; the one of a month before is.
    assert found.text == (
        "Gifts over £50 (£55 with earlier gifts from the same source) are accepted only on "
        "behalf of the organisation, with approval."
    )
    assert found.needs_approval


def test_a_partnership_sets_its_own_thresholds(member, board):
    GiftRules.objects.create(partnership=board.partnership, hospitality_refused_over=Decimal(100))
    found = services.rule_for_offer(
        member, kind=GiftKind.HOSPITALITY, value=Decimal(90), giver="A", offered_on=DAY
    )
    assert found.text == "Hospitality of £25 to £100 may be accepted."


def offer(**fields):
    return {
        "kind": "hospitality",
        "giver": "Acme Supplies Ltd",
        "description": "Dinner at a conference",
        "value": "120",
        "offered_on": "2024-05-01",
        "outcome": "accepted",
        "approved_by": "",
        **fields,
    }


def test_the_form_says_which_rule_applies_before_saving(member, client_as):
    client = client_as("member")
    page = as_rendered(client.get(NEW))
    # Nothing chosen yet: the radios post nothing, the approver its empty first option.
    assert page == {
        "csrfmiddlewaretoken": page["csrfmiddlewaretoken"],
        "giver": "",
        "description": "",
        "value": "",
        "offered_on": "",
        "approved_by": "",
    }

    checked = client.post(NEW, offer(check="1"))

    assert "The rule for this offer: Hospitality over £75 is refused unless it is approved." in (
        text_of(checked)
    )
    assert not Gift.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": "-5"}, "value", "Value in pounds must be £0 or more."),
        ({"value": "lots"}, "value", "Value in pounds must be a number, like 30 or 12.50."),
        (
            {},
            "approved_by",
            "Hospitality over £75 is refused unless it is approved. Select who approved it.",
        ),
        (
            {"kind": "cash", "value": "20"},
            "outcome",
            "Cash and vouchers are always declined. Record it as declined.",
        ),
        ({"offered_on": "2024-02-30"}, "offered_on", "Date offered must be a real date."),
    ],
)
def test_what_the_rules_refuse_comes_back_naming_the_field(
    member, client_as, fields, field, message
):
    response = client_as("member").post(NEW, offer(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert response.context["form"]["giver"].value() == "Acme Supplies Ltd"
    assert not Gift.objects.exists()


def test_an_approved_acceptance_and_a_declined_offer_are_recorded(member, chair, client_as):
    client = client_as("member")
    response = client.post(NEW, offer(approved_by=str(chair.pk)), follow=True)
    assert "is declared. Hospitality over £75 is refused unless it is approved." in text_of(
        response
    )
    client.post(NEW, offer(kind="cash", value="20", outcome="declined"))

    accepted, declined = Gift.objects.order_by("id")
    assert accepted.approved_by == chair and accepted.rule.startswith("Hospitality over £75")
    assert declined.outcome == GiftOutcome.DECLINED
    page = text_of(client.get("/my-interests/"))
    assert "approved by " + chair.full_name in page and "Declined" in page


def test_nobody_approves_their_own(member):
    with pytest.raises(ValidationError) as refused:
        services.gift_declare(
            actor=member,
            person=member,
            kind=GiftKind.HOSPITALITY,
            giver="A",
            description="Dinner",
            value=Decimal(100),
            offered_on=DAY,
            outcome=GiftOutcome.ACCEPTED,
            approved_by=member,
        )
    assert refused.value.message_dict["approved_by"] == ["Someone else must approve it, not you."]
