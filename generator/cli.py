"""The ``explainer`` command line: extract, review, build, evaluate, evaluate-ner, evaluate-parser.

User errors (a missing file, a bad date, an unknown pipeline) print one line on stderr naming the file
and the problem; ``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from pathlib import Path

from .errors import ExplainerError, InputError
from .sanitise import terminal_safe

EXIT_USER_ERROR = 2
DEFAULT_CACHE = ".cache/explainer"  # as EXPLAINER_CACHE_PATH's default, here against the working folder


def _json_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract actors, quotes and timeline as JSON")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--date", help="publication date YYYY-MM-DD (overrides the file's Date)")
    extract.add_argument("--lang", help="article language (default: the file's Lang, else nl)")
    extract.add_argument("--out", type=Path, metavar="DIR", help="write DIR/<slug>.json per file")
    extract.add_argument("--model", default=None,
                         help="'default' (ours), 'rules', or an installed spaCy pipeline name or path")
    extract.add_argument("--strict", action="store_true",
                         help="a correction in FILE's .explainer.yaml that matches nothing is an error")
    extract.add_argument("--cache", metavar="DIR", default=None,
                         help="extraction cache: a folder or an fsspec URL such as s3://bucket/explainer "
                              f"(default: $EXPLAINER_CACHE_PATH, else {DEFAULT_CACHE})")
    extract.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    extract.add_argument("--scheduler", metavar="ADDRESS", default=None,
                         help="extract on this Dask cluster, e.g. tcp://10.0.0.5:8786, or 'local[:WORKERS]' "
                              "for one started on this machine (default: $EXPLAINER_SCHEDULER, else local "
                              "processes); needs the `dask` extra")

    review = commands.add_parser("review", help="list what an editor should check in an extraction")
    review.add_argument("file", type=Path, metavar="FILE")
    review.add_argument("--template", action="store_true",
                        help="write FILE's .explainer.yaml pre-filled with commented-out suggestions")
    review.add_argument("--date", help="publication date YYYY-MM-DD (overrides the file's Date)")
    review.add_argument("--lang", help="article language (default: the file's Lang, else nl)")
    review.add_argument("--model", default=None)

    evaluate = commands.add_parser("evaluate", help="score the extraction against gold annotations")
    evaluate.add_argument("gold", nargs="+", type=Path, metavar="GOLD.json")
    evaluate.add_argument("--model", default=None)
    evaluate.add_argument("--only", choices=["quotes", "dates", "actors", "figures"], action="append",
                          help="score only this (default: what the gold file annotates)")
    evaluate.add_argument("--cache", metavar="DIR", default=None,
                          help="reuse and fill this extraction cache (default: extract every article afresh)")
    evaluate.add_argument("--articles", type=Path, action="append", metavar="DIR",
                          help="folder holding the annotated articles (<docid>.md or .txt)")

    build = commands.add_parser("build", help="build the site atomically into OUTPUT (Pelican + search)")
    build.add_argument("--settings", "-s", type=Path, default=Path("pelicanconf.py"))
    build.add_argument("--output", "-o", type=Path, default=Path("output"))
    build.add_argument("--model", default=None)
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    build.add_argument("--strict", action="store_true",
                       help="a refused article fails the whole build (the previous site stays), and a "
                            "correction that matches nothing is an error (EXPLAINER_STRICT_CORRECTIONS); "
                            "default: the other articles are published, exit status 2")
    build.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="extract on this Dask cluster, or 'local[:WORKERS]' (EXPLAINER_SCHEDULER)")

    ner = commands.add_parser("evaluate-ner", help="score the pipeline's NER on a CoNLL file")
    ner.add_argument("file", type=Path)
    ner.add_argument("--encoding", default="latin-1")
    ner.add_argument("--model", default=None)

    dep = commands.add_parser("evaluate-parser",
                              help="score the pipeline's parser, lemmas and sentence boundaries on a CoNLL-U file")
    dep.add_argument("file", type=Path)
    dep.add_argument("--model", default=None)
    return parser


def _model_name(requested: str | None) -> str:
    """The CLI flag wins over the environment, which wins over the default pipeline."""
    from .extraction.service import resolve_model

    return resolve_model(requested)


def _cache(args):
    """The extraction cache of ``extract`` and ``evaluate``: --cache, else $EXPLAINER_CACHE_PATH, else
    ./.cache/explainer; None with --no-cache."""
    import os

    if getattr(args, "no_cache", False):
        return None
    return getattr(args, "cache", None) or os.environ.get("EXPLAINER_CACHE_PATH") or DEFAULT_CACHE


def _output_folder(folder: Path) -> None:
    """``extract --out DIR``: a folder, made if need be; one line if it cannot be."""
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "is a file, not a folder", field="--out", fix="name a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(folder, f"cannot be made ({err.strerror})", field="--out") from None


def _write_out(path: Path, text: str) -> None:
    """One output file, written atomically (a reader never sees half of it)."""
    from .files import write_atomically

    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as err:
        raise InputError(path, f"cannot be written ({err.strerror})", field="--out") from None


def run_extract(args) -> int:
    import os

    from .editorial.corrections import correct, export_json
    from .extraction.reading import read_article
    from .extraction.service import Extractor

    sources, failed = [], False
    for path in args.files:
        try:
            sources.append(read_article(path, date=args.date, lang=args.lang))
        except InputError as err:
            print(f"explainer: {err.line()}", file=sys.stderr)
            failed = True
    if sources:
        extractor = Extractor(model=args.model, cache=_cache(args),
                              scheduler=args.scheduler or os.environ.get("EXPLAINER_SCHEDULER") or None)
        if args.out:
            _output_folder(args.out)
        for item in extractor.run(sources):
            if item.error is not None:  # reported; the other articles are written all the same
                print(f"explainer: {item.line()}", file=sys.stderr)
                failed = True
                continue
            extraction = item.extraction
            for warning in extraction.warnings:
                print(f"explainer: {extraction.article.source_path}: warning: {warning}", file=sys.stderr)
            try:  # the article's sibling .explainer.yaml, if any
                corrected = correct(extraction, extraction.article.source_path, strict=args.strict)
            except InputError as err:
                print(f"explainer: {err.line()}", file=sys.stderr)
                failed = True
                continue
            for warning in corrected.warnings:
                print(f"explainer: warning: {warning}", file=sys.stderr)
            data = export_json(corrected)
            if args.out:
                _write_out(args.out / f"{extraction.article.slug}.json", _json_dumps(data))
            elif len(args.files) == 1:
                sys.stdout.write(_json_dumps(data))
            else:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    return EXIT_USER_ERROR if failed else 0


def run_review(args) -> int:
    from .editorial.schema import corrections_path
    from .editorial.corrections import correct
    from .extraction.run import extract
    from .extraction.nlp import load_pipeline
    from .extraction.reading import read_article
    from .editorial.review import format_review, review_items, write_template

    if args.template and corrections_path(args.file).exists():
        raise InputError(corrections_path(args.file), "already exists; not overwritten",
                         fix="edit it, or move it away to write a fresh template")
    source = read_article(args.file, date=args.date, lang=args.lang)
    extraction = extract(source, load_pipeline(_model_name(args.model), source.meta.lang))
    if args.template:
        target = write_template(args.file, extraction, review_items(extraction))
        print(f"explainer: wrote {target}")
        return 0
    corrected = correct(extraction, args.file)  # review what is left after the editors' corrections
    sys.stdout.write(format_review(corrected.extraction, review_items(corrected.extraction),
                                   [*extraction.warnings, *corrected.warnings]))
    return 0


def _require_file(path: Path) -> None:
    if not path.exists():
        raise InputError(path, "file not found")
    if not path.is_file():
        raise InputError(path, "is not a file")


@contextmanager
def _about(path: Path, debug: bool = False):
    """Errors while reading or scoring ``path`` (bad JSON, a missing field, a wrong encoding, a
    pipeline without NER) as one line naming it; ``--debug`` keeps the traceback."""
    try:
        yield
    except ExplainerError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
        if debug:
            raise
        detail = str(err).strip().splitlines()
        if isinstance(err, KeyError):
            detail = [f"missing field {err.args[0]!r}" if err.args else ""]
        raise InputError(path, f"{type(err).__name__}" + (f": {detail[0]}" if detail and detail[0] else "")) from None


def run_evaluate(args) -> int:
    from .evaluation import actors, dates, figures, quotes
    from .evaluation.gold import extract_gold

    scorers = {"quotes": quotes, "dates": dates, "actors": actors, "figures": figures}
    summaries = []
    for gold_path in args.gold:
        _require_file(gold_path)
        with _about(gold_path, args.debug):
            pairs = extract_gold(gold_path, _model_name(args.model), article_dirs=args.articles, cache=args.cache)
            print(f"# {gold_path} ({len(pairs)} documents, model {_model_name(args.model)})")
            annotated = [name for name in scorers if any(name in p.gold for p in pairs)]
            for name in args.only or annotated:
                scores = scorers[name].score(pairs)
                print(f"\n## {name}")
                print(scorers[name].report(scores))
                if name == "quotes":
                    summaries.append(quotes.summary(Path(gold_path).name.removesuffix(".gold.json"), scores))
    if summaries:
        print("\n# summary (quotes)")
        print("\n".join(summaries))
    return 0


def run_build(args) -> int:
    import os

    from .build.atomic import build_site

    if args.model:
        os.environ["EXPLAINER_SPACY_MODEL"] = args.model
    if args.strict:
        os.environ["EXPLAINER_STRICT_CORRECTIONS"] = "1"
    if args.scheduler:
        os.environ["EXPLAINER_SCHEDULER"] = args.scheduler
    if not args.settings.exists():
        raise InputError(args.settings, "settings file not found")
    output = build_site(args.settings, args.output, search=not args.no_search, strict=args.strict)
    print(f"explainer: site built in {output}")
    return 0


def run_evaluate_ner(args) -> int:
    from .evaluation.ner import evaluate_ner, format_ner_report

    _require_file(args.file)
    with _about(args.file, args.debug):
        report = format_ner_report(evaluate_ner(args.file, encoding=args.encoding, model=_model_name(args.model)))
    print(report)
    return 0


def run_evaluate_parser(args) -> int:
    from .evaluation.parser import evaluate_parser, format_parser_report

    if not args.file.exists():
        raise InputError(args.file, "file not found")
    try:
        scores = evaluate_parser(args.file, model=_model_name(args.model))
    except (ValueError, UnicodeDecodeError) as err:  # not CoNLL-U, or a pipeline without a parser
        raise InputError(args.file, str(err).splitlines()[0][:200]) from None
    print(format_parser_report(scores))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"extract": run_extract, "review": run_review, "build": run_build, "evaluate": run_evaluate, "evaluate-ner": run_evaluate_ner,
                "evaluate-parser": run_evaluate_parser}
    try:
        return handlers[args.command](args)
    except ExplainerError as err:
        if args.debug:
            raise
        print(terminal_safe(f"explainer: {err}"), file=sys.stderr)  # it may quote an article's text
        return EXIT_USER_ERROR
    except SyntaxError as err:  # an edited module (ours, a plugin's) that does not parse
        if args.debug:
            raise
        print(f"explainer: {err.filename}: line {err.lineno}: SyntaxError: {err.msg}", file=sys.stderr)
        return EXIT_USER_ERROR
