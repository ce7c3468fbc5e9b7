from django.urls import path

from .views import people, teams, welcome

app_name = "people"

urlpatterns = [
    path("", people.index, name="index"),
    path("<slug:slug>/", people.partnership, name="partnership"),
    path("<slug:slug>/invite/", people.invite_person, name="invite"),
    path("<slug:slug>/teams/", teams.teams, name="teams"),
    path("<slug:slug>/teams/<int:team_id>/members/", teams.add_member, name="team_add_member"),
    path("<slug:slug>/teams/<int:team_id>/members/<int:owner_id>/remove/", teams.remove_member, name="team_remove_member"),
    path("<slug:slug>/<int:user_id>/", people.person, name="person"),
    path("<slug:slug>/<int:user_id>/resend/", people.resend, name="resend"),
    path("<slug:slug>/<int:user_id>/leaving/", people.leaving, name="leaving"),
    # Last, so a partnership whose slug is "welcome" still reaches its own pages: a
    # uidb64 is never a number, so it never matches <int:user_id> above.
    path("welcome/<str:uidb64>/<str:token>/", welcome.welcome, name="welcome"),
]
