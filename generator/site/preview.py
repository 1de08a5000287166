"""Local preview (``make serve``): build, serve the output on 127.0.0.1, rebuild on every change.

``pelican --autoreload`` rebuilds in the same process: it watches settings, theme and content but not
plugin code, and module state (the loaded pipeline, catalogues) survives between runs. Here every
(re)build is ``python -m generator build`` in a fresh process, so a change to an article, a template,
the settings, or the generator's own code (``generator/``: Python, word lists, catalogues) shows on the
next page load. Builds are atomic: a failing build prints its one-line error and the previous site
stays served.

    python -m generator.site.preview [--settings pelicanconf.py] [--output output] [--bind 127.0.0.1] [--port 8000]
"""
from __future__ import annotations

import argparse
import logging
import os
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import watchfiles
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

import generator

logging.getLogger("pelican.server").setLevel(logging.ERROR)  # "Unable to find …" for every 404

GENERATOR_DIR = Path(generator.__file__).resolve().parent


class _Handler(ComplexHTTPRequestHandler):
    """Pelican's handler (``/x`` → ``/x/index.html``…), never cached by the browser, quiet."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, msg_format, *args):
        pass

    def get_path_that_exists(self, original_path):
        path = super().get_path_that_exists(original_path)
        if path is None:
            self.send_error(404)
        return path


class _Server(socketserver.ThreadingMixIn, RootedHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _settings_files(settings: Path) -> list[Path]:
    """The settings file and its neighbours (publishconf.py imports pelicanconf.py)."""
    return sorted({settings, *settings.parent.glob("*conf.py")})


def watched_paths(settings: Path) -> list[Path]:
    """Folders whose changes trigger a rebuild: content, theme, plugin folders, the generator package."""
    from pelican.settings import read_settings

    values = read_settings(str(settings))
    paths = [Path(values["PATH"]), Path(values["THEME"]), GENERATOR_DIR]
    for plugin_path in values.get("PLUGIN_PATHS") or []:
        plugin_path = Path(plugin_path)
        paths.append(plugin_path if plugin_path.is_absolute() else settings.parent / plugin_path)
    unique: list[Path] = []
    for path in sorted({p.resolve() for p in paths if p.exists()}, key=lambda p: len(p.parts)):
        if not any(other == path or other in path.parents for other in unique):
            unique.append(path)
    return unique


class Preview:
    def __init__(self, settings: Path, output: Path, search: bool = True):
        self.settings = settings.resolve()
        self.output = output.resolve()
        self.search = search
        self.ignored = {self.output, self.output.with_name(self.output.name + ".staging"),
                        self.output.with_name(self.output.name + ".previous")}

    def build(self, reason: str = "") -> bool:
        command = [sys.executable, "-m", "generator", "build", "--settings", str(self.settings),
                   "--output", str(self.output)]
        if not self.search:
            command.append("--no-search")
        start = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True)
        seconds = time.monotonic() - start
        if result.returncode == 0:
            print(f"preview: built{' after ' + reason if reason else ''} in {seconds:.1f} s", flush=True)
            return True
        lines = [line for line in result.stderr.splitlines() if line.strip()] or [f"exit {result.returncode}"]
        print(f"preview: build failed, still serving the previous site: {lines[-1]}", flush=True)
        return False

    def _relevant(self, change, path: str) -> bool:
        target = Path(path)
        if any(target == ignored or ignored in target.parents for ignored in self.ignored):
            return False
        return watchfiles.DefaultFilter()(change, path)

    def _stamps(self) -> dict[Path, float]:
        stamps = {}
        for path in _settings_files(self.settings):
            try:
                stamps[path] = path.stat().st_mtime_ns
            except OSError:
                stamps[path] = -1
        return stamps

    def run(self, on_first_build=None, stop: threading.Event | None = None) -> None:
        """The first build, then a rebuild per batch of changes until ``stop`` is set (or Ctrl-C).

        The watcher is running before the first build starts, so an edit made during it is not lost.
        """
        paths = watched_paths(self.settings)
        print("preview: watching " + ", ".join(_display(p) for p in paths) + " and the settings", flush=True)
        stamps = self._stamps()
        first = True
        for changes in watchfiles.watch(*paths, watch_filter=self._relevant, stop_event=stop,
                                        rust_timeout=500, yield_on_timeout=True, debounce=300,
                                        raise_interrupt=False):
            if first:
                first = False
                self.build()
                if on_first_build:
                    on_first_build()
                continue
            changed = sorted({_display(Path(path)) for _, path in changes})
            new_stamps = self._stamps()
            # Settings files are polled: editors replace them on save, which loses a file watch.
            changed += [_display(path) for path in new_stamps if new_stamps[path] != stamps.get(path)]
            stamps = new_stamps
            if changed:
                self.build(", ".join(changed[:3]) + (" …" if len(changed) > 3 else ""))


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def serve(output: Path, bind: str, port: int) -> _Server:
    output.mkdir(parents=True, exist_ok=True)
    server = _Server(str(output), (bind, port), _Handler)
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.site.preview", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", "-s", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", "-o", type=Path, default=Path("output"))
    parser.add_argument("--bind", "-b", default="127.0.0.1")
    parser.add_argument("--port", "-p", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind index (faster rebuilds)")
    args = parser.parse_args(argv)
    if not args.settings.exists():
        print(f"preview: {args.settings}: settings file not found", file=sys.stderr)
        return 2
    preview = Preview(args.settings, args.output, search=not args.no_search)
    servers = []

    def start_server():
        servers.append(serve(preview.output, args.bind, args.port))
        print(f"preview: serving {_display(preview.output)} on http://{args.bind}:{args.port}/ "
              "(Ctrl-C to stop)", flush=True)

    try:
        # Fail early if the port is taken, before spending time on a build.
        _Server(str(preview.output), (args.bind, args.port), _Handler).server_close()
    except OSError as err:
        print(f"preview: cannot listen on {args.bind}:{args.port}: {err.strerror or err} "
              "(another server running? try PORT=8080 make serve)", file=sys.stderr)
        return 2
    try:
        preview.run(on_first_build=start_server)
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    print("preview: stopped", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
