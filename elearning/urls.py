from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from elearning.core import admin_reports
from elearning.core import views as core_views
from elearning.core.sitemap import ServingSiteSitemap
from elearning.library import views as library_views

# The Django admin has no login form of its own: it sends people to allauth, so MFA and
# rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("django-admin/", admin.site.urls),
    # Wagtail's own login form is replaced by allauth's (MFA, rate limits, one place).
    path(
        "admin/login/",
        core_views.login_redirect,
        {"default_next": "/admin/"},
        name="wagtailadmin_login_redirect",
    ),
    # Wagtail's own reports at their own addresses, with formula-safe exports.
    *admin_reports.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("reports/", include("elearning.reports.urls")),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("elearning.accounts.urls")),
    path("dashboard/", core_views.dashboard, name="dashboard"),
    path("learning/", include("courses.urls")),
    path("library/", include("elearning.library.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("supervision/", include("supervision.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("search/", library_views.search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": ServingSiteSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's login form for private pages is a plain Django one; allauth's replaces it.
    path("_util/login/", core_views.login_redirect, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
]

handler404 = "elearning.core.views.page_not_found"
handler500 = "elearning.core.views.server_error"
