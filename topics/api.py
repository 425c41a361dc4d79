from drf_spectacular.utils import extend_schema_view

from api.openapi import api_schema
from api.viewsets import ContentViewSet

from .models import Topic
from .serializers import TopicSerializer


@extend_schema_view(**api_schema("专题", TopicSerializer))
class TopicViewSet(ContentViewSet):
    """Themes that cut across content, e.g. 离岸科创, 科技金融, 算力."""

    model = Topic
    serializer_class = TopicSerializer
    search_fields = ["name", "description"]
    ordering_fields = ["name"]
