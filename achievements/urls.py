from django.urls import path

from . import views

app_name = "achievements"

urlpatterns = [
    path("", views.FigureDataView.as_view(), name="index"),
    path("<slug:slug>/", views.AchievementDetailView.as_view(), name="detail"),
]
