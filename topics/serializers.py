from rest_framework import serializers

from api.serializers import LinksMixin

from .models import Topic


class TopicSerializer(LinksMixin, serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "slug", "name", "name_en", "description", "url", "api_url"]
