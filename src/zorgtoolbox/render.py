"""The handbook: the knowledge base rendered to Markdown and one offline HTML file (Jinja).

`render_handbook(kb, ...)` returns the files as text, deterministic for the same data and
templates (no timestamps). The HTML is autoescaped; its inline CSS and script are pinned
by hashes in a Content-Security-Policy, so nothing else can run and nothing is fetched.
Markdown output escapes every data text, so no data can inject markup or links there
either. Links are only ever http, https, mailto or tel (validate checks; rendering checks
again).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import collector
from .chapters import DUTCH, EMPTY, Parts
from .chapters import context as _context
from .diagrams import Diagram, render_mermaid, render_svg
from .editions import WHOLE, Scope
from .errors import NotAFolder, TemplateError, UnknownName
from .kb import KnowledgeBase
from .labels import (
    region_name,
    written_date,
)
from .mdtext import md_cell, md_escape, md_url, paragraphs, safe_url
from .messages import Message, msg
from .pageindex import page_index, script_json
from .paths import bundled_templates_dir
from .printing import page_css

#: Output format → (template, file name).
OUTPUTS = {
    "md": ("handboek.md.j2", "handboek.md"),
    "html": ("handboek.html.j2", "handboek.html"),
}
FORMATS = (*OUTPUTS, "all")


#: The handbook is Dutch, whatever language the command line speaks.
def formats_for(value: str) -> tuple[str, ...]:
    """The outputs a format names: one of OUTPUTS, or "all"."""
    if value not in FORMATS:
        raise UnknownName("format", value, FORMATS)
    return tuple(OUTPUTS) if value == "all" else (value,)


def render_handbook(
    kb: KnowledgeBase,
    *,
    formats: Iterable[str] = ("md", "html"),
    public: bool = False,
    templates: Path | None = None,
    scope: Scope = WHOLE,
) -> dict[str, str]:
    """File name → content of each requested output: of the whole handbook, or of the
    edition `scope` names (`handboek-<agency>-<domain>.md` and so on); raises
    `EmptyEdition` when that edition would describe no measure."""
    import jinja2

    if not scope.whole:
        scope.check(kb)
    env = _environment(templates)
    try:
        with collector.paused():
            context = _context(kb, public, scope)
            return _render(kb, env, context, formats, scope.file_stem())
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise TemplateError(where, exc.message or "") from exc
    except jinja2.TemplateError as exc:
        import traceback

        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        raise TemplateError(where, exc.message or str(exc)) from exc


def _render(
    kb: KnowledgeBase, env: Any, context: dict[str, Any], formats: Iterable[str], stem: str
) -> dict[str, str]:
    out: dict[str, str] = {}
    parts = context["diagram_parts"]  # laid out once, drawn per format
    for fmt in formats:
        template_name, file_name = OUTPUTS[fmt]
        file_name = stem + file_name.removeprefix("handboek")
        extra: dict[str, Any] = {}
        if fmt == "html":
            # the page rules of the print edition are part of the one hashed stylesheet;
            # no white space around either text: some checkers (the Nu HTML checker) hash
            # the trimmed text, browsers the exact text, and then both agree
            page_rules = page_css(context["toolbox"].title, context["chapters"])
            css = normalise(_source(env, "handboek.css") + "\n" + page_rules).strip()
            script = normalise(_source(env, "handboek.js")).strip()
            extra = {
                "css": css,
                "script": script,
                "diagrams_svg": _drawn(parts, render_svg),
                "search_index": script_json(page_index(kb, context["card_ids"])),
            }
            extra["csp"] = _csp(css, script, extra["search_index"])
        else:
            extra = {"diagrams_mermaid": _drawn(parts, lambda part, _: render_mermaid(part))}
        text = env.get_template(template_name).render(**context, **extra)
        out[file_name] = _tidy(text)
    return out


def _drawn(
    parts: Parts, draw: Callable[[Diagram, frozenset[str]], str]
) -> dict[str, list[dict[str, Any]]]:
    """The parts drawn in one format (each told which agencies' parts of its domain are
    on the page): the agency, its name, the drawing and whether its arrows are a
    reconstruction."""
    drawn = {}
    for d, ps in parts.items():
        shown = frozenset(agency for agency, _, _ in ps)
        drawn[d] = [
            {
                "agency": agency,
                "heading": heading,
                "drawing": draw(part, shown),
                "reconstructed": part.reconstructed,
            }
            for agency, heading, part in ps
        ]
    return drawn


def default_out_dir(data_dir: Path) -> Path:
    """toolbox/ next to the data folder; ./toolbox for the copy bundled in a package."""
    if "_bundled" in data_dir.parts:
        return Path("toolbox")
    return data_dir.parent / "toolbox"


def write_handbook(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write the files into `out_dir` together: all of them or none (see `fsutil`)."""
    from .fsutil import write_files

    if out_dir.exists() and not out_dir.is_dir():
        raise NotAFolder(out_dir)
    return write_files({out_dir / name: text for name, text in files.items()})


