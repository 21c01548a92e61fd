"""Pages that are the same for everyone who is not signed in, served whole from Django's cache.

A view opts in with `@shared_page`. Its response is kept only when nothing in it can belong to one
visitor: a GET from someone with no cookie but the CSRF one (and the page's own `personal_cookie`),
status 200, no cookie set, no CSRF token or CSP nonce used, no private Cache-Control, nothing in
Vary beyond Cookie, HX-Request and Accept-Encoding, and only the query parameters the view names.
Anything else is rendered as usual and never kept, so a signed-in page is never stored or served
to anyone else.

What is kept: the headers and the body three ways (plain, gzip, Brotli), its ETag and the edition's
date as Last-Modified, under a key made of the live edition, host, scheme, htmx or not, path and
sorted query. `load_content` starts a new edition, so old pages are never found again.

The middleware sits just below the static files, above sessions and authentication: a cached page
costs about what a static file costs. A page with a `personalise` function (a script step keeps
this browser's progress in a cookie) gets that function run on every response, cached or not.
"""

import gzip
import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypedDict
from urllib.parse import urlencode

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from . import edition

try:
    import brotli  # type: ignore[import-untyped]  # ships no type hints (no stubs, no py.typed)
except ImportError:  # a slimmer install still works: gzip and plain only
    brotli = None

MAX_QUERY = 256  # longer query strings are never looked up or kept
HARMLESS_VARY = {"cookie", "hx-request", "accept-encoding"}
# The health probes (companion/health.py) must answer with the database down: never kept, never read for them.
PROBE_PATHS = frozenset({"/healthz", "/readyz"})
DROPPED_HEADERS = {"content-length", "content-encoding", "set-cookie", "etag", "last-modified", "cache-control"}


@dataclass(frozen=True)
class Sharing:
    """What a view says about its page: the query parameters that change it, and this visitor's own part."""

    query: tuple = ()
    personal_cookie: str = ""  # a cookie only `personalise` reads: it does not stop the page being shared
    personalise: Callable | None = None  # personalise(request, response, **view_kwargs), on every response


def shared_page(view=None, *, query=(), personal_cookie="", personalise=None):
    """Mark a view's page as the same for every signed-out reader, so the page cache may keep it."""
    sharing = Sharing(tuple(query), personal_cookie, personalise)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if canonical := canonical_path(request):  # `/ideas/all/01/` is `/ideas/all/1/`: one page, one key
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
            response = view(request, *args, **kwargs)
            response.sharing = (sharing, kwargs)
            return response

        return wrapper

    return decorate(view) if view else decorate


