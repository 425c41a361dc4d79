import logging


class NotThrottled(logging.Filter):
    """Leaves out Django's "Too Many Requests" line for each 429 answer."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 429