def stale_files(files: dict[str, str], out_dir: Path) -> list[Path]:
    """The files in `out_dir` that differ from (or lack) the freshly rendered ones.

    A build that was interrupted between its renames is completed first. A file that is
    not a regular file (a FIFO, a symlink out of `out_dir`, a device) counts as stale and
    is not read; no file is read beyond the length it could have. Line endings do not
    count: a checkout with CRLF (Git for Windows without .gitattributes) is up to date.
    """
    from .fsutil import RefusedFile, read_regular_file, recover_outputs

    with contextlib.suppress(OSError):  # a folder this user cannot write: compare as is
        recover_outputs(out_dir)
    stale = []
    for name, text in files.items():
        path = out_dir / name
        expected = text.encode("utf-8")
        limit = len(expected) + expected.count(b"\n")  # room for a CR before every LF
        try:
            current = read_regular_file(path, limit, inside=out_dir)
        except (OSError, RefusedFile):
            stale.append(path)
            continue
        if current.replace(b"\r\n", b"\n") != expected:
            stale.append(path)
    return stale


# --- Jinja ---------------------------------------------------------------------------


def _environment(templates: Path | None) -> Any:
    import jinja2

    if templates is not None and not templates.is_dir():
        raise NotAFolder(templates)
    search = [templates] if templates is not None else []
    search.append(bundled_templates_dir())
    env = jinja2.Environment(
        loader=_template_loader(search),
        # `select_autoescape(["html"])` would miss "x.html.j2": decide on the name itself
        autoescape=lambda name: bool(name) and name.removesuffix(".j2").endswith((".html", ".svg")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["regio"] = lambda region: region_name(region, DUTCH)
    env.filters["datum"] = lambda iso: written_date(iso, DUTCH)
    env.filters["md_cell"] = md_cell
    env.filters["safe_url"] = safe_url
    env.filters["md_url"] = md_url
    env.filters["or_empty"] = lambda value: value or EMPTY
    env.filters["paragraphs"] = paragraphs
    return env


#: Largest template file read.
MAX_TEMPLATE_BYTES = 1024 * 1024


def _template_loader(folders: list[Path]) -> Any:
    """Jinja's loader for `folders`, in order, reading each template as safely as data:
    a regular file inside its folder, at most MAX_TEMPLATE_BYTES (a FIFO or a symlink to
    /dev/zero named like a template is refused, not read for ever)."""
    import jinja2

    from .fsutil import RefusedFile, read_regular_file

    class SafeLoader(jinja2.BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            parts = jinja2.loaders.split_template_path(template)
            for folder in folders:
                path = folder.joinpath(*parts)
                if not os.path.lexists(path):
                    continue
                try:
                    text = read_regular_file(path, MAX_TEMPLATE_BYTES, inside=folder).decode()
                except (OSError, RefusedFile, UnicodeDecodeError) as exc:
                    raise TemplateError(str(path), _refusal(exc)) from None
                return text, str(path), lambda: True
            raise jinja2.TemplateNotFound(template)

    return SafeLoader()


def _refusal(exc: Exception) -> Message:
    """Why a template file is not read."""
    from .fsutil import FileTooLarge, NotRegularFile, OutsideFolder

    if isinstance(exc, NotRegularFile):
        return msg("this is {kind}, not a regular file; it is not read", kind=Message(exc.kind))
    if isinstance(exc, OutsideFolder):
        return msg("a symbolic link out of the templates folder; it is not read")
    if isinstance(exc, FileTooLarge):
        return msg("larger than {limit:,} bytes; it is not read", limit=MAX_TEMPLATE_BYTES)
    if isinstance(exc, UnicodeDecodeError):
        return msg("not UTF-8; save the template as UTF-8")
    reason = getattr(exc, "strerror", None) or str(exc)
    return msg("cannot read it: {reason}", reason=Message(reason))


def _source(env: Any, name: str) -> str:
    source, _, _ = env.loader.get_source(env, name)
    return source


def _csp(css: str, script: str, data: str) -> str:
    """The page's policy: its one style and script by hash, and nothing from elsewhere.
    The search index (`data`) is a JSON block no browser runs; its hash is listed too, so
    that a checker that treats every inline `<script>` alike finds none unaccounted for."""

    def digest(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    return (
        "default-src 'none'; "
        f"style-src '{digest(css)}'; "
        f"script-src '{digest(script)}' '{digest(data)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def normalise(text: str) -> str:
    """No spaces or tabs before a line break, and no three line breaks in a row (two at
    most): `re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text))`, which a
    property test holds this to. Done with scans and replacements at C speed instead
    (on a 49 MB page the two substitutions took 1.6 s, this a few hundredths)."""
    if " \n" in text or "\t\n" in text:
        lines = text.split("\n")
        last = lines.pop()  # no line break after it: its trailing spaces stay
        text = "\n".join([*(line.rstrip(" \t") for line in lines), last])
    while "\n\n\n" in text:  # each pass shortens every run of three or more, to two
        text = text.replace("\n\n\n", "\n\n")
    return text


def _tidy(text: str) -> str:
    """A rendered file, normalised, with one newline at the end.

    The inline CSS and script are normalised the same way before their CSP hashes are
    taken, so tidying the page never changes what the hashes cover.
    """
    text = normalise(text)
    if text.endswith("\n") and not text.startswith("\n") and not text.endswith("\n\n"):
        return text  # as it is: no copy of a page of tens of megabytes
    return text.strip("\n") + "\n"
