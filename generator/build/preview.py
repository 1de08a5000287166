"""Local preview (``make serve``): build, serve the output on 127.0.0.1, rebuild on every change.

``pelican --autoreload`` rebuilds in the same process: it watches settings, theme and content but not
plugin code, and module state (the loaded pipeline, catalogues) survives between runs. Here builds run
in a *build worker*: a child process (``--build-worker``) that stays alive between builds and keeps
the spaCy pipeline loaded, so an edited article shows in about a second instead of paying for
importing spaCy and loading the model on every save. A change to the generator's own code
(``generator/``: Python, word lists, catalogues), to plugin folders or to the settings files
replaces the worker with a fresh process, so the new code and settings run on the next build. Builds
are atomic: a failing build prints its one-line error and the previous site stays served.

    python -m pelican.plugins.explainer.build.preview [--settings pelicanconf.py] [--output output] [--bind 127.0.0.1] [--port 8000]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
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

from pelican.plugins import explainer as package
from pelican.plugins.explainer.site import refusals

logging.getLogger("pelican.server").setLevel(logging.ERROR)  # "Unable to find …" for every 404

GENERATOR_DIR = Path(package.__file__).resolve().parent


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
    request_queue_size = 128  # listen backlog: a page with many assets (or 200 tabs) is not refused at 5


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


class BuildWorker:
    """The parent's handle on one build worker process (see the module docstring)."""

    def __init__(self):
        self.process: subprocess.Popen | None = None

    def build(self, arguments: list[str]) -> tuple[int, str] | None:
        """(exit code, stderr text) of ``explainer build ARGUMENTS`` in the worker; None when the
        worker could not do it (it died): the caller builds in a fresh process instead."""
        try:
            if self.process is None or self.process.poll() is not None:
                self.process = subprocess.Popen([sys.executable, "-m", "pelican.plugins.explainer.build.preview", "--build-worker"],
                                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            self.process.stdin.write(json.dumps(arguments) + "\n")
            self.process.stdin.flush()
            reply = self.process.stdout.readline()
            result = json.loads(reply)
            return int(result["code"]), str(result["stderr"])
        except (OSError, ValueError, KeyError, TypeError):
            self.stop()
            return None

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        try:
            process.stdin.close()  # the worker's loop ends at end of input
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()


def worker_loop(requests=sys.stdin, replies=sys.stdout) -> None:
    """The worker's side: one JSON list of ``explainer build`` arguments per line in, one JSON object
    ``{"code": …, "stderr": …}`` per line out. The pipeline stays loaded between builds; everything
    else (settings, templates, the render fingerprint) is read afresh by each build."""
    from .. import cli
    from ..site import plugin

    plugin.KEEP_PIPELINE = True  # code and data changes replace this process (Preview.run)
    for line in requests:
        captured = io.StringIO()
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(captured):
                code = cli.main(["build", *json.loads(line)])
        except BaseException as err:  # noqa: BLE001 - a crash must still answer, and the parent goes on
            code = 1
            captured.write(f"explainer: {type(err).__name__}: {err}\n")
        replies.write(json.dumps({"code": code, "stderr": captured.getvalue()}) + "\n")
        replies.flush()
        _warm_up(json.loads(line))


def _warm_up(arguments: list[str]) -> None:
    """Load the configured pipeline while the worker waits for the next save (a build that found
    everything cached did not need it), so the first edit of a session is as quick as the next."""
    try:
        from pelican.settings import read_settings

        from ..site.explainer_generator import setting

        values = read_settings(arguments[arguments.index("--settings") + 1])
        model = os.environ.get("EXPLAINER_SPACY_MODEL") or setting(values, "EXPLAINER_SPACY_MODEL")
        from ..extraction.nlp import load_pipeline

        load_pipeline(model, values.get("DEFAULT_LANG") or "nl")
    except Exception:  # noqa: BLE001 - a missing model is reported by the build that needs it
        pass


class Preview:
    def __init__(self, settings: Path, output: Path, search: bool = True):
        self.settings = settings.resolve()
        self.output = output.resolve()
        self.search = search
        self.ignored = {self.output, self.output.with_name(self.output.name + ".staging"),
                        self.output.with_name(self.output.name + ".previous")}
        self.worker = BuildWorker()
        from pelican.settings import read_settings

        values = read_settings(str(self.settings))
        self.content, self.theme = Path(values["PATH"]).resolve(), Path(values["THEME"]).resolve()
        self.settings_files = set(_settings_files(self.settings))
        self.watched = watched_paths(self.settings)

    def build(self, reason: str = "", fresh: bool = False) -> bool:
        """One build in the worker (a new one when ``fresh``: code or settings changed)."""
        arguments = ["--settings", str(self.settings), "--output", str(self.output)]
        if not self.search:
            arguments.append("--no-search")
        if fresh:
            self.worker.stop()
        start = time.monotonic()
        result = self.worker.build(arguments)
        if result is None:  # the worker died: this build in a process of its own
            done = subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "build", *arguments],
                                  capture_output=True, text=True)
            result = done.returncode, done.stderr
        code, stderr = result
        seconds = time.monotonic() - start
        if code == 0:
            print(f"preview: built{' after ' + reason if reason else ''} in {seconds:.1f} s", flush=True)
            return True
        lines = [line for line in stderr.splitlines() if line.strip()] or [f"exit {code}"]
        if refusals.is_summary(lines[-1]):  # built without the refused articles
            print(f"preview: built in {seconds:.1f} s; {lines[-1].removeprefix('explainer: ')}", flush=True)
            return True
        print(f"preview: build failed, still serving the previous site: {lines[-1]}", flush=True)
        return False

    def _needs_fresh_worker(self, paths: list[Path]) -> bool:
        """Code, plugin or settings changes: anything a running worker may hold in memory."""
        code = [p for p in self.watched if p not in (self.content, self.theme)]
        return any(path in self.settings_files or any(folder == path or folder in path.parents for folder in code)
                   for path in paths)

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
        paths = self.watched = watched_paths(self.settings)
        print("preview: watching " + ", ".join(_display(p) for p in paths) + " and the settings", flush=True)
        stamps = self._stamps()
        first = True
        try:
            for changes in watchfiles.watch(*paths, watch_filter=self._relevant, stop_event=stop,
                                            rust_timeout=500, yield_on_timeout=True, debounce=300,
                                            raise_interrupt=False):
                if first:
                    first = False
                    self.build()
                    if on_first_build:
                        on_first_build()
                    continue
                changed_paths = sorted({Path(path).resolve() for _, path in changes})
                new_stamps = self._stamps()
                # Settings files are polled: editors replace them on save, which loses a file watch.
                changed_paths += [path for path in new_stamps if new_stamps[path] != stamps.get(path)]
                stamps = new_stamps
                if changed_paths:
                    changed = [_display(path) for path in changed_paths]
                    self.build(", ".join(changed[:3]) + (" …" if len(changed) > 3 else ""),
                               fresh=self._needs_fresh_worker(changed_paths))
        finally:
            self.worker.stop()


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
    parser = argparse.ArgumentParser(prog="python -m pelican.plugins.explainer.build.preview", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", "-s", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", "-o", type=Path, default=Path("output"))
    parser.add_argument("--bind", "-b", default="127.0.0.1")
    parser.add_argument("--port", "-p", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind index (faster rebuilds)")
    parser.add_argument("--build-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_worker:
        worker_loop()
        return 0
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
