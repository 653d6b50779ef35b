from django.urls import path

from . import views
from .views import breaches, gifts, interests, non_declarers, returns

app_name = "partners"

urlpatterns = [
    path("boards/", views.board_list, name="board_list"),
    path("boards/<slug:slug>/", views.board_detail, name="board"),
    path("boards/<slug:slug>/history/", views.board_history, name="board_history"),
    path("partners/", views.organisation_list, name="organisation_list"),
    path("partners/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("interests/", interests.public_register, name="public_register"),
    path("interests/register.csv", interests.public_register_csv, name="public_register_csv"),
    path("interests/register.pdf", interests.public_register_pdf, name="public_register_pdf"),
    path("my-interests/", interests.my_interests, name="my_interests"),
    path("my-interests/new/", interests.interest_declare, name="interest_declare"),
    path("my-interests/return/", returns.return_make, name="return_make"),
    path("interests/returns/", returns.returns, name="returns"),
    path("interests/breaches/", breaches.breaches, name="breaches"),
    path("interests/breaches/new/", breaches.breach_record, name="breach_record"),
    path("interests/no-declaration/", non_declarers.latest, name="non_declarers_latest"),
    path(
        "interests/no-declaration/<int:year>/",
        non_declarers.non_declarers_page,
        name="non_declarers",
    ),
    path(
        "interests/no-declaration/<int:year>.csv",
        non_declarers.non_declarers_csv,
        name="non_declarers_csv",
    ),
    path("interests/returns/<int:person>/remind/", returns.return_remind, name="return_remind"),
    path("my-interests/gifts/new/", gifts.gift_declare, name="gift_declare"),
    path("my-interests/<int:pk>/change/", interests.interest_change, name="interest_change"),
    path("interests/review/", interests.interests_review, name="interests_review"),
    path("interests/<int:pk>/review/", interests.interest_review, name="interest_review"),
]
