"""Where uploads are stored on the server's disk."""

from django.core.files.storage import FileSystemStorage


class MediaStorage(FileSystemStorage):
    """Django's ``FileSystemStorage``; a write that fails (a full disk, a lost mount) takes its partial file with it
    instead of leaving an empty or truncated one behind."""

    def _save(self, name, content):
        existed = self.exists(name)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and self.exists(name):
                self.delete(name)
            raise
