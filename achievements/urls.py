from django.urls import path

from . import views

app_name = "achievements"

urlpatterns = [
    path("", views.FigureDataView.as_view(), name="index"),
    path("figures.csv", views.FigureExportView.as_view(), {"format": "csv"}, name="export_csv"),
    path("figures.xlsx", views.FigureExportView.as_view(), {"format": "xlsx"}, name="export_xlsx"),
    path("<slug:slug>/", views.AchievementDetailView.as_view(), name="detail"),
]
