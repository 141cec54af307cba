"""The sitemap, with the address of the site that serves it.

Wagtail writes each page's address from its Site record (hostname and port). One Site serves
every host name in ALLOWED_HOSTS, so under any host but the record's the sitemap would list
addresses a search engine cannot reach (a development address, say). Pages of the Site that
answered the request are given the request's own scheme and host instead; pages of any other
Site keep that Site's address.
"""

from wagtail.contrib.sitemaps import Sitemap


class ServingSiteSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        if self.request is None:
            return urls
        site_root = self.get_wagtail_site().root_url.rstrip("/")
        serving_root = self.request.build_absolute_uri("/").rstrip("/")
        for url in urls:
            location = url["location"]
            if location == site_root or location.startswith(site_root + "/"):
                url["location"] = serving_root + location[len(site_root) :]
        return urls
