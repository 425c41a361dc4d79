"""The OpenAPI document's shared parts: the schema class, the error answers every resource documents, the
conditional-request headers, and the decorator that describes a resource."""

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import (
    permissions,
    serializers,
)

from presentation.exports import XLSXRenderer

from .rest import PreconditionFailed, PreconditionRequired
from .serializers import DraftStateSerializer


class AutoSchema(openapi.AutoSchema):
    """Documents that reading needs no credentials (AdminRightsOrReadOnly lets anyone read)."""

    def get_auth(self):
        auths = super().get_auth()
        if self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


class ErrorSerializer(serializers.Serializer):
    """Only documents the error body: {"detail": "…"}; a 429 adds "wait" (seconds)."""

    detail = serializers.CharField()
    wait = serializers.IntegerField(required=False, allow_null=True)


def _error(description: str, example: dict) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description, examples=[OpenApiExample("示例", example)])


ERROR_RESPONSES = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="参数或内容有误：每个出错的参数或字段一条中文说明",
        examples=[OpenApiExample("示例", {"year": ["请输入一个整数。"], "region": ["选择一个有效的选项。"]})],
    ),
    404: _error("不存在、未发布，或页码超出范围", {"detail": "未找到。"}),
    429: _error("请求过于频繁", {"detail": "请求过于频繁，请在 30 秒后再试。", "wait": 30}),
}


WRITE_ERROR_RESPONSES = {
    **ERROR_RESPONSES,
    401: _error("未登录：需要 Authorization: Token … 或登录会话", {"detail": "身份认证信息未提供。"}),
    403: _error("没有相应的管理权限", {"detail": "您没有执行该操作的权限。"}),
    412: _error("If-Match 与当前 ETag 不符：内容已被他人修改", {"detail": PreconditionFailed.default_detail}),
}


CONDITIONAL_WRITE_RESPONSES = {
    **WRITE_ERROR_RESPONSES,
    428: _error("缺少 If-Match 请求头（修改、删除必须带上 ETag）", {"detail": PreconditionRequired.default_detail}),
}


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="必填：上次读取详情时得到的 ETag。缺少时返回 428；内容此后被修改过则返回 412。",
)


IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="上次读取时的 ETag；内容未变则返回 304，不带正文。",
)


def draft_serializer(noun: str, serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    """Only documents a draft answer: its state and the item as it will read once approved."""
    name = serializer_class.__name__.removesuffix("Serializer")
    return type(
        f"{name}DraftSerializer",
        (serializers.Serializer,),
        {
            "__doc__": f"{noun}的待发布草稿",
            "detail": serializers.CharField(required=False, help_text="修改后的说明（仅 202）"),
            "draft": DraftStateSerializer(),
            "item": serializer_class(help_text="审核通过后的内容"),
        },
    )()


def api_schema(
    noun: str,
    serializer_class: type[serializers.Serializer],
    *,
    writable: bool = False,
    export_serializer_class: type[serializers.Serializer] | None = None,
    list_serializer_class: type[serializers.Serializer] | None = None,
) -> dict:
    """The OpenAPI description of one resource's actions, for ``extend_schema_view(**api_schema(...))``."""
    listed = list_serializer_class or serializer_class
    schema = {
        "list": extend_schema(
            summary=f"{noun}列表",
            description="每项是摘要；完整内容（正文、章节、关键数据与全部关联）见各项的 api_url。"
            if list_serializer_class
            else None,
            responses={200: listed, **ERROR_RESPONSES},
        ),
        "retrieve": extend_schema(
            summary=f"{noun}详情",
            parameters=[IF_NONE_MATCH],
            responses={
                200: serializer_class,
                304: OpenApiResponse(description="未修改（If-None-Match 与 ETag 相符）"),
                **ERROR_RESPONSES,
            },
        ),
    }
    if writable:
        schema["create"] = extend_schema(
            summary=f"新建{noun}（草稿）", responses={201: serializer_class, **WRITE_ERROR_RESPONSES}
        )
        schema["destroy"] = extend_schema(
            summary=f"删除{noun}", parameters=[IF_MATCH], responses={204: None, **CONDITIONAL_WRITE_RESPONSES}
        )
        draft = draft_serializer(noun, serializer_class)
        schema["draft"] = extend_schema(
            summary=f"{noun}的待发布草稿",
            description="已发布内容的修改先存为草稿（修改请求返回 202）；这里读取草稿审核通过后的样子和草稿的 ETag。"
            "继续修改草稿时，If-Match 须是草稿的 ETag。没有草稿时返回 404。",
            responses={200: draft, **WRITE_ERROR_RESPONSES},
        )
        schema["submit_draft"] = extend_schema(
            summary=f"提交{noun}草稿审核",
            description="提交后通知审核人员；须由没有改过这份草稿的另一位审核人员在管理后台审核通过，公开版本才会替换。",
            parameters=[IF_MATCH],
            request=None,
            responses={200: draft, **CONDITIONAL_WRITE_RESPONSES},
        )
        schema["discard_draft"] = extend_schema(
            summary=f"放弃{noun}草稿",
            parameters=[IF_MATCH],
            request=None,
            responses={204: None, **CONDITIONAL_WRITE_RESPONSES},
        )
        for name, summary in [("update", "修改"), ("partial_update", "修改部分字段")]:
            schema[name] = extend_schema(
                summary=f"{summary}{noun}",
                description="未发布的内容就地修改（200）；已发布的内容存为草稿（202），公开版本不变，审核通过后生效。",
                parameters=[IF_MATCH],
                responses={200: serializer_class, 202: draft, **CONDITIONAL_WRITE_RESPONSES},
            )
    if export_serializer_class is not None:
        schema["export"] = extend_schema(
            summary=f"下载{noun}（开放数据）",
            description=(
                "与列表相同的筛选、搜索与排序，不分页，返回全部匹配的行。格式由地址后缀决定："
                "`export.csv`（UTF-8 带 BOM，Excel 可直接打开）、`export.xlsx`、`export.json`；"
                "也可用 `export/?format=csv`。以 = + - @ 开头的文字前加 ' ，防止表格软件把它当作公式执行。"
            ),
            responses={
                (200, "application/json"): export_serializer_class(many=True),
                (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV，第一行为中文列名"),
                (200, XLSXRenderer.media_type): OpenApiResponse(OpenApiTypes.BINARY, description="Excel 工作簿"),
                **ERROR_RESPONSES,
            },
        )
    return schema
