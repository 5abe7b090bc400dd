"""The doctor's PDF summary: WeasyPrint, one template, one stylesheet, nothing fetched outside static/."""

import mimetypes
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
TEMPLATES = ROOT / "templates"
STYLESHEET = STATIC / "pdf" / "summary.css"
TEMPLATE = "pdf/summary.html"


class URLRefused(ValueError):
    """A URL the PDF renderer will not fetch: anything but a file inside the static folder."""


class StaticOnlyFetcher(URLFetcher):
    """WeasyPrint's URL fetcher, narrowed to files inside one folder: no network, no other files."""

    def __init__(self, root: Path = STATIC):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url, headers=None):
        """Serve a file inside the root folder, or raise URLRefused."""
        path = self.resolve(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def resolve(self, url: str) -> Path:
        """The real path of a file: URL inside the root folder (symlinks and `..` resolved first)."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise URLRefused(f"refused {url[:80]!r}: only files inside the static folder may be fetched")
        try:
            path = Path(url2pathname(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            raise URLRefused(f"refused {url[:80]!r}: no such file in the static folder") from None
        if not (path.is_relative_to(self.root) and path.is_file()):
            raise URLRefused(f"refused {url[:80]!r}: outside the static folder")
        return path


@dataclass(frozen=True)
class _Renderer:
    """What is costly to build and safe to share: loaded once per process."""

    fetcher: StaticOnlyFetcher
    font_config: FontConfiguration
    stylesheet: CSS
    environment: Environment


# Pango's font map is not documented as thread-safe; the web app renders from several threads.
_LOCK = threading.Lock()


@cache
def _renderer() -> _Renderer:
    fetcher = StaticOnlyFetcher()
    font_config = FontConfiguration()
    stylesheet = CSS(filename=str(STYLESHEET), url_fetcher=fetcher, font_config=font_config)
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    return _Renderer(fetcher, font_config, stylesheet, environment)


@cache
def _stylesheet(path: Path) -> CSS:
    renderer = _renderer()
    if path == STYLESHEET:
        return renderer.stylesheet
    return CSS(filename=str(path), url_fetcher=renderer.fetcher, font_config=renderer.font_config)


def summary_html(summary: dict, template: str = TEMPLATE) -> str:
    """The HTML of one summary (patient text escaped), in the summary's language; no stylesheet yet."""
    from screening.i18n.catalogues import translations_for

    environment = _renderer().environment
    language = summary.get("language", "en")
    # The environment is shared: its words are set for this summary's language, under _LOCK when rendering.
    environment.install_gettext_translations(translations_for(language), newstyle=True)
    return environment.get_template(template).render(s=summary, language=language)


def render_pdf(summaries: list[dict], template: str = TEMPLATE, stylesheet: Path = STYLESHEET) -> bytes:
    """One PDF of the summaries, each starting on a new page and numbered on its own ("Page 1 of 2").

    Another template and stylesheet (both in the app's folders) print another document the same way.
    """
    if not summaries:
        raise ValueError("render_pdf needs at least one summary")
    with _LOCK:
        renderer = _renderer()
        css = _stylesheet(stylesheet)
        # Each summary is its own document so its page counter and running name restart with it.
        documents = [
            HTML(
                string=summary_html(summary, template),
                base_url=STATIC.as_uri() + "/",
                url_fetcher=renderer.fetcher,
            ).render(font_config=renderer.font_config, stylesheets=[css])
            for summary in summaries
        ]
        combined = documents[0].copy([page for document in documents for page in document.pages])
        if len(summaries) > 1:
            combined.metadata.title = f"Screening summaries ({len(summaries)} patients)"
        return combined.write_pdf()