def canonical_path(request):
    """The page's one true path when this request spelled it another way (a number as `01`), else None.

    Reversing the resolved view and its arguments gives each number in its plain form; a path that resolves
    back to the same view and arguments is the canonical one."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name:
        return None
    try:
        canonical = reverse(
            match.view_name, args=match.args, kwargs=match.kwargs, urlconf=getattr(request, "urlconf", None)
        )
        again = resolve(canonical, urlconf=getattr(request, "urlconf", None))
    except (NoReverseMatch, Resolver404):
        return None
    if canonical == request.path or (again.view_name, again.args, again.kwargs) != (
        match.view_name,
        match.args,
        match.kwargs,
    ):
        return None
    return canonical


@dataclass
class CachedPage:
    headers: list
    bodies: dict  # encoding -> bytes: "identity", "gzip" and, with Brotli installed, "br"
    etag: str
    last_modified: int
    sharing: Sharing
    view_kwargs: dict

    @classmethod
    def of(cls, response, sharing, view_kwargs, published_at):
        body = response.content
        bodies = {"identity": body, "gzip": gzip.compress(body, 9, mtime=0)}
        if brotli is not None:
            bodies["br"] = brotli.compress(body, mode=brotli.MODE_TEXT, quality=11)
        headers = [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS]
        if sharing.personalise:  # a per-visitor cookie rides on it: no shared cache may keep it
            headers.append(("Cache-Control", "private, no-cache"))
        else:
            headers.append(("Cache-Control", f"public, max-age={settings.SHARED_PAGE_MAX_AGE}"))
        etag = f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
        return cls(headers, bodies, etag, int(published_at.timestamp()), sharing, view_kwargs)

    def serves(self, request):
        return cookies_allow_sharing(request, self.sharing)

    def response_for(self, request):
        encoding = preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""), self.bodies)
        body = self.bodies[encoding]
        response = HttpResponse(body)
        response.headers["Content-Length"] = str(len(body))
        for name, value in self.headers:
            response.headers[name] = value
        if encoding != "identity":
            response.headers["Content-Encoding"] = encoding
        patch_vary_headers(response, ["Accept-Encoding"])
        response.headers["ETag"] = self.etag
        response.headers["Last-Modified"] = http_date(self.last_modified)
        conditional = get_conditional_response(request, self.etag, self.last_modified, response)
        assert conditional is not None  # given a response, it answers one (this one, or a 304 or 412)
        return personalised(request, conditional, self.sharing, self.view_kwargs)


def personalised(request, response, sharing, view_kwargs):
    if sharing.personalise and response.status_code in (200, 304):
        sharing.personalise(request, response, **view_kwargs)
    return response


def cookies_allow_sharing(request, sharing):
    return not set(request.COOKIES) - {settings.CSRF_COOKIE_NAME, sharing.personal_cookie}


def preferred_encoding(accept_encoding, bodies):
    """br, then gzip, then plain, as the Accept-Encoding header allows (q=0 refuses; nonsense is ignored)."""
    weights = {}
    for part in accept_encoding[:1000].lower().split(","):
        name, *params = [piece.strip() for piece in part.split(";")]
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name and not math.isnan(weight):  # NaN counts as refused
            weights[name] = weight
    for encoding in ("br", "gzip"):
        if encoding in bodies and weights.get(encoding, weights.get("*", 0.0)) > 0:
            return encoding
    return "identity"


def cache():
    return caches[settings.SHARED_PAGE_CACHE]


class _Parts(TypedDict):
    edition: int | None  # the edition number the values were built for
    values: dict[str, Any]  # name -> the part


_parts: _Parts = {"edition": None, "values": {}}


def shared_part(name, build):
    """A part of a page built from the published content alone (never from a person), kept in this process
    for the live edition, so a signed-in page renders only its reader's own parts. Kept as objects, not in the
    cache: unpickling them on every request would cost more than building them. `name` comes from a bounded set."""
    published = edition.current()
    if published is None:
        return build()
    if _parts["edition"] != published[0]:
        _parts.update({"edition": published[0], "values": {}})
    values = _parts["values"]
    if name not in values:
        values[name] = build()
    return values[name]


def forget_parts():
    _parts.update({"edition": None, "values": {}})


def cache_key(request, published):
    """None when this request is never served from the cache: not a GET or HEAD, an odd host or a long query."""
    if (
        published is None
        or request.method not in ("GET", "HEAD")
        or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY
    ):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # signed in: never served a kept page, so never looked up
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    _, port = split_domain_port(host)
    if host != host.lower() or host.removesuffix(f":{port}").endswith(".") or port not in ("", str(request.get_port())):
        return None  # a host spelled another way (case, a trailing dot, any port): served fresh, never kept
    query = urlencode(sorted(request.GET.items())) if request.META.get("QUERY_STRING") else ""
    htmx = request.headers.get("HX-Request") == "true"
    raw = f"{published[0]}|{request.scheme}|{host}|{htmx}|{request.path}|{query}"
    return "shared-page:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def may_keep(request, response, sharing):
    """True only when nothing in this response can belong to the one visitor who asked for it."""
    user = getattr(request, "user", None)
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not (user is not None and user.is_authenticated)
        and cookies_allow_sharing(request, sharing)
        and all(name in sharing.query and len(values) == 1 for name, values in request.GET.lists())
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token was put in the page
        and not getattr(request, "_csp_nonce", None)  # a nonce was used (LazyNonce is false until it is)
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not response.has_header("Content-Encoding")
        and vary <= HARMLESS_VARY
    )


class SharedPageCacheMiddleware:
    """Serve a kept shared page before sessions and authentication run; keep a new one on its way out."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        if request.path_info in PROBE_PATHS:
            return self.get_response(request)
        published = edition.current()
        key = cache_key(request, published)
        kept = cache().get(key) if key else None
        if kept is not None and kept.serves(request):
            return kept.response_for(request)
        return self.finish(request, self.get_response(request), key, published)

    async def __acall__(self, request):
        if request.path_info in PROBE_PATHS:
            return await self.get_response(request)
        published = await sync_to_async(edition.current)() if edition.needs_reading() else edition.current()
        key = cache_key(request, published)
        store = cache()
        local = isinstance(store, LocMemCache)  # in this process's memory: reading it never waits on a network
        kept = (store.get(key) if local else await store.aget(key)) if key else None
        if kept is not None and kept.serves(request):
            return kept.response_for(request)
        response = await self.get_response(request)
        if getattr(response, "sharing", None) is None:
            return response
        if local:
            return self.finish(request, response, key, published)
        return await sync_to_async(self.finish)(request, response, key, published)

    def finish(self, request, response, key, published):
        marked = getattr(response, "sharing", None)
        if marked is None:
            return response
        sharing, view_kwargs = marked
        if key is None or not may_keep(request, response, sharing):
            response.headers.setdefault("Cache-Control", "private, no-cache")  # e.g. shows this browser's progress
            return personalised(request, response, sharing, view_kwargs)
        kept = CachedPage.of(response, sharing, view_kwargs, published[1])
        cache().set(key, kept, settings.SHARED_PAGE_CACHE_SECONDS)
        return kept.response_for(request)
