from rest_framework import serializers

from api.serializers import ChoiceLabelField, LinkSerializer, LinksMixin

from .models import Region


class RegionSerializer(LinksMixin, serializers.ModelSerializer):
    kind_display = ChoiceLabelField(source="kind")
    parent = LinkSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = [
            "id",
            "slug",
            "name",
            "name_en",
            "kind",
            "kind_display",
            "parent",
            "summary",
            "order",
            "url",
            "api_url",
        ]
