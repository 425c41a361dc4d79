from django.urls import path

from . import feeds

app_name = "feeds"

urlpatterns = [
    path("news/", feeds.LatestNewsFeed(), name="news"),
    path("regions/<slug:slug>/", feeds.RegionNewsFeed(), name="region"),
    path("topics/<slug:slug>/", feeds.TopicNewsFeed(), name="topic"),
]
