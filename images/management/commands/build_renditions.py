from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from images.models import Image
from images.services import image_renditions_build

BAR_WIDTH = 30


def progress_bar(done: int, total: int) -> str:
    filled = BAR_WIDTH * done // total if total else BAR_WIDTH
    return f"[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {done}/{total}"


class Command(BaseCommand):
    help = "为图片库中的图片生成各尺寸版本（WebP 及 JPEG/PNG 备用格式）；已有的不重复生成，--force 全部重新生成。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="删除已有的尺寸版本并全部重新生成。")

    def handle(self, *args, force=False, verbosity=1, **options):
        images = list(Image.objects.order_by("pk"))
        total = len(images)
        made = 0
        failed = []
        for done, image in enumerate(images, start=1):
            try:
                made += image_renditions_build(image=image, force=force)
            except (OSError, ValueError, ValidationError) as exc:
                # One missing or broken file must not stop the others; it is listed at the end.
                failed.append(f"#{image.pk}“{image}”：{exc}")
            if verbosity >= 1:
                self.stdout.write(f"\r{progress_bar(done, total)}", ending="")
                self.stdout.flush()
        if verbosity >= 1:
            self.stdout.write("" if total else progress_bar(0, 0))
            self.stdout.write(f"共 {total} 张图片，新生成 {made} 个尺寸版本。")
        for line in failed:
            self.stderr.write(self.style.ERROR(f"无法生成：{line}。请在后台重新上传这张图片。"))
