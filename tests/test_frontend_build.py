"""Front-end build and template checks (no Django needed).

- scripts/build_frontend.sh compiles GOV.UK Frontend without the GOV.UK
  "GDS Transport" font or crest, and is idempotent;
- RAG tag and flag colours meet WCAG 2.2 AA contrast;
- templates carry no GOV.UK crown/logotype/Crown copyright markup and nothing
  that a strict Content-Security-Policy would block (style attributes,
  <style> elements, inline scripts without the CSP nonce).
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_frontend.sh"
DIST = ROOT / "static" / "dist"
CSS = DIST / "app.css"
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def built():
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are needed to build the front end (install Node.js 20+)")
    # Run from another directory: the script must cd to the repo root itself.
    result = subprocess.run(
        [str(SCRIPT)], cwd="/", capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return CSS.read_text(encoding="utf-8")


# --- Build ---------------------------------------------------------------


def test_css_is_built_without_gov_uk_font(built):
    assert CSS.is_file()
    assert built.count("GDS Transport") == 0
    assert "@font-face" not in built
    assert "system-ui" in built


def test_css_has_gov_uk_frontend_and_our_styles(built):
    for selector in (".govuk-header", ".govuk-service-navigation", ".app-rag--red",
                     ".app-rag--amber", ".app-rag--green", ".app-rag--blue",
                     ".app-rag--none", ".app-flag"):
        assert selector in built, selector


def test_css_urls_point_at_shipped_files(built):
    """No GOV.UK crest, and every url() resolves to a file we ship."""
    assert "govuk-crest" not in built
    for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", built):
        if url.startswith("data:"):
            continue
        assert url.startswith("/static/dist/"), url
        assert (ROOT / url.lstrip("/")).is_file(), url


def test_javascript_is_copied(built):
    assert (DIST / "govuk-frontend.min.js").is_file()
    assert (DIST / "govuk-frontend.min.js.map").is_file()
    app_js = (DIST / "app.js").read_text(encoding="utf-8")
    assert 'from "./govuk-frontend.min.js"' in app_js
    assert "initAll()" in app_js


def test_no_gov_uk_brand_assets_are_shipped(built):
    names = [p.name for p in DIST.rglob("*") if p.is_file()]
    for name in names:
        assert not name.endswith((".woff", ".woff2", ".ico", ".png")), name
        assert "govuk-crest" not in name and "govuk-icon" not in name, name
        assert name != "manifest.json", name


def test_build_is_idempotent(built):
    before = {p: p.stat().st_mtime_ns for p in DIST.rglob("*") if p.is_file()}
    result = subprocess.run([str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    after = {p: p.stat().st_mtime_ns for p in DIST.rglob("*") if p.is_file()}
    assert after == before


# --- Colour contrast -----------------------------------------------------


def _luminance(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colours(css, class_name):
    """(color, background-color) of the rule whose selector list names the class."""
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if f".{class_name}" in [s.strip() for s in selectors.split(",")]:
            colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", body)
            background = re.search(r"background-color:\s*(#[0-9a-fA-F]{3,6})", body)
            if colour and background:
                return colour.group(1), background.group(1)
    raise AssertionError(f"no colour rule for .{class_name}")


@pytest.mark.parametrize("class_name", [
    "app-rag--red", "app-rag--amber", "app-rag--green", "app-rag--blue", "app-rag--none",
    "app-flag--overdue", "app-flag--due-soon", "app-flag--update-due",
])
def test_tag_text_contrast_meets_wcag_aa(built, class_name):
    colour, background = _colours(built, class_name)
    assert _contrast(colour, background) >= 4.5, (class_name, colour, background)


# --- Templates -----------------------------------------------------------

ALL_TEMPLATES = sorted(TEMPLATES.rglob("*.html"))


def _markup(path):
    """Template text without Django comments (which may mention what they avoid)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", text, flags=re.DOTALL)
    return re.sub(r"{#.*?#}", "", text)


def test_base_template_has_no_gov_uk_branding():
    pages = [TEMPLATES / "base.html", TEMPLATES / "500.html",
             TEMPLATES / "includes" / "header.html", TEMPLATES / "includes" / "footer.html"]
    for page in pages:
        text = _markup(page)
        for banned in ("govuk-header__logotype", "govuk-logo", "govuk-header__link--homepage",
                       "govuk-footer__crown", "govuk-footer__copyright-logo",
                       "govuk-footer__licence-logo", "Crown copyright", "GDS Transport",
                       "favicon.ico", "govuk-icon", "<svg"):
            assert banned not in text, f"{page.name}: {banned}"
    base = _markup(TEMPLATES / "base.html")
    assert 'class="govuk-template"' in base and "govuk-template__body" in base
    assert 'id="main-content"' in base and 'href="#main-content"' in base
    assert re.search(r"\sstyle\s*=", base) is None


@pytest.mark.parametrize("template", ALL_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_is_csp_safe(template):
    text = _markup(template)
    assert re.search(r"\sstyle\s*=", text, re.IGNORECASE) is None, "style attribute"
    assert re.search(r"<style[\s>]", text, re.IGNORECASE) is None, "<style> element"
    assert re.search(r"<[a-z][^>]*\son[a-z]+\s*=", text, re.IGNORECASE) is None, "inline event handler"
    assert "javascript:" not in text.lower()
    for tag in re.findall(r"<script\b[^>]*>", text, re.IGNORECASE):
        if "src=" not in tag:
            assert 'nonce="{{ csp_nonce }}"' in tag, f"inline script without nonce: {tag}"
