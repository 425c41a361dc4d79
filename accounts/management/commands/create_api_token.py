import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from knox.models import AuthToken

from publishing import audit
from publishing.models import AuditEntry


class Command(BaseCommand):
    help = "新建一个 API 令牌并显示一次（网站只保存其哈希值）。Makes an API token for a staff member, shown once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=365, help="有效天数（1–730，默认 365）")

    def handle(self, *args, username, days, **options):
        if not 1 <= days <= 730:
            raise CommandError("--days 应在 1 到 730 之间。")
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"没有名为 {username!r} 的在职用户。") from None
        if not user.is_staff:
            raise CommandError(f"{username} 不是工作人员：令牌只发给工作人员。")
        instance, token = AuthToken.objects.create(user=user, expiry=datetime.timedelta(days=days))
        audit.audit_note(
            user=None,
            action=AuditEntry.Action.CREATED,
            model=instance,
            object_id=instance.token_key[:8],
            object_repr=f"{username} 的 API 令牌",
            comment=f"manage.py create_api_token，有效 {days} 天",
        )
        self.stderr.write(f"{username} 的新令牌（只显示这一次，有效期到 {instance.expiry:%Y-%m-%d}）：")
        self.stdout.write(token)
