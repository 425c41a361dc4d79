"""Settings for the Innovation Portal, read from the environment.

Every variable is listed in `.env.example`; unset ones fall back to the embedded
defaults (SQLite in the project folder, an in-process cache).
"""

import datetime
import os
from pathlib import Path

import csp.constants
import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local development).")
    SECRET_KEY = "insecure-development-key-only-used-when-DJANGO_DEBUG-is-true"  # nosec B105  # used only with DJANGO_DEBUG=true, refused otherwise

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_prose_editor",
    "rest_framework",
    "accounts.apps.ApiTokensConfig",  # knox
    "accounts.apps.LoginAttemptsConfig",  # axes
    "django_otp",
    "accounts.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "accounts.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "reversion",
    "django_tasks",
    "portal.apps.TaskQueueConfig",  # django_tasks_db
    "presentation",
    "api",
    "publishing",
    "regions",
    "topics",
    "images",
    "enterprises",
    "projects",
    "news",
    "achievements",
    "transfer",
    "home",
    "demo",
    "search",
    "caching",
    "accounts",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache: a page from the cache gets the header too (and never needs a nonce: see below).
    "csp.middleware.CSPMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag from the body (compressed as sent) and 304 Not Modified, for pages from the cache too.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "home.middleware.LanguageChoiceMiddleware",
    # Below the language choice (pages are cached per language), above compression (stored compressed).
    "caching.middleware.PageCacheMiddleware",
    "caching.middleware.CompressionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "publishing.middleware.StripNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a lockout into its 429 answer (accounts/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "home.context_processors.site",
                "publishing.context_processors.review_queue",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default, one file on one machine: pages read while an import saves its rows (write-ahead log),
    # and a save waits up to 20 s for another to finish (then the page says the site is busy: portal/errors.py).
    # Transactions take the write lock as they begin, so two of them never deadlock halfway.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How many application servers share this database (behind a load balancer): with more than one, `check --deploy`
# requires what they must share, Redis and object storage.
APP_SERVERS = int(os.environ.get("DJANGO_APP_SERVERS", "1"))
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "caching.backends.RedisCache",  # Django's, one client per pool, outlives an outage
            "LOCATION": REDIS_URL,
            # A Redis that is down or hangs costs a request at most this long, then is left alone for a while.
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# What the web server's processes and the task worker must see alike, and nothing pages depend on: the progress of
# an import the worker runs. Redis when there is one; otherwise files in a folder on this machine, which every
# process of a one-machine portal shares (the in-process cache above is each process's own).
CACHES["shared"] = (
    {**CACHES["default"], "KEY_PREFIX": "portal-shared"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("DJANGO_SHARED_CACHE_DIR") or BASE_DIR / "var" / "shared-cache",
    }
)

# Background work (imports from the admin) is queued in the database and run by `manage.py db_worker`, which
# `make run` starts beside the web server; no other server is needed (django-tasks with django-tasks-db).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Anonymous visitors' public pages are served from the cache for up to this many seconds (0: no page cache);
# any change to content ends that at once, and so does the next scheduled publication or expiry (caching/).
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
# What pages derive from all published content alike (the data page's counts over every figure) is kept in the
# cache as long, for every visitor and staff member, and ends with the same changes (0: computed every time).
DATA_CACHE_SECONDS = int(os.environ.get("DJANGO_DATA_CACHE_SECONDS", "600"))
# How long browsers and shared caches may keep a public page (Cache-Control max-age), and as long again stale
# while they fetch a fresh one; never past the next scheduled publication or expiry.
PUBLIC_MAX_AGE = int(os.environ.get("DJANGO_PUBLIC_MAX_AGE", "60"))

# E-mail about the review work (publishing/notifications.py). Without DJANGO_EMAIL_HOST it is printed on the
# console; with it, it goes out through that SMTP server.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds to wait for the mail server before giving up (the workflow action is saved either way).
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "科创门户 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's own address, for links in e-mail (the admin page of the item).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

# Staff sign-in (accounts/). django-axes first: past the limit a password is refused before it is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = "accounts.lockout.lockout_parameters"  # per account and per address
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"  # the address the API's throttles use
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
# The second factor (accounts/twofactor.py): "superusers" (site administrators must), "staff" (everyone must), or
# "off" (a developer's machine only).
TWO_FACTOR = os.environ.get("DJANGO_TWO_FACTOR", "superusers").strip().lower()
if TWO_FACTOR not in {"off", "superusers", "staff"}:
    raise ImproperlyConfigured("DJANGO_TWO_FACTOR is one of off, superusers, staff.")
OTP_TOTP_ISSUER = "科创门户"
# A staff session ends after this long without a request, and after SESSION_COOKIE_AGE in any case.
STAFF_IDLE_SECONDS = int(os.environ.get("DJANGO_STAFF_IDLE_MINUTES", "30")) * 60
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_HOURS", "12")) * 60 * 60
# API tokens (django-rest-knox): stored as SHA-512 hashes, shown once when made, ending after a year by default.
REST_KNOX = {"TOKEN_TTL": datetime.timedelta(days=365), "AUTO_REFRESH": False}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The interface is Chinese until a visitor picks English with the switcher (/i18n/setlang/), which sets this cookie.
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Large-text mode (适老化模式) is kept in this cookie; static/js/site.js uses the same name.
LARGE_TEXT_COOKIE_NAME = "large_text"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served at the site's root by whitenoise: /favicon.ico, the touch icons and the web app manifest.
WHITENOISE_ROOT = BASE_DIR / "static" / "webroot"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
STORAGES = {
    # Django's file storage, except that a write that fails half-way (a full disk) leaves no partial file.
    "default": {"BACKEND": "images.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# Uploads on S3-compatible object storage, shared by every application server, when a bucket is named; the public
# pages then link the images at the bucket's address, or at DJANGO_S3_PUBLIC_DOMAIN (a CDN or the bucket's own
# domain). Stored under random names, so each object is sent with a year's Cache-Control.
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
if S3_BUCKET:
    import botocore.config  # only here: boto costs every process memory and start-up time

    STORAGES["default"] = {
        "BACKEND": "images.object_storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("DJANGO_S3_SECRET_KEY") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "addressing_style": os.environ.get("DJANGO_S3_ADDRESSING_STYLE") or None,  # "path" for MinIO
            "custom_domain": os.environ.get("DJANGO_S3_PUBLIC_DOMAIN") or None,
            "url_protocol": os.environ.get("DJANGO_S3_PUBLIC_PROTOCOL", "https:"),
            "default_acl": os.environ.get("DJANGO_S3_ACL") or None,  # e.g. public-read, where no bucket policy does it
            "querystring_auth": False,  # public pictures: plain addresses, which caches can keep
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            # A store that is down or slow costs an upload a few seconds, then a clear error; pages never call it.
            "client_config": botocore.config.Config(
                connect_timeout=float(os.environ.get("DJANGO_S3_CONNECT_TIMEOUT", "3")),
                read_timeout=float(os.environ.get("DJANGO_S3_TIMEOUT", "20")),
                retries={"max_attempts": 2, "mode": "standard"},
            ),
        },
    }
# Django only serves uploads itself for a single-machine setup; a real web server does it otherwise.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
# Uploads larger than this, or with more pixels (decompression bombs), are refused by images/processing.py.
IMAGE_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
IMAGE_MAX_PIXELS = 60_000_000
# The stored copy of an upload is scaled to at most this long side (images/processing.py).
IMAGE_MAX_SIDE = 4096

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_HTTPS_PROXY") else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
# Behind HTTPS: plain-HTTP requests redirected, and browsers told to use HTTPS only (HSTS, sent on HTTPS answers).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# The browser features no page of the portal uses, switched off for every page (portal.security).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"

# The rich-text editor's one extension of our own (publishing/richtext.py): a key figure in the text, stored as
# <data value="figure:123">4.2万亩</data>; the editor loads the module, the allowlist keeps that element.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "extensions": {"KeyFigure": html_tags(["data"], {"data": ["value"]})},
        "js": [static_lazy("js/richtext-figure.js")],
    }
]

