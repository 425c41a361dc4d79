from django.urls import path

from . import feeds

app_name = "feeds"

urlpatterns = [
    path("news/", feeds.LatestNewsFeed(), name="news"),
    path("news/atom/", feeds.LatestNewsAtomFeed(), name="news_atom"),
    path("regions/<slug:slug>/", feeds.RegionNewsFeed(), name="region"),
    path("regions/<slug:slug>/atom/", feeds.RegionNewsAtomFeed(), name="region_atom"),
    path("topics/<slug:slug>/", feeds.TopicNewsFeed(), name="topic"),
    path("topics/<slug:slug>/atom/", feeds.TopicNewsAtomFeed(), name="topic_atom"),
]
