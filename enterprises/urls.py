from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="index"),
    path("institutions/", views.InstitutionListView.as_view(), name="institutions"),
    path("institutions/<slug:slug>/", views.InstitutionDetailView.as_view(), name="institution"),
    path("<slug:slug>/", views.EnterpriseDetailView.as_view(), name="detail"),
]