# Content-Security-Policy (django-csp) on every response: scripts, styles, images and fonts from the portal itself
# only, no inline code. A page that needs an inline <style> (the error pages, a few admin pages) marks it with
# request.csp_nonce; public pages never do, so a page served from the cache needs no nonce of its own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.constants.SELF],
        "script-src": [csp.constants.SELF, csp.constants.NONCE],
        "style-src": [csp.constants.SELF, csp.constants.NONCE],
        # data: for the small icons stylesheets carry inline (the admin's, the API documentation's).
        "img-src": [csp.constants.SELF, "data:"],
        "font-src": [csp.constants.SELF, "data:"],
        "connect-src": [csp.constants.SELF],
        "object-src": [csp.constants.NONE],
        "base-uri": [csp.constants.SELF],
        "form-action": [csp.constants.SELF],
        "frame-ancestors": [csp.constants.NONE],
    },
}

# The JSON API (/api/v1/); its conventions are written up in docs/api.md, which is also the OpenAPI description.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.rest.AdminRightsOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "api.rest.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "api.rest.DjangoFilterBackend",
        "api.rest.SearchFilter",
        "api.rest.OrderingFilter",
    ],
    # JSON only; DRF's browsable pages (forms that post with the session) only on a developer's machine. The
    # documentation for everyone is /api/docs/.
    # JSON bodies (a NUL character refused with a 400), and forms for the session's browsable pages.
    "DEFAULT_PARSER_CLASSES": [
        "api.rest.JSONParser",
        "api.rest.FormParser",
        "api.rest.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.rest.AnonRateThrottle", "api.rest.UserRateThrottle"],
    # Clients are told apart by REMOTE_ADDR; a forged X-Forwarded-For must not reset their quota.
    "NUM_PROXIES": int(os.environ.get("DJANGO_NUM_PROXIES", "0")),
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "1200/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "api.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.rest.exception_handler",
    # Decimals (figure values, investments) are JSON strings, e.g. "42000", so no precision is lost.
    "COERCE_DECIMAL_TO_STRING": True,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "科创门户 API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (BASE_DIR / "docs" / "api.md").read_text(encoding="utf-8"),
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ArticleKindEnum": "news.models.Article.Kind",
        "ProjectKindEnum": "projects.models.Project.Kind",
        "ProjectStageEnum": "projects.models.Project.Stage",
        "RegionKindEnum": "regions.models.Region.Kind",
        "InstitutionKindEnum": "enterprises.models.Institution.Kind",
        "AchievementCategoryEnum": "achievements.models.Achievement.Category",
        "FigureKindEnum": "achievements.models.KeyFigure.Kind",
        "PublishStatusEnum": "publishing.models.PublishStatus",
        "DatePrecisionEnum": "presentation.dates.DatePrecision",
    },
}

# Other sites may read the API from the browser: any origin, read-only methods, no cookies.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Disposition"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (429: a throttle, a lockout) is counted where it is refused, not logged once each: a flood
    # of them must not flood the log. A lockout itself is logged once (accounts/lockout.py).
    "filters": {"not_throttled": {"()": "portal.logs.NotThrottled"}},
    # DJANGO_LOG_FORMAT=json: one JSON object a line, for a log collector (journald, Loki, Elasticsearch).
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["not_throttled"],
            "formatter": "json" if os.environ.get("DJANGO_LOG_FORMAT", "text").lower() == "json" else "text",
        }
    },
    "loggers": {"axes": {"level": "ERROR"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Error reporting to Sentry (or a compatible service: GlitchTip, a self-hosted Sentry), off unless SENTRY_DSN is
# set. Errors and their requests are sent without personal data (no cookies, no user's address or name).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
